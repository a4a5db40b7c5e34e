#include "admin-cli/command/failure.h"

#include <utility>

namespace prepaid::cli {

nlohmann::json Failure::to_json() const {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  if (!details.empty()) error["details"] = details;
  return {{"error", std::move(error)}};
}

Failure failure_from(const billing::Problem& problem) {
  using billing::ErrorCode;
  Failure f;
  f.code = std::string(to_string(problem.code));
  f.message = problem.message;
  f.details = problem.details;
  f.field = problem.field;
  switch (problem.code) {
    case ErrorCode::invalid_argument:
      f.http_status = 400;
      f.exit = ExitCode::refused;
      break;
    case ErrorCode::not_found:
      f.http_status = 404;
      f.exit = ExitCode::not_found;
      break;
    case ErrorCode::forbidden:
      f.http_status = 403;
      f.exit = ExitCode::forbidden;
      break;
    case ErrorCode::conflict:
      f.http_status = 409;
      f.exit = ExitCode::conflict;
      break;
    case ErrorCode::currency_mismatch:
      f.http_status = 422;
      f.exit = ExitCode::refused;
      break;
    case ErrorCode::failed_precondition:
      f.http_status = 412;
      f.exit = ExitCode::refused;
      break;
  }
  return f;
}

Failure input_failure(std::string field, std::string message) {
  return Failure{"invalid_argument", std::move(message), std::move(field), {}, 400,
                 ExitCode::refused};
}

Failure unavailable_failure(std::string message) {
  return Failure{"unavailable", std::move(message), {}, {}, 503, ExitCode::unavailable};
}

Failure schema_failure(std::string message) {
  return Failure{"schema_mismatch", std::move(message), {}, {}, 503, ExitCode::unavailable};
}

Failure database_failure(std::string message) {
  return Failure{"database_error", std::move(message), {}, {}, 500, ExitCode::unavailable};
}

Failure internal_failure(std::string message) {
  return Failure{"internal", std::move(message), {}, {}, 500, ExitCode::internal};
}

}  // namespace prepaid::cli

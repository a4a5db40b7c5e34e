#pragma once
/// @file failure.h
/// @brief Failure: why a command or a request did not do its work, with its stable code, its
/// HTTP status and its prepaidctl exit code; ExitCode; InputError.

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "billing/result.h"

namespace prepaid::cli {

/// @brief prepaidctl's exit codes (README, "Exit codes"). Stable: scripts test them.
enum class ExitCode : int {
  ok = 0,
  refused = 1,       ///< invalid input, or a business refusal (wrong currency, dropped card…)
  usage = 2,         ///< bad command line (unknown option, missing argument)
  not_found = 3,     ///< no such card, tariff, operator…
  forbidden = 4,     ///< the operator's role may not do this, or no such operator
  conflict = 5,      ///< already exists
  unavailable = 6,   ///< database unreachable, or its schema is not this version's
  check_failed = 7,  ///< a check ran and found problems (ledger check)
  internal = 8,      ///< a bug or an unexpected storage error (see the message)
};

/// @brief A refusal as both front ends report it: JSON `{"error": {code, message, field,
/// details}}` with an HTTP status for the API, a message on stderr and an exit code for the
/// CLI. Nothing was changed.
struct Failure {
  std::string code;     ///< stable: "invalid_argument", "not_found", "unauthenticated", …
  std::string message;  ///< one line, names the bad value (never a secret)
  std::string field;    ///< the offending input for validation errors, else empty
  std::vector<std::string> details;  ///< e.g. every bad line of an import
  int http_status = 400;
  ExitCode exit = ExitCode::refused;

  /// `{"error": {"code": …, "message": …, "field": … (when set), "details": […] (when any)}}`
  nlohmann::json to_json() const;
};

/// The Failure for a service's Problem, with its field (invalid_argument 400, not_found 404,
/// forbidden 403, conflict 409, currency_mismatch 422, failed_precondition 412).
Failure failure_from(const billing::Problem& problem);
/// A validation failure naming `field` (invalid_argument, 400, exit 1).
Failure input_failure(std::string field, std::string message);
/// Database unreachable (unavailable, 503, exit 6).
Failure unavailable_failure(std::string message);
/// Database schema of another version (schema_mismatch, 503, exit 6).
Failure schema_failure(std::string message);
/// The database refused the work for another reason than being down (a wrong login, missing
/// privileges, a broken schema): database_error, 500, exit 6.
Failure database_failure(std::string message);
/// A bug (internal, 500, exit 8).
Failure internal_failure(std::string message);

/// @brief Thrown by Input's readers: the value of `field` is missing or malformed.
class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& message)
      : std::runtime_error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace prepaid::cli

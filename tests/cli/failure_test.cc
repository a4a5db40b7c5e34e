#include "admin-cli/command/failure.h"

#include <doctest/doctest.h>

using prepaid::billing::ErrorCode;
using prepaid::billing::refuse;
using prepaid::cli::ExitCode;
using prepaid::cli::failure_from;

TEST_CASE("each service refusal has its HTTP status and its prepaidctl exit code") {
  // Proves the one mapping both front ends use (README: exit codes; OpenAPI: responses).
  struct Case {
    ErrorCode code;
    int http;
    ExitCode exit;
    const char* text;
  };
  for (const Case& c :
       {Case{ErrorCode::invalid_argument, 400, ExitCode::refused, "invalid_argument"},
        Case{ErrorCode::not_found, 404, ExitCode::not_found, "not_found"},
        Case{ErrorCode::forbidden, 403, ExitCode::forbidden, "forbidden"},
        Case{ErrorCode::conflict, 409, ExitCode::conflict, "conflict"},
        Case{ErrorCode::currency_mismatch, 422, ExitCode::refused, "currency_mismatch"},
        Case{ErrorCode::failed_precondition, 412, ExitCode::refused, "failed_precondition"}}) {
    CAPTURE(c.text);
    const auto f = failure_from(refuse(c.code, "why"));
    CHECK(f.http_status == c.http);
    CHECK(f.exit == c.exit);
    CHECK(f.code == c.text);
  }
}

TEST_CASE("the JSON error carries the code, the message, the field and the details") {
  // Proves the error shape of the API (and of prepaidctl --json on stderr).
  const auto f = failure_from(
      refuse(ErrorCode::invalid_argument, "count must be 1..100000", {"line 2: x"}).about("count"));
  const auto j = f.to_json();
  CHECK(j["error"]["code"] == "invalid_argument");
  CHECK(j["error"]["message"] == "count must be 1..100000");
  CHECK(j["error"]["field"] == "count");
  CHECK(j["error"]["details"][0] == "line 2: x");
  const auto plain = failure_from(refuse(ErrorCode::not_found, "no card 1")).to_json();
  CHECK_FALSE(plain["error"].contains("field"));
  CHECK_FALSE(plain["error"].contains("details"));
}

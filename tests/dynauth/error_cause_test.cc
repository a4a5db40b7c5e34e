// Proves every Error-Cause of RFC 5176 §3.5 has its name and others have none.
#include "dynauth/error_cause.h"

#include <doctest/doctest.h>

#include "dynauth/disconnect_outcome.h"

using namespace prepaid::dynauth;

TEST_CASE("RFC 5176 Error-Cause values are named") {
  CHECK(error_cause_name(503) == "Session Context Not Found");
  CHECK(error_cause_name(403) == "NAS Identification Mismatch");
  CHECK(error_cause_name(201) == "Residual Session Context Removed");
  CHECK(error_cause_name(508) == "Multiple Session Selection Unsupported");
  for (std::uint32_t v : {0u, 200u, 203u, 400u, 408u, 500u, 509u, 65535u})
    CHECK(error_cause_name(v).empty());
}

TEST_CASE("outcome names round-trip") {
  for (Outcome o :
       {Outcome::ack, Outcome::nak, Outcome::no_answer, Outcome::bad_answer, Outcome::error})
    CHECK(parse_outcome(to_string(o)) == o);
  CHECK_FALSE(parse_outcome("ACK"));
}

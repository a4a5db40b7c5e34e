#include "radius-module/disconnect_cause.h"

#include <doctest/doctest.h>

using namespace prepaid::radius;

TEST_CASE("h323-disconnect-cause is hexadecimal") {
  // Proves "10" means Q.850 cause 16 (normal clearing), not ten.
  CHECK(parse_disconnect_cause("10") == kNormalClearing);
  CHECK(parse_disconnect_cause("1F") == 31);
  CHECK(parse_disconnect_cause("1f") == 31);
  CHECK(parse_disconnect_cause("a") == 10);
  CHECK(parse_disconnect_cause("A0") == 160);
}

TEST_CASE("malformed disconnect causes are rejected") {
  // Proves non-hex, empty and over-long values give nullopt.
  CHECK_FALSE(parse_disconnect_cause(""));
  CHECK_FALSE(parse_disconnect_cause("G1"));
  CHECK_FALSE(parse_disconnect_cause("100"));
  CHECK_FALSE(parse_disconnect_cause(" 1"));
}

// The shop's rounding steps and the receipt header's stored form (billing/shops/shop.h).
#include "billing/shops/shop.h"

#include <doctest/doctest.h>

namespace prepaid::billing {
namespace {

rating::Money m(const char* text) {
  return *rating::Money::parse(text);
}

}  // namespace

TEST_CASE("only 0.01, 0.05, 0.10 and 1.00 are rounding steps") {
  // Proves is_rounding_step accepts the four steps and nothing else.
  CHECK(is_rounding_step(m("0.01")));
  CHECK(is_rounding_step(m("0.05")));
  CHECK(is_rounding_step(m("0.1")));
  CHECK(is_rounding_step(m("1")));
  CHECK_FALSE(is_rounding_step(m("0.02")));
  CHECK_FALSE(is_rounding_step(m("0")));
  CHECK_FALSE(is_rounding_step(m("-0.05")));
}

TEST_CASE("receipt header lines survive their stored form") {
  // Proves split_header inverts join_header, and that no lines are stored as "".
  const std::vector<std::string> lines{"Corner Calls", "", "1 Main Street"};
  CHECK(split_header(join_header(lines)) == lines);
  CHECK(split_header("").empty());
}

}  // namespace prepaid::billing

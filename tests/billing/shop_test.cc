// Counter rounding and the receipt header's stored form (billing/shops/shop.h).
#include "billing/shops/shop.h"

#include <doctest/doctest.h>

namespace prepaid::billing {
namespace {

rating::Money m(const char* text) {
  return *rating::Money::parse(text);
}

}  // namespace

TEST_CASE("a counter total is rounded to the shop's step, up, down or to the nearest") {
  // Proves round_to_step on exact micro-units: ties go up, exact multiples stay, signs mirror.
  const auto step = m("0.05");
  CHECK(round_to_step(m("2.01"), step, CounterRounding::up) == m("2.05"));
  CHECK(round_to_step(m("2.000001"), step, CounterRounding::up) == m("2.05"));
  CHECK(round_to_step(m("2.05"), step, CounterRounding::up) == m("2.05"));
  CHECK(round_to_step(m("2.04"), step, CounterRounding::down) == m("2.00"));
  CHECK(round_to_step(m("2.024999"), step, CounterRounding::nearest) == m("2.00"));
  CHECK(round_to_step(m("2.025"), step, CounterRounding::nearest) == m("2.05"));
  CHECK(round_to_step(m("-2.01"), step, CounterRounding::up) == m("-2.05"));
  CHECK(round_to_step(m("7.49"), m("1.00"), CounterRounding::nearest) == m("7.00"));
  CHECK(round_to_step(m("7.50"), m("1.00"), CounterRounding::nearest) == m("8.00"));
  CHECK(round_to_step(m("0.003"), m("0.01"), CounterRounding::up) == m("0.01"));
}

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
  CHECK(parse_counter_rounding(to_string(CounterRounding::down)) == CounterRounding::down);
  CHECK_FALSE(parse_counter_rounding("half-up"));
}

}  // namespace prepaid::billing

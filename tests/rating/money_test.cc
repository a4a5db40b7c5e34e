#include "rating/money.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>

using prepaid::rating::Money;
using prepaid::rating::MoneyOverflow;

TEST_CASE("parse reads plain decimals exactly into micro-units") {
  // Proves the accepted grammar and the scale: sign, digits, up to six decimals.
  CHECK(Money::parse("12")->micros() == 12'000'000);
  CHECK(Money::parse("-0.5")->micros() == -500'000);
  CHECK(Money::parse("0.0123")->micros() == 12'300);
  CHECK(Money::parse("+3.000001")->micros() == 3'000'001);
  CHECK(Money::parse("0.000205")->micros() == 205);
  CHECK(Money::parse("-9223372036854.775808")->micros() ==
        std::numeric_limits<std::int64_t>::min());
  CHECK(Money::parse("9223372036854.775807")->micros() == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("parse refuses malformed, over-precise and out-of-range text") {
  // Proves that nothing is rounded or guessed silently.
  for (const char* bad :
       {"", "-", "+", ".5", "5.", "1,5", "1.2.3", " 1", "1 ", "1e3", "0x10", "1.0000001",
        "9223372036854.775808", "-9223372036854.775809", "99999999999999999999", "abc", "--1"}) {
    CAPTURE(bad);
    CHECK_FALSE(Money::parse(bad).has_value());
  }
}

TEST_CASE("to_string prints the minimum decimals and never loses a digit") {
  // Proves the display format and that printing then parsing is the identity.
  CHECK(Money::from_units(10).to_string() == "10.00");
  CHECK(Money::parse("0.0123")->to_string() == "0.0123");
  CHECK(Money::parse("-3.5")->to_string() == "-3.50");
  CHECK(Money::parse("7")->to_string(0) == "7");
  CHECK(Money::parse("7.1")->to_string(0) == "7.1");
  CHECK(Money::parse("1")->to_string(6) == "1.000000");
  CHECK(Money::from_micros(std::numeric_limits<std::int64_t>::min()).to_string() ==
        "-9223372036854.775808");
  std::mt19937_64 rng(42);
  for (int i = 0; i < 20000; ++i) {
    auto m = Money::from_micros(static_cast<std::int64_t>(rng()) >> (rng() % 60));
    int decimals = static_cast<int>(rng() % 7);
    CAPTURE(m.micros());
    CHECK(Money::parse(m.to_string(decimals)) == m);
  }
}

TEST_CASE("arithmetic is checked: overflow throws instead of wrapping") {
  // Proves that every operator detects leaving the 64-bit range.
  auto max = Money::from_micros(std::numeric_limits<std::int64_t>::max());
  auto min = Money::from_micros(std::numeric_limits<std::int64_t>::min());
  auto one = Money::from_micros(1);
  CHECK_THROWS_AS(max + one, MoneyOverflow);
  CHECK_THROWS_AS(min - one, MoneyOverflow);
  CHECK_THROWS_AS(-min, MoneyOverflow);
  CHECK_THROWS_AS(max * 2, MoneyOverflow);
  CHECK_THROWS_AS(Money::from_units(std::numeric_limits<std::int64_t>::max() / 100), MoneyOverflow);
  CHECK((Money::parse("1.25").value() + Money::parse("0.75").value()) == Money::from_units(2));
  CHECK((Money::parse("1.25").value() * 4) == Money::from_units(5));
  CHECK((-Money::parse("1.25").value()).micros() == -1'250'000);
  Money acc;
  acc += Money::from_units(3);
  acc -= Money::parse("0.5").value();
  CHECK(acc.to_string() == "2.50");
  CHECK(Money::parse("-0.01")->is_negative());
  CHECK(Money().is_zero());
}

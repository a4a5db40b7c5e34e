#include "rating/exact_amount.h"

#include <doctest/doctest.h>

#include <random>

using prepaid::rating::ExactAmount;
using prepaid::rating::Int128;
using prepaid::rating::Money;
using prepaid::rating::MoneyOverflow;
using prepaid::rating::RoundingMethod;

namespace {
Money m(const char* text) {
  return Money::parse(text).value();
}
}  // namespace

TEST_CASE("per_unit is exact and reduced") {
  // Proves rate × seconds / unit keeps sub-micro fractions and reduces them by the gcd.
  auto a = ExactAmount::per_unit(m("0.01"), 1, 60);  // 10000/60 = 500/3 micros
  CHECK(a.numerator() == 500);
  CHECK(a.denominator() == 3);
  CHECK_FALSE(a.is_whole_micros());
  auto b = ExactAmount::per_unit(m("0.0123"), 1, 60);  // 0.000205 exactly
  CHECK(b.is_whole_micros());
  CHECK(b == ExactAmount(m("0.000205")));
  CHECK(ExactAmount::per_unit(m("0.60"), 960, 60) == ExactAmount(m("9.60")));
}

TEST_CASE("sums of fractions are exact") {
  // Proves that 60 one-second pieces of 0.01/min add up to exactly 0.01.
  ExactAmount sum;
  for (int i = 0; i < 60; ++i) sum += ExactAmount::per_unit(m("0.01"), 1, 60);
  CHECK(sum == ExactAmount(m("0.01")));
  auto third = ExactAmount::per_unit(m("0.000001"), 1, 3);
  auto seventh = ExactAmount::per_unit(m("0.000001"), 1, 7);
  auto total = third + seventh;  // 10/21
  CHECK(total.numerator() == 10);
  CHECK(total.denominator() == 21);
  CHECK((total - seventh) == third);
  CHECK(third * 3 == ExactAmount(m("0.000001")));
}

TEST_CASE("ordering compares exact values") {
  // Proves <=> on fractions with different denominators, including negatives.
  auto third = ExactAmount::fraction(1, 3);
  auto half = ExactAmount::fraction(1, 2);
  CHECK(third < half);
  CHECK(ExactAmount::fraction(-1, 2) < ExactAmount::fraction(-1, 3));
  CHECK(ExactAmount::fraction(2, 4) == half);
  CHECK(ExactAmount::fraction(Int128(1) << 100, 3) > ExactAmount::fraction(Int128(1) << 100, 5));
  std::mt19937_64 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::int64_t a = static_cast<std::int64_t>(rng() % 2000001) - 1000000;
    std::int64_t b = static_cast<std::int64_t>(rng() % 1000) + 1;
    std::int64_t c = static_cast<std::int64_t>(rng() % 2000001) - 1000000;
    std::int64_t d = static_cast<std::int64_t>(rng() % 1000) + 1;
    auto x = ExactAmount::fraction(a, b);
    auto y = ExactAmount::fraction(c, d);
    CHECK((x < y) == (Int128(a) * d < Int128(c) * b));
    CHECK((x == y) == (Int128(a) * d == Int128(c) * b));
  }
}

TEST_CASE("round follows each method at every number of decimals") {
  // Proves up/down/half-up/half-even, including ties and negative values.
  auto v = [](const char* t) { return ExactAmount(Money::parse(t).value()); };
  CHECK(v("1.231").round(RoundingMethod::up, 2) == m("1.24"));
  CHECK(v("1.231").round(RoundingMethod::down, 2) == m("1.23"));
  CHECK(v("1.235").round(RoundingMethod::half_up, 2) == m("1.24"));
  CHECK(v("1.225").round(RoundingMethod::half_even, 2) == m("1.22"));
  CHECK(v("1.235").round(RoundingMethod::half_even, 2) == m("1.24"));
  CHECK(v("1.2351").round(RoundingMethod::half_even, 2) == m("1.24"));
  CHECK(v("-1.235").round(RoundingMethod::half_up, 2) == m("-1.24"));
  CHECK(v("-1.231").round(RoundingMethod::up, 2) == m("-1.23"));
  CHECK(v("-1.231").round(RoundingMethod::down, 2) == m("-1.24"));
  CHECK(v("1.20").round(RoundingMethod::up, 2) == m("1.20"));
  CHECK(v("2.5").round(RoundingMethod::half_even, 0) == m("2"));
  CHECK(v("3.5").round(RoundingMethod::half_even, 0) == m("4"));
  CHECK(v("0.000001").round(RoundingMethod::up, 0) == m("1"));
  // 1/3 micro at 6 decimals: up -> 1 micro, down/half -> 0.
  auto third = ExactAmount::per_unit(m("0.000001"), 1, 3);
  CHECK(third.round(RoundingMethod::up, 6) == m("0.000001"));
  CHECK(third.round(RoundingMethod::down, 6) == Money());
  CHECK(third.round(RoundingMethod::half_up, 6) == Money());
  auto half_micro = ExactAmount::per_unit(m("0.000001"), 1, 2);
  CHECK(half_micro.round(RoundingMethod::half_up, 6) == m("0.000001"));
  CHECK(half_micro.round(RoundingMethod::half_even, 6) == Money());
  CHECK_THROWS_AS(third.round(RoundingMethod::up, 7), MoneyOverflow);
}

TEST_CASE("round agrees with a brute-force definition on random fractions") {
  // Proves round() against: the multiple of the step just below/above, chosen by the method.
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    std::int64_t num = static_cast<std::int64_t>(rng() % 20000001) - 10000000;
    std::int64_t den = static_cast<std::int64_t>(rng() % 120) + 1;
    int decimals = static_cast<int>(rng() % 7);
    std::int64_t step = 1;
    for (int k = decimals; k < 6; ++k) step *= 10;
    auto x = ExactAmount::fraction(num, den);
    // Candidate multiples of step around num/den.
    std::int64_t lo = (num / den / step - 2) * step;
    while (Int128(lo + step) * den <= num) lo += step;  // lo = floor to step
    std::int64_t hi = Int128(lo) * den == num ? lo : lo + step;
    auto dist_lo = Int128(num) - Int128(lo) * den;  // × 1/den
    auto dist_hi = Int128(hi) * den - Int128(num);
    CAPTURE(num);
    CAPTURE(den);
    CAPTURE(decimals);
    CHECK(x.round(RoundingMethod::up, decimals).micros() == hi);
    CHECK(x.round(RoundingMethod::down, decimals).micros() == lo);
    std::int64_t half_up = dist_lo < dist_hi ? lo : dist_hi < dist_lo ? hi : (num > 0 ? hi : lo);
    std::int64_t half_even = dist_lo < dist_hi   ? lo
                             : dist_hi < dist_lo ? hi
                                                 : ((lo / step) % 2 == 0 ? lo : hi);
    CHECK(x.round(RoundingMethod::half_up, decimals).micros() == half_up);
    CHECK(x.round(RoundingMethod::half_even, decimals).micros() == half_even);
  }
}

TEST_CASE("overflow throws and to_string marks inexact values") {
  // Proves the overflow checks and the display text.
  auto huge = ExactAmount::fraction(Int128(1) << 120, 1);
  CHECK_THROWS_AS(huge * (1ull << 10), MoneyOverflow);
  CHECK_THROWS_AS(huge.round(RoundingMethod::up, 2), MoneyOverflow);
  CHECK_THROWS_AS(ExactAmount::fraction(1, 0), MoneyOverflow);
  CHECK(ExactAmount(m("1.5")).to_string() == "1.50");
  CHECK(ExactAmount::per_unit(m("0.01"), 1, 60).to_string() == "~0.000167");
}

#pragma once
/// @file exact_amount.h
/// @brief ExactAmount: an unrounded price, kept as an exact fraction of a micro-unit.

#include <compare>
#include <cstdint>
#include <string>

#include "rating/money.h"
#include "rating/rounding.h"

namespace prepaid::rating {

/// 128-bit integer for exact intermediate products (__extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;

/// @brief An exact, not yet rounded amount: numerator / denominator micro-units.
///
/// A span's price is rate × seconds / rate_unit_s, which need not be a whole number of
/// micro-units (0.01 per minute for 1 s is 0.000166…). Spans are summed exactly as fractions
/// and the total is rounded once (Rounding). The denominator is always positive and kept
/// reduced; arithmetic throws MoneyOverflow instead of wrapping.
class ExactAmount {
 public:
  ExactAmount() = default;
  explicit ExactAmount(Money money);
  /// rate × seconds / rate_unit_s (rate_unit_s > 0).
  static ExactAmount per_unit(Money rate, std::uint64_t seconds, std::uint32_t rate_unit_s);
  /// numerator / denominator micro-units (denominator > 0), reduced. Throws MoneyOverflow
  /// when the denominator is not positive.
  static ExactAmount fraction(Int128 numerator, std::int64_t denominator);

  ExactAmount operator+(const ExactAmount& other) const;
  ExactAmount& operator+=(const ExactAmount& other) { return *this = *this + other; }
  ExactAmount operator-(const ExactAmount& other) const;
  /// this × factor, exact; throws MoneyOverflow.
  ExactAmount operator*(std::uint64_t factor) const;
  std::strong_ordering operator<=>(const ExactAmount& other) const;
  bool operator==(const ExactAmount& other) const;

  /// Rounds to `decimals` (0..6) decimals by `method`.
  Money round(RoundingMethod method, int decimals) const;
  /// True when the value is a whole number of micro-units.
  bool is_whole_micros() const { return denominator_ == 1; }
  /// Display text: exact when whole micro-units, else rounded half-even to 6 decimals and
  /// prefixed with "~".
  std::string to_string() const;

  Int128 numerator() const { return numerator_; }
  std::int64_t denominator() const { return denominator_; }

 private:
  Int128 numerator_ = 0;  // micro-units × denominator_
  std::int64_t denominator_ = 1;
};

}  // namespace prepaid::rating

#pragma once
/// @file money.h
/// @brief Money: exact fixed-point amounts. Never floating point.

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace prepaid::rating {

/// Thrown when an operation on Money would leave its 64-bit range. Overflow is an error, never
/// a wrap-around.
class MoneyOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

/// @brief An exact amount of money: a signed count of micro-units (10^-6 of the main unit).
///
/// Six decimals make per-second billing of rates such as 0.0123 per minute exact
/// (0.0123 / 60 = 0.000205). The range is about ±9.2 trillion main units. Money has no
/// currency: where an amount crosses an interface it travels as an Amount (currency.h).
class Money {
 public:
  static constexpr int kDecimals = 6;
  static constexpr std::int64_t kMicrosPerUnit = 1'000'000;

  constexpr Money() = default;
  static constexpr Money from_micros(std::int64_t micros) { return Money(micros); }
  /// Whole main units (e.g. 15 -> 15.000000). Throws MoneyOverflow when out of range.
  static Money from_units(std::int64_t units);

  /// Parses a plain decimal: optional sign, digits, optional '.' and at most 6 decimals
  /// ("12", "-0.5", "0.0123", "+3.000001"). No exponent, spaces or separators. Returns
  /// nullopt when malformed, when it has more than 6 decimals (never rounds silently) or when
  /// it is out of range.
  static std::optional<Money> parse(std::string_view text);

  constexpr std::int64_t micros() const { return micros_; }

  /// Decimal text with at least `min_decimals` decimals (0..6) and no trailing zeros beyond
  /// them: "10.00", "0.0123", "-3.50". parse(to_string(n)) == *this for every value and n.
  std::string to_string(int min_decimals = 2) const;

  Money operator+(Money other) const;          ///< throws MoneyOverflow
  Money operator-(Money other) const;          ///< throws MoneyOverflow
  Money operator-() const;                     ///< throws MoneyOverflow
  Money operator*(std::int64_t factor) const;  ///< throws MoneyOverflow
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }

  constexpr bool is_zero() const { return micros_ == 0; }
  constexpr bool is_negative() const { return micros_ < 0; }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

}  // namespace prepaid::rating

#pragma once
/// @file currency.h
/// @brief ISO 4217 currencies, and Amount: money with its currency.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "rating/money.h"

namespace prepaid::rating {

/// @brief An active ISO 4217 alphabetic currency code and its number of minor-unit digits.
class Currency {
 public:
  /// nullopt unless `code` is an active ISO 4217 code in upper case ("EUR", "BGN", "USD").
  static std::optional<Currency> from_code(std::string_view code);

  std::string_view code() const { return {code_.data(), code_.size()}; }
  /// Decimals of the minor unit: 2 for EUR and USD, 0 for JPY, 3 for KWD.
  int minor_unit_digits() const { return minor_digits_; }
  /// The minor unit as Money: 0.01 for EUR, 1 for JPY, 0.001 for KWD.
  Money minor_unit() const;
  /// True when `money` is a whole number of minor units: 5.01 EUR is, 5.001 EUR is not (what
  /// a cashier can hand over). Prices per minute may be finer; amounts entered for a card may
  /// not.
  bool holds_exactly(Money money) const;

  bool operator==(const Currency& other) const { return code_ == other.code_; }

 private:
  Currency(std::array<char, 3> code, int minor_digits) : code_(code), minor_digits_(minor_digits) {}
  std::array<char, 3> code_;
  int minor_digits_;
};

/// @brief Money with its currency: the form amounts take when they cross an interface
/// (CDRs, ledger rows, RADIUS replies, the API).
struct Amount {
  Money money;
  Currency currency;

  /// "12.50 EUR" style: money.to_string(currency.minor_unit_digits()) + ' ' + code.
  std::string to_string() const;
  bool operator==(const Amount&) const = default;
};

}  // namespace prepaid::rating

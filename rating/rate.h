#pragma once
/// @file rate.h
/// @brief Rate: one row of a rate deck (price list).

#include <cstdint>
#include <optional>
#include <string>

#include "rating/currency.h"
#include "rating/money.h"

namespace prepaid::rating {

/// @brief The price of calls to numbers that start with `prefix` (CGRateS vocabulary).
///
/// Billing: a call of d seconds is free when d <= grace_s (or unanswered); otherwise it is
/// billed first_increment_s, then whole increment_s blocks until d is covered. Each block costs
/// rate × block / rate_unit_s; connect_fee is added once.
struct Rate {
  std::string prefix;       ///< normalised digits, 1..kMaxNumberDigits
  std::string destination;  ///< human name, e.g. "United Kingdom Mobile"
  Money rate;               ///< sell price per rate_unit_s seconds, >= 0
  std::uint32_t rate_unit_s = 60;
  Money connect_fee;                     ///< >= 0, charged once on an answered, billed call
  std::uint32_t first_increment_s = 60;  ///< >= 1
  std::uint32_t increment_s = 60;        ///< >= 1
  std::uint32_t grace_s = 0;             ///< calls this short or shorter are free
  std::optional<Money> buy_rate;         ///< vendor cost per rate_unit_s, for margins
  /// The currency of buy_rate when it is not the tariff's (a vendor billing in USD for a BGN
  /// tariff); nullopt = the tariff's currency. Only with a buy_rate. There are no exchange
  /// rates: a buy amount in another currency is shown in it and never added to sell amounts.
  std::optional<Currency> buy_currency;

  bool operator==(const Rate&) const = default;
};

}  // namespace prepaid::rating

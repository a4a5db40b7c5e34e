#pragma once
/// @file rate.h
/// @brief Rate: one row of a rate deck (price list).

#include <cstdint>
#include <optional>
#include <string>

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

  bool operator==(const Rate&) const = default;
};

}  // namespace prepaid::rating

#pragma once
/// @file shop.h
/// @brief Shop: a callshop counter — its currency, time zone, the tariffs its booths sell at
/// and it pays at, its receipt header, and how totals are rounded at the counter.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/counter/cash_rounding.h"
#include "billing/counter/receipt.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using ShopId = std::int64_t;

/// The rounding steps a shop may use: 0.01, 0.05, 0.10 and 1.00 of its currency.
bool is_rounding_step(rating::Money step);

/// The widest receipt header line (a 48-column thermal printer); at most kMaxReceiptHeaderLines
/// (receipt.h) of them.
inline constexpr std::size_t kMaxReceiptHeaderWidth = 48;

/// @brief A shop as stored.
struct Shop {
  ShopId id = 0;
  std::string name;           ///< a label (billing/label.h), unique
  std::string currency;       ///< ISO 4217; its booths' and its retail tariff's currency
  std::string time_zone;      ///< IANA zone of the counter ("Europe/Sofia")
  std::string retail_tariff;  ///< the tariff its booths sell at
  std::optional<std::string> cost_tariff;   ///< what the shop pays its upstream (any currency)
  std::vector<std::string> receipt_header;  ///< lines above a receipt, each <= 48 characters
  rating::Money rounding_step = rating::Money::from_micros(10'000);  ///< 0.01 by default
  CashRoundingMethod rounding = CashRoundingMethod::nearest;
  rating::Instant created_at{};
  rating::Instant updated_at{};
};

/// The header lines as stored: joined with '\n'.
std::string join_header(const std::vector<std::string>& lines);
/// The stored header text as lines ("" → none).
std::vector<std::string> split_header(std::string_view text);

}  // namespace prepaid::billing

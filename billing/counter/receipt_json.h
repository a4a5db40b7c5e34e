#pragma once
/// @file receipt_json.h
/// @brief A Receipt as JSON text, as the API will return it: amounts are decimal strings with
/// the currency's minor-unit decimals, instants RFC 3339 UTC next to their local reading in
/// the shop's zone ("2026-12-07 09:15").

#include <cstddef>
#include <optional>
#include <string>

#include "billing/counter/receipt.h"

namespace prepaid::billing {

/// {"number", "header_lines", "shop", "booth", "operator", "zone", "start", "start_local",
///  "end", "end_local", "currency", "calls": [{"start", "start_local", "number",
///  "destination", "duration_s", "price", "unserved"}], "extras": [{"label", "quantity", "unit_price",
///  "amount"}], "calls_total", "extras_total", "subtotal", "rounding", "rounding_step",
///  "rounding_method", "total", "deposit", "deposit_returned", "to_pay", "method", "tendered",
///  "paid", "change"}. With `visible_digits`, numbers are masked as mask_number() does.
std::string receipt_json(const Receipt& receipt,
                         std::optional<std::size_t> visible_digits = std::nullopt);

}  // namespace prepaid::billing

#pragma once
/// @file money_text.h
/// @brief Money as the API and the tables show it: a decimal string, never a JSON number.

#include <string>
#include <string_view>

#include "rating/money.h"

namespace prepaid::cli {

/// Decimal text with at least the currency's minor-unit decimals and every significant
/// sub-unit digit: ("12.50", "EUR"), ("0.0123", "EUR"), ("500", "JPY"). An unknown currency
/// code gets two decimals.
std::string money_text(rating::Money money, std::string_view currency);

}  // namespace prepaid::cli

#pragma once
/// @file tariff_json.h
/// @brief JSON of tariffs, price lists, rates, price rules, holidays and quotes.

#include <string_view>

#include <nlohmann/json.hpp>

#include "billing/tariff_record.h"
#include "rating/price_rule.h"
#include "rating/pricing.h"
#include "rating/rate.h"

namespace prepaid::cli {

/// A tariff header; "rounding_decimals" is null when it follows the currency's minor unit.
nlohmann::json tariff_json(const billing::TariffRecord& tariff);
nlohmann::json price_list_json(const billing::PriceListInfo& list);
/// A rate; its amounts in the tariff's `currency`; "buy_rate" null when none.
nlohmann::json rate_json(const rating::Rate& rate, std::string_view currency);
nlohmann::json rule_json(const rating::PriceRule& rule);
/// {"date": "12-25" or "2026-12-24", "name"}
nlohmann::json holiday_json(const rating::Holiday& holiday);
/// A priced call with its spans; the exact unrounded sum as text ("~" marks a sub-micro
/// remainder).
nlohmann::json call_price_json(const rating::CallPrice& price);
nlohmann::json grant_json(const rating::Grant& grant, std::string_view currency);

}  // namespace prepaid::cli

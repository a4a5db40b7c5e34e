#pragma once
/// @file tariff_json.h
/// @brief JSON of tariffs, price lists, rates, price rules and holidays (quotes: quote_json.h).

#include <string_view>

#include <nlohmann/json.hpp>

#include "billing/tariffs/tariff_record.h"
#include "rating/price_rule.h"
#include "rating/rate.h"

namespace prepaid::cli {

/// A tariff header; "rounding_decimals" is null when it follows the currency's minor unit.
nlohmann::json tariff_json(const billing::TariffRecord& tariff);
nlohmann::json price_list_json(const billing::PriceListInfo& list);
/// A rate; its amounts in the tariff's `currency`, but "buy_rate" in "buy_currency" (the
/// rate's own buy currency, else the tariff's); both null when the rate has no buy rate.
nlohmann::json rate_json(const rating::Rate& rate, std::string_view currency);
nlohmann::json rule_json(const rating::PriceRule& rule);
/// {"date": "12-25" or "2026-12-24", "name"}
nlohmann::json holiday_json(const rating::Holiday& holiday);

}  // namespace prepaid::cli

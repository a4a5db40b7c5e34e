#pragma once
/// @file quote_json.h
/// @brief The JSON of a quote — a priced call or a grant — as `prepaidctl quote --json` prints
/// it and GET /v1/tariffs/{tariff}/quote returns it, whether the tariff came from a file or
/// from the database.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "billing/tariffs/tariff_record.h"
#include "rating/currency.h"
#include "rating/pricing.h"
#include "rating/rounding.h"
#include "rating/tariff.h"
#include "rating/time_zone.h"

namespace prepaid::cli {

/// @brief What a quote shows about its tariff.
struct QuoteTariff {
  std::string name;
  rating::Currency currency;
  rating::TimeZone zone;
  rating::Rounding rounding;  ///< decimals resolved (never -1)

  static QuoteTariff of(const rating::Tariff& tariff);
  /// nullopt when the stored currency or zone is unknown.
  static std::optional<QuoteTariff> of(const billing::TariffRecord& tariff);
};

/// "2026-11-23 17:58:00": the local reading of `at` in `zone`.
std::string local_text(const rating::TimeZone& zone, rating::Instant at);

/// tariff, currency, zone, number, digits, destination, prefix, start, start_local,
/// duration_s, billed_s, connect_fee, spans[], unrounded, rounding{method, decimals}, total,
/// and buy_cost with buy_currency when the rate has a buy rate (the buy cost in its own
/// currency, which may not be the tariff's: no exchange rates, never added to the total).
/// Amounts are decimal strings.
nlohmann::json price_quote_json(const QuoteTariff& tariff, std::string_view number,
                                rating::Instant start, const rating::CallPrice& price);
/// tariff, currency, zone, number, destination, prefix, start, start_local, balance, cap_s,
/// cap_origin ("server_default" when `default_cap`: rlm_prepaid's default max_call_duration;
/// "requested" otherwise), rounding{method, decimals}, granted_s, limited_by, price.
nlohmann::json grant_quote_json(const QuoteTariff& tariff, std::string_view number,
                                rating::Instant start, rating::Money balance, std::uint32_t cap_s,
                                bool default_cap, const rating::Grant& grant);

}  // namespace prepaid::cli

#pragma once
/// @file shop_json.h
/// @brief JSON of shops and booths (as the API returns them and `--json` prints them).

#include <nlohmann/json.hpp>

#include "billing/shops/booth.h"
#include "billing/shops/booth_session_service.h"
#include "billing/shops/shop.h"
#include "billing/shops/shop_upstream_service.h"

namespace prepaid::cli {

/// name, currency, time_zone, retail_tariff, cost_tariff (or null), receipt_header (lines),
/// rounding_step ("0.05"), rounding, created_at, updated_at.
nlohmann::json shop_json(const billing::Shop& shop);
/// number, shop, label, status ("disabled" or the account's status), created_at.
nlohmann::json booth_json(const billing::Booth& booth);
/// booth_json plus "state" (disabled, free, open, in_call, awaiting_checkout), "currency",
/// "open_calls", and "session" (null without one): id, kind, amount, opened_at, opened_by,
/// spent, available, and after a checkout closed_at, closed_by, settled (> 0 paid by the
/// customer, < 0 handed back); "upstream_warning": true when its shop's upstream balance is
/// at or below its threshold (shop_upstream_service.h).
nlohmann::json booth_view_json(const billing::BoothView& view);
/// A shop's upstream account: shop, currency, balance, warn_below, held (by its booth calls in
/// progress), available (balance − held), warning (available <= warn_below), refusing
/// (available <= 0: every booth call is refused), updated_at.
nlohmann::json upstream_view_json(const billing::UpstreamView& view);

}  // namespace prepaid::cli

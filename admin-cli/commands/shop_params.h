#pragma once
/// @file shop_params.h
/// @brief The parameters shared by `shops add` and `shops configure`, their reading, and the
/// human rendering of a shop and of booths.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "admin-cli/command/command.h"
#include "billing/shops/shop.h"

namespace prepaid::cli::shop_params {

/// time_zone, retail_tariff, cost_tariff, receipt_header, rounding_step, rounding (none
/// required; `shops add` marks its own required ones).
std::vector<Param> settings();
/// The "rounding" choice as a CashRoundingMethod (nullopt when absent).
std::optional<billing::CashRoundingMethod> rounding(const Input& input);
/// The receipt header lines, when given (a JSON array; on the command line
/// --receipt-header repeated, one line each).
std::optional<std::vector<std::string>> receipt_header(const Input& input);

/// A shop as "name: value" lines, its receipt header one line each.
void render_shop(const Reply& reply, std::ostream& out);
/// A booth view (booth_view_json) as "name: value" lines, its session's after them.
void render_booth_view(const Reply& reply, std::ostream& out);
/// {"booths": [...]} as a table.
void render_booths(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::shop_params

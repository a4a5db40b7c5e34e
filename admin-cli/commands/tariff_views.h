#pragma once
/// @file tariff_views.h
/// @brief Tariff parameters shared by `tariffs create` and `tariffs update`, and readable
/// output of tariffs.

#include <iosfwd>
#include <vector>

#include "admin-cli/command/command.h"
#include "billing/tariffs/tariff_record.h"

namespace prepaid::cli::views {

/// time_zone, base_price_list, rounding_method, rounding_decimals, international_prefix.
std::vector<Param> tariff_settings_params();
/// Overwrites `spec` with the settings given in `input`.
void read_tariff_settings(const Input& input, billing::TariffRecord& spec);
/// Renderer of a reply that is one tariff.
void render_tariff(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::views

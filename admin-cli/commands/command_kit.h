#pragma once
/// @file command_kit.h
/// @brief Small pieces shared by the command files: common parameters (paging, card number,
/// tariff name), reading them, and rendering helpers for tables.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "admin-cli/command/command.h"
#include "billing/store/store.h"
#include "rating/currency.h"
#include "rating/time_zone.h"

namespace prepaid::cli::kit {

/// offset and limit of a listing (limit 1..10000, default 100).
std::vector<Param> page_params();
billing::Page read_page(const Input& input);
/// Appends page_params() to `params`.
std::vector<Param> with_page(std::vector<Param> params);

/// A whole number 0..4294967295 (ranges are the services' to check).
std::optional<std::uint32_t> optional_u32(const Input& input, std::string_view name);
std::uint32_t u32(const Input& input, std::string_view name);

/// The "amount" and "currency" of a money-moving command; InputError for an unknown code.
rating::Amount read_amount(const Input& input);

/// The currency of the stored tariff `name` (TariffService::list_tariffs).
billing::Result<std::string> tariff_currency(const Request& request, const std::string& name);

/// The card number in the path ({number}).
Param card_number();
/// The tariff name in the path ({tariff}).
Param tariff_name();
/// The price-list name in the path ({list}).
Param list_name();
/// The "role" of an operator: operator or administrator.
Param role_param();
/// --output FILE for text documents (command line only; default standard output).
Param output_file();

/// A JSON value as a table cell: strings as they are, null as "-", others as JSON.
std::string cell(const nlohmann::json& value);
/// A price rule's local time range for people: "all day" for a whole day (the JSON's
/// "00:00-00:00" or "00:00-24:00"), else as it is ("18:00-08:00").
std::string time_range_cell(const nlohmann::json& time);
/// "12.50 EUR" from an object's money field and its "currency".
std::string money_cell(const nlohmann::json& object, const char* field);

/// The IANA zone named by the "zone" parameter (default UTC); InputError when unknown.
rating::TimeZone read_zone(const Input& input);

/// Prints the fields of a JSON object as "name: value" lines (nested values as JSON).
void print_object(const nlohmann::json& object, std::ostream& out);

/// The reply of a `… remove` command: {"removed": what the service removed}, plus `extra`.
Outcome removed_reply(const billing::Result<std::string>& removed, nlohmann::json extra = {});
/// Renders a removed_reply as "removed <what>".
void render_removed(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::kit

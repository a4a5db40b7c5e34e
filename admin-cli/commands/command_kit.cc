#include "admin-cli/commands/command_kit.h"

#include <ostream>
#include <utility>

#include "admin-cli/json/json_text.h"
#include "admin-cli/text/table.h"
#include "rating/price_rule.h"

namespace prepaid::cli::kit {

std::vector<Param> page_params() {
  return {
      Param{.name = "offset", .type = ParamType::integer, .help = "skip this many rows (paging)"},
      Param{.name = "limit",
            .type = ParamType::integer,
            .help = "at most this many rows, 1..10000 (default 100)"},
  };
}

billing::Page read_page(const Input& input) {
  billing::Page page;
  page.offset =
      static_cast<std::uint64_t>(input.optional_integer("offset", 0, 1LL << 53).value_or(0));
  page.limit = static_cast<std::uint32_t>(input.optional_integer("limit", 1, 10000).value_or(100));
  return page;
}

std::vector<Param> with_page(std::vector<Param> params) {
  for (auto& p : page_params()) params.push_back(std::move(p));
  return params;
}

std::optional<std::uint32_t> optional_u32(const Input& input, std::string_view name) {
  const auto v = input.optional_integer(name, 0, 4294967295LL);
  if (!v) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

std::uint32_t u32(const Input& input, std::string_view name) {
  return static_cast<std::uint32_t>(input.integer(name, 0, 4294967295LL));
}

rating::Amount read_amount(const Input& in) {
  const auto money = in.money("amount");
  const auto code = in.text("currency");
  const auto currency = rating::Currency::from_code(code);
  if (!currency) throw InputError("currency", "currency: not an ISO 4217 code: " + code);
  return rating::Amount{money, *currency};
}

billing::Result<std::string> tariff_currency(const Request& r, const std::string& name) {
  auto tariffs = r.services.tariffs().list_tariffs(r.who());
  if (!tariffs) return tariffs.problem();
  for (const auto& t : *tariffs)
    if (t.name == name) return t.currency;
  return billing::refuse(billing::ErrorCode::not_found, "no tariff named " + name);
}

Param card_number() {
  return Param{.name = "number", .required = true, .help = "card number (digits)"};
}

Param tariff_name() {
  return Param{.name = "tariff", .required = true, .help = "tariff name"};
}

Param list_name() {
  return Param{.name = "list", .required = true, .help = "price list name"};
}

Param role_param() {
  return Param{.name = "role",
               .type = ParamType::choice,
               .required = true,
               .help = "operator: recharge, view calls and cards; administrator: everything",
               .choices = {"operator", "administrator"}};
}

Param output_file() {
  return Param{
      .name = "output", .help = "write to this file instead of standard output", .cli_only = true};
}

std::string cell(const nlohmann::json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  return json_text(value);
}

std::string time_range_cell(const nlohmann::json& time) {
  const std::string text = cell(time);
  const auto range = rating::TimeOfDayRange::parse(text);
  return range && range->whole_day() ? "all day" : text;
}

std::string money_cell(const nlohmann::json& object, const char* field) {
  const auto& v = object.at(field);
  if (v.is_null()) return "-";
  return v.get<std::string>() + " " + object.value("currency", "");
}

Outcome removed_reply(const billing::Result<std::string>& removed, nlohmann::json extra) {
  return reply_with(removed, [&](const std::string& what) {
    nlohmann::json out = extra.is_object() ? std::move(extra) : nlohmann::json::object();
    out["removed"] = what;
    return out;
  });
}

void render_removed(const Reply& reply, std::ostream& out) {
  out << "removed " << cell(reply.body["removed"]) << "\n";
}

rating::TimeZone read_zone(const Input& input) {
  const auto name = input.text_or("zone", "UTC");
  auto zone = rating::TimeZone::locate(name);
  if (!zone) throw InputError("zone", "zone: not an IANA time zone: " + name);
  return *zone;
}

void print_object(const nlohmann::json& object, std::ostream& out) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [name, value] : object.items()) fields.emplace_back(name, cell(value));
  print_fields(out, fields);
}

}  // namespace prepaid::cli::kit

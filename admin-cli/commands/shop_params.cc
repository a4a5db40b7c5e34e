#include "admin-cli/commands/shop_params.h"

#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli::shop_params {

std::vector<Param> settings() {
  return {Param{.name = "time_zone", .help = "IANA time zone of the counter (Europe/Sofia)"},
          Param{.name = "retail_tariff",
                .help = "the tariff its booths sell at, in the shop's currency"},
          Param{.name = "cost_tariff",
                .help = "the tariff the shop pays its upstream at (any currency; \"\" removes it)"},
          Param{.name = "receipt_header",
                .type = ParamType::list,
                .help = "a line above its receipts (repeat; at most 8 of 48 characters)"},
          Param{.name = "rounding_step",
                .type = ParamType::money,
                .help = "counter totals are multiples of it: 0.01, 0.05, 0.10 or 1.00"},
          Param{.name = "rounding",
                .type = ParamType::choice,
                .help = "how totals are rounded to the step",
                .choices = {"nearest", "up", "down"}}};
}

std::optional<billing::CashRoundingMethod> rounding(const Input& input) {
  auto choice = input.optional_choice("rounding");
  if (!choice) return std::nullopt;
  return billing::parse_cash_rounding_method(*choice);
}

std::optional<std::vector<std::string>> receipt_header(const Input& input) {
  if (!input.has("receipt_header")) return std::nullopt;
  return input.list("receipt_header");
}

void render_shop(const Reply& reply, std::ostream& out) {
  nlohmann::json shown = reply.body;
  shown.erase("receipt_header");
  shown.erase("upstream");
  kit::print_object(shown, out);
  for (const auto& line : reply.body["receipt_header"])
    out << "receipt: " << line.get<std::string>() << '\n';
  if (reply.body.contains("upstream") && reply.body["upstream"].is_object()) {
    out << '\n';
    nlohmann::json upstream;
    for (const auto& [name, value] : reply.body["upstream"].items())
      if (name != "shop") upstream["upstream " + name] = value;
    kit::print_object(upstream, out);
  }
}

void render_booth_view(const Reply& reply, std::ostream& out) {
  nlohmann::json shown = reply.body;
  shown.erase("session");
  kit::print_object(shown, out);
  if (reply.body.contains("session") && reply.body["session"].is_object()) {
    out << '\n';
    nlohmann::json session;
    for (const auto& [name, value] : reply.body["session"].items())
      session["session " + name] = value;
    kit::print_object(session, out);
  }
}

void render_booths(const Reply& reply, std::ostream& out) {
  Table table({{"NUMBER"},
               {"SHOP"},
               {"LABEL"},
               {"STATE"},
               {"SESSION"},
               {"SPENT", true},
               {"AVAILABLE", true}});
  for (const auto& b : reply.body["booths"]) {
    const auto& s = b["session"];
    const bool open = s.is_object();
    table.add({kit::cell(b["number"]), kit::cell(b["shop"]), kit::cell(b["label"]),
               kit::cell(b["state"]),
               open ? kit::cell(s["kind"]) + " " + kit::cell(s["amount"]) : "-",
               open ? kit::cell(s["spent"]) : "-", open ? kit::cell(s["available"]) : "-"});
  }
  table.print(out);
}

}  // namespace prepaid::cli::shop_params

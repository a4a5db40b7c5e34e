#include "admin-cli/commands/card_views.h"

#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli::views {

void print_card(const nlohmann::json& card, std::ostream& out) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"number", kit::cell(card["number"])},
      {"status", kit::cell(card["status"])},
      {"kind", kit::cell(card["kind"])},
      {"balance", kit::money_cell(card, "balance")},
      {"credit limit", kit::money_cell(card, "credit_limit")},
      {"tariff", kit::cell(card["tariff"])},
      {"max concurrent", kit::cell(card["max_concurrent"])},
      {"activation", kit::cell(card["activation"])},
      {"validity days", kit::cell(card["validity_days"])},
      {"batch", kit::cell(card["batch"])},
      {"created", kit::cell(card["created_at"])},
      {"activated", kit::cell(card["activated_at"])},
      {"last recharge", kit::cell(card["last_recharged_at"])},
      {"expires", kit::cell(card["expires_at"])},
      {"wrong PINs", kit::cell(card["pin_failures"])},
  };
  if (card.contains("locked_until") && !card["locked_until"].is_null())
    fields.emplace_back("locked until", kit::cell(card["locked_until"]));
  if (card.contains("pin")) fields.emplace_back("pin", kit::cell(card["pin"]));
  print_fields(out, fields);
}

namespace {

/// When the card was activated or last recharged, whichever is later ("-" for neither): the
/// date a shop's card list shows, and, on an activated card, where its validity runs from.
std::string activated_or_recharged(const nlohmann::json& card) {
  const auto& activated = card["activated_at"];
  const auto& recharged = card["last_recharged_at"];
  if (activated.is_null()) return kit::cell(recharged);
  if (recharged.is_null()) return kit::cell(activated);
  // The same RFC 3339 UTC form: the later one sorts last.
  return kit::cell(activated.get<std::string>() < recharged.get<std::string>() ? recharged
                                                                               : activated);
}

}  // namespace

void print_cards(const nlohmann::json& cards, std::ostream& out) {
  bool pins = false;
  for (const auto& c : cards) pins = pins || c.contains("pin");
  std::vector<Column> columns = {{"NUMBER"}, {"STATUS"},      {"BALANCE", true},       {"TARIFF"},
                                 {"KIND"},   {"BATCH", true}, {"ACTIVATED/RECHARGED"}, {"EXPIRES"}};
  if (pins) columns.push_back({"PIN"});
  Table table(columns);
  for (const auto& c : cards) {
    std::vector<std::string> row = {kit::cell(c["number"]),        kit::cell(c["status"]),
                                    kit::money_cell(c, "balance"), kit::cell(c["tariff"]),
                                    kit::cell(c["kind"]),          kit::cell(c["batch"]),
                                    activated_or_recharged(c),     kit::cell(c["expires_at"])};
    if (pins) row.push_back(c.contains("pin") ? kit::cell(c["pin"]) : "");
    table.add(row);
  }
  table.print(out);
}

void render_card(const Reply& reply, std::ostream& out) {
  print_card(reply.body, out);
}

void render_card_list(const Reply& reply, std::ostream& out) {
  print_cards(reply.body["cards"], out);
}

void render_ledger_entry(const Reply& reply, std::ostream& out) {
  const auto& e = reply.body;
  print_fields(out, {{"ledger row", kit::cell(e["id"])},
                     {"kind", kit::cell(e["kind"])},
                     {"amount", kit::money_cell(e, "amount")},
                     {"balance after", kit::money_cell(e, "balance_after")},
                     {"at", kit::cell(e["at"])},
                     {"by", kit::cell(e["actor"])},
                     {"reason", kit::cell(e["reason"])}});
}

}  // namespace prepaid::cli::views

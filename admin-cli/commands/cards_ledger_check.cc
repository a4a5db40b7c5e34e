// `prepaidctl cards ledger-check` / GET /v1/ledger/check: proves balance == sum of ledger for
// every card (CardService::check_ledger). Exit code 7 when a card does not balance.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  auto checked = r.services.cards().check_ledger(r.who());
  if (!checked) return checked.problem();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : checked->mismatches) list.push_back(ledger_mismatch_json(m));
  auto reply = Reply::json(
      {{"cards", checked->cards}, {"ok", checked->mismatches.empty()}, {"mismatches", list}});
  if (!checked->mismatches.empty()) reply.exit = ExitCode::check_failed;
  return reply;
}

void render(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body;
  if (b["ok"].get<bool>()) {
    out << "ledger ok: " << kit::cell(b["cards"]) << " cards, every balance equals its ledger\n";
    return;
  }
  out << "LEDGER MISMATCH: " << b["mismatches"].size() << " of " << kit::cell(b["cards"])
      << " cards do not balance\n";
  Table table({{"NUMBER"}, {"BALANCE", true}, {"LEDGER SUM", true}});
  for (const auto& m : b["mismatches"])
    table.add({kit::cell(m["number"]), kit::cell(m["balance"]), kit::cell(m["ledger_sum"])});
  table.print(out);
}

}  // namespace

Command cards_ledger_check_command() {
  return Command{
      .words = {"cards", "ledger-check"},
      .summary = "Check that every card's balance equals the sum of its ledger (exit 7 if not)",
      .example = "prepaidctl --as alice cards ledger-check",
      .method = "GET",
      .path = "/v1/ledger/check",
      .params = {},
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

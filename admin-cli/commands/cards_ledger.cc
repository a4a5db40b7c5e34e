// `prepaidctl cards ledger` / GET /v1/cards/{number}/ledger: a card's balance changes, oldest
// first (CardService::ledger).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto number = r.input.text("number");
  return reply_with(r.services.cards().ledger(r.who(), number, kit::read_page(r.input)),
                    [&](const std::vector<billing::LedgerEntry>& entries) {
                      nlohmann::json list = nlohmann::json::array();
                      for (const auto& e : entries) list.push_back(ledger_entry_json(e));
                      return nlohmann::json{{"number", number}, {"entries", list}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"ID", true},
               {"AT"},
               {"KIND"},
               {"AMOUNT", true},
               {"BALANCE", true},
               {"BY"},
               {"REASON"},
               {"REFERENCE"}});
  for (const auto& e : reply.body["entries"]) {
    table.add({kit::cell(e["id"]), kit::cell(e["at"]), kit::cell(e["kind"]),
               kit::money_cell(e, "amount"), kit::money_cell(e, "balance_after"),
               kit::cell(e["actor"]), kit::cell(e["reason"]), kit::cell(e["reference"])});
  }
  table.print(out);
}

}  // namespace

Command cards_ledger_command() {
  return Command{
      .words = {"cards", "ledger"},
      .summary = "A card's ledger: every balance change, oldest first",
      .example = "prepaidctl --as bob cards ledger 100012345678",
      .method = "GET",
      .path = "/v1/cards/{number}/ledger",
      .params = kit::with_page({kit::card_number()}),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

// `prepaidctl cards recharge` / POST /v1/cards/{number}/recharge: add money to a card
// (CardService::recharge). The currency must be given and must be the card's.
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {

namespace {

Outcome run(const Request& r) {
  const auto amount = kit::read_amount(r.input);
  return reply_with(r.services.cards().recharge(r.who(), r.input.text("number"), amount,
                                                r.input.text_or("reason", "recharge")),
                    ledger_entry_json, 201);
}

}  // namespace

Command cards_recharge_command() {
  return Command{
      .words = {"cards", "recharge"},
      .summary = "Add money to a card (restarts its validity)",
      .example =
          "prepaidctl --as bob cards recharge 100012345678 --amount 10.00 --currency EUR "
          "--reason 'paid cash'",
      .method = "POST",
      .path = "/v1/cards/{number}/recharge",
      .params = {kit::card_number(),
                 Param{.name = "amount",
                       .type = ParamType::money,
                       .required = true,
                       .help = "amount to add (decimal, e.g. 10.00)"},
                 Param{.name = "currency",
                       .required = true,
                       .help = "ISO 4217 code; must be the card's currency"},
                 Param{.name = "reason", .help = "kept in the ledger (default 'recharge')"}},
      .run = run,
      .render = views::render_ledger_entry,
  };
}

}  // namespace prepaid::cli

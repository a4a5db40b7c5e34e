// `prepaidctl cards adjust` / POST /v1/cards/{number}/adjustments: a refund or a correction
// by an administrator (CardService::adjust).
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {

namespace {

Outcome run(const Request& r) {
  const auto kind = *billing::parse_ledger_kind(*r.input.optional_choice("kind"));
  return reply_with(r.services.cards().adjust(r.who(), r.input.text("number"), kind,
                                              kit::read_amount(r.input), r.input.text("reason")),
                    ledger_entry_json, 201);
}

}  // namespace

Command cards_adjust_command() {
  return Command{
      .words = {"cards", "adjust"},
      .summary = "Refund (amount > 0) or correct (either sign) a card's balance, with a reason",
      .example =
          "prepaidctl --as alice cards adjust 100012345678 --kind refund --amount 1.20 "
          "--currency EUR --reason 'dropped call'",
      .method = "POST",
      .path = "/v1/cards/{number}/adjustments",
      .params = {kit::card_number(),
                 Param{.name = "kind",
                       .type = ParamType::choice,
                       .required = true,
                       .help = "refund or adjustment",
                       .choices = {"refund", "adjustment"}},
                 Param{.name = "amount",
                       .type = ParamType::money,
                       .required = true,
                       .help = "signed change of the balance (decimal)"},
                 Param{.name = "currency", .required = true, .help = "the card's currency"},
                 Param{.name = "reason", .required = true, .help = "why (kept in the ledger)"}},
      .run = run,
      .render = views::render_ledger_entry,
  };
}

}  // namespace prepaid::cli

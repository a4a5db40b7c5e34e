// `prepaidctl cards configure` / PATCH /v1/cards/{number}: tariff, credit limit, concurrent
// calls, validity (CardService::configure).
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  billing::CardSettings s;
  s.tariff = r.input.optional_text("tariff");
  s.credit_limit = r.input.optional_money("credit_limit");
  s.max_concurrent = kit::optional_u32(r.input, "max_concurrent");
  s.validity_days = kit::optional_u32(r.input, "validity_days");
  if (!s.tariff && !s.credit_limit && !s.max_concurrent && !s.validity_days) {
    throw InputError("",
                     "nothing to change: give --tariff, --credit-limit, --max-concurrent or "
                     "--validity-days");
  }
  const auto now = r.services.now();
  return reply_with(r.services.cards().configure(r.who(), r.input.text("number"), s),
                    [&](const billing::Card& c) { return card_json(c, now); });
}

}  // namespace

Command cards_configure_command() {
  return Command{
      .words = {"cards", "configure"},
      .summary = "Change a card's tariff, credit limit, concurrent-call limit or validity",
      .example = "prepaidctl --as alice cards configure 100012345678 --max-concurrent 2",
      .method = "PATCH",
      .path = "/v1/cards/{number}",
      .params = {kit::card_number(),
                 Param{.name = "tariff", .help = "another tariff in the card's currency"},
                 Param{.name = "credit_limit",
                       .type = ParamType::money,
                       .help = "how far below zero the balance may go"},
                 Param{.name = "max_concurrent",
                       .type = ParamType::integer,
                       .help = "simultaneous calls, 1..1000"},
                 Param{.name = "validity_days",
                       .type = ParamType::integer,
                       .help = "days of validity; 0 = never expires"}},
      .run = run,
      .render = views::render_card,
  };
}

}  // namespace prepaid::cli

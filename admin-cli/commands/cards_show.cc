// `prepaidctl cards show` / GET /v1/cards/{number}: one card (CardService::show_card).
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto now = r.services.now();
  return reply_with(
      r.services.cards().show_card(r.who(), r.input.text("number"), r.input.flag("with_pin")),
      [&](const billing::Card& c) { return card_json(c, now); });
}

}  // namespace

Command cards_show_command() {
  return Command{
      .words = {"cards", "show"},
      .summary = "Show one card; its PIN only for administrators with --with-pin",
      .example = "prepaidctl --as bob cards show 100012345678",
      .method = "GET",
      .path = "/v1/cards/{number}",
      .params = {kit::card_number(), Param{.name = "with_pin",
                                           .type = ParamType::boolean,
                                           .help = "include the PIN (administrators only)"}},
      .run = run,
      .render = views::render_card,
  };
}

}  // namespace prepaid::cli

// `prepaidctl cards touch` / POST /v1/cards/{number}/touch: restart the validity without
// recharging (CardService::touch).
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {

Command cards_touch_command() {
  return Command{
      .words = {"cards", "touch"},
      .summary = "Reset the last-recharge date to now without recharging (restarts validity)",
      .example = "prepaidctl --as alice cards touch 100012345678",
      .method = "POST",
      .path = "/v1/cards/{number}/touch",
      .params = {kit::card_number()},
      .run =
          [](const Request& r) {
            const auto now = r.services.now();
            return reply_with(r.services.cards().touch(r.who(), r.input.text("number")),
                              [&](const billing::Card& c) { return card_json(c, now); });
          },
      .render = views::render_card,
  };
}

}  // namespace prepaid::cli

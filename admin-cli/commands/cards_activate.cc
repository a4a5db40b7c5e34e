// `prepaidctl cards activate` / POST /v1/cards/{number}/activate (CardService::activate).
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {

Command cards_activate_command() {
  return Command{
      .words = {"cards", "activate"},
      .summary = "Activate a new card by hand (any activation mode)",
      .example = "prepaidctl --as alice cards activate 100012345678",
      .method = "POST",
      .path = "/v1/cards/{number}/activate",
      .params = {kit::card_number()},
      .run =
          [](const Request& r) {
            const auto now = r.services.now();
            return reply_with(r.services.cards().activate(r.who(), r.input.text("number")),
                              [&](const billing::Card& c) { return card_json(c, now); });
          },
      .render = views::render_card,
  };
}

}  // namespace prepaid::cli

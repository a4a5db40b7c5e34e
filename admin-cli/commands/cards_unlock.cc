// `prepaidctl cards unlock` / POST /v1/cards/{number}/unlock: end a wrong-PIN lock at once
// (CardService::unlock).
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {

Command cards_unlock_command() {
  return Command{
      .words = {"cards", "unlock"},
      .summary = "End a card's lock after too many wrong PINs, and clear the count",
      .example = "prepaidctl --as alice cards unlock 100012345678",
      .method = "POST",
      .path = "/v1/cards/{number}/unlock",
      .params = {kit::card_number()},
      .run =
          [](const Request& r) {
            const auto now = r.services.now();
            return reply_with(r.services.cards().unlock(r.who(), r.input.text("number")),
                              [&](const billing::Card& c) { return card_json(c, now); });
          },
      .render = views::render_card,
  };
}

}  // namespace prepaid::cli

// `prepaidctl cards set-pin` / PUT /v1/cards/{number}/pin: a chosen or random PIN
// (CardService::set_pin). The new PIN is shown once.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  return reply_with(
      r.services.cards().set_pin(r.who(), r.input.text("number"), r.input.optional_text("pin"),
                                 kit::optional_u32(r.input, "random_length").value_or(6)),
      issued_card_json);
}

void render(const Reply& reply, std::ostream& out) {
  print_fields(
      out, {{"number", kit::cell(reply.body["number"])}, {"pin", kit::cell(reply.body["pin"])}});
}

}  // namespace

Command cards_set_pin_command() {
  return Command{
      .words = {"cards", "set-pin"},
      .summary = "Set a card's PIN, or a random one (shown once)",
      .example = "prepaidctl --as alice cards set-pin 100012345678 --random-length 8",
      .method = "PUT",
      .path = "/v1/cards/{number}/pin",
      .params = {kit::card_number(),
                 Param{.name = "pin", .help = "the new PIN (4..12 digits); omit for a random one"},
                 Param{.name = "random_length",
                       .type = ParamType::integer,
                       .help = "digits of a random PIN (default 6)"}},
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

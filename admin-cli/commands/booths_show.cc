// `prepaidctl booths show` / GET /v1/booths/{number} (ShopService::show_booth).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command booths_show_command() {
  return Command{
      .words = {"booths", "show"},
      .summary = "One booth: its shop, label and state",
      .example = "prepaidctl --as olga booths show 710000000003",
      .method = "GET",
      .path = "/v1/booths/{number}",
      .params = {Param{.name = "number", .required = true, .help = "the booth's number"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.shops().show_booth(r.who(), r.input.text("number")),
                              booth_json);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli

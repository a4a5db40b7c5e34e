// `prepaidctl booths show` / GET /v1/booths/{number} (ShopService::show_booth).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shop_params.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command booths_show_command() {
  return Command{
      .words = {"booths", "show"},
      .summary = "One booth: its shop, label, state and open session",
      .example = "prepaidctl --as olga booths show 710000000003",
      .method = "GET",
      .path = "/v1/booths/{number}",
      .params = {Param{.name = "number", .required = true, .help = "the booth's number"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.sessions().view(r.who(), r.input.text("number")),
                              booth_view_json);
          },
      .render = shop_params::render_booth_view,
  };
}

}  // namespace prepaid::cli

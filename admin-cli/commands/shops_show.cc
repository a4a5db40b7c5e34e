// `prepaidctl shops show` / GET /v1/shops/{name} (ShopService::show_shop), with its upstream
// account (ShopUpstreamService::show) under "upstream" (null when it has none).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shop_params.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command shops_show_command() {
  return Command{
      .words = {"shops", "show"},
      .summary = "One shop (an operator: the shop it works)",
      .example = "prepaidctl --as alice shops show corner",
      .method = "GET",
      .path = "/v1/shops/{name}",
      .params = {Param{.name = "name", .required = true, .help = "the shop"}},
      .run = [](const Request& r) -> Outcome {
        auto shop = r.services.shops().show_shop(r.who(), r.input.text("name"));
        if (!shop) return shop.problem();
        nlohmann::json body = shop_json(*shop);
        auto upstream = r.services.upstream().show(r.who(), shop->name);
        body["upstream"] = upstream ? upstream_view_json(*upstream) : nlohmann::json(nullptr);
        return Reply::json(std::move(body));
      },
      .render = shop_params::render_shop,
  };
}

}  // namespace prepaid::cli

// `prepaidctl booths list` / GET /v1/booths (ShopService::list_booths).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shop_params.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command booths_list_command() {
  return Command{
      .words = {"booths", "list"},
      .summary = "Booths and their states, of a shop or of every shop you may read",
      .example = "prepaidctl --as olga booths list --shop corner",
      .method = "GET",
      .path = "/v1/booths",
      .params = {Param{.name = "shop", .help = "only this shop's"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.sessions().views(r.who(), r.input.text_or("shop", "")),
                              [](const std::vector<billing::BoothView>& booths) {
                                nlohmann::json out = nlohmann::json::array();
                                for (const auto& b : booths) out.push_back(booth_view_json(b));
                                return nlohmann::json{{"booths", out}};
                              });
          },
      .render = shop_params::render_booths,
  };
}

}  // namespace prepaid::cli

// `prepaidctl shops list` / GET /v1/shops (ShopService::list_shops).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/shop_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {

Command shops_list_command() {
  return Command{
      .words = {"shops", "list"},
      .summary = "Shops (an operator sees the shop it works)",
      .example = "prepaidctl --as alice shops list",
      .method = "GET",
      .path = "/v1/shops",
      .params = {},
      .run =
          [](const Request& r) {
            return reply_with(r.services.shops().list_shops(r.who()),
                              [](const std::vector<billing::Shop>& shops) {
                                nlohmann::json out = nlohmann::json::array();
                                for (const auto& s : shops) out.push_back(shop_json(s));
                                return nlohmann::json{{"shops", out}};
                              });
          },
      .render =
          [](const Reply& reply, std::ostream& out) {
            Table table({{"NAME"},
                         {"CURRENCY"},
                         {"TIME ZONE"},
                         {"RETAIL TARIFF"},
                         {"COST TARIFF"},
                         {"ROUNDING"}});
            for (const auto& s : reply.body["shops"])
              table.add({kit::cell(s["name"]), kit::cell(s["currency"]), kit::cell(s["time_zone"]),
                         kit::cell(s["retail_tariff"]), kit::cell(s["cost_tariff"]),
                         kit::cell(s["rounding"]) + " " + kit::cell(s["rounding_step"])});
            table.print(out);
          },
  };
}

}  // namespace prepaid::cli

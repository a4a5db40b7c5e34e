// `prepaidctl tariffs list` / GET /v1/tariffs (TariffService::list_tariffs).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  return reply_with(r.services.tariffs().list_tariffs(r.who()),
                    [](const std::vector<billing::TariffRecord>& tariffs) {
                      nlohmann::json list = nlohmann::json::array();
                      for (const auto& t : tariffs) list.push_back(tariff_json(t));
                      return nlohmann::json{{"tariffs", list}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"NAME"},
               {"CURRENCY"},
               {"ZONE"},
               {"BASE LIST"},
               {"ROUNDING"},
               {"VERSION", true},
               {"UPDATED"}});
  for (const auto& t : reply.body["tariffs"]) {
    std::string rounding = kit::cell(t["rounding_method"]);
    if (!t["rounding_decimals"].is_null())
      rounding.append("/").append(kit::cell(t["rounding_decimals"]));
    table.add({kit::cell(t["name"]), kit::cell(t["currency"]), kit::cell(t["time_zone"]),
               kit::cell(t["base_price_list"]), rounding, kit::cell(t["version"]),
               kit::cell(t["updated_at"])});
  }
  table.print(out);
}

}  // namespace

Command tariffs_list_command() {
  return Command{
      .words = {"tariffs", "list"},
      .summary = "List tariffs",
      .example = "prepaidctl --as alice tariffs list",
      .method = "GET",
      .path = "/v1/tariffs",
      .params = {},
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

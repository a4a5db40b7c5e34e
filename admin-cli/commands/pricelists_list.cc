// `prepaidctl pricelists list` / GET /v1/tariffs/{tariff}/lists (TariffService::price_lists).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto tariff = r.input.text("tariff");
  return reply_with(r.services.tariffs().price_lists(r.who(), tariff),
                    [&](const std::vector<billing::PriceListInfo>& lists) {
                      nlohmann::json out = nlohmann::json::array();
                      for (const auto& l : lists) out.push_back(price_list_json(l));
                      return nlohmann::json{{"tariff", tariff}, {"lists", out}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"LIST"}, {"RATES", true}});
  for (const auto& l : reply.body["lists"])
    table.add({kit::cell(l["name"]), kit::cell(l["rates"])});
  table.print(out);
}

}  // namespace

Command pricelists_list_command() {
  return Command{
      .words = {"pricelists", "list"},
      .summary = "The price lists of a tariff and their sizes",
      .example = "prepaidctl --as alice pricelists list retail",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/lists",
      .params = {kit::tariff_name()},
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

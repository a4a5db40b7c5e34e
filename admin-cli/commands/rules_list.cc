// `prepaidctl rules list` / GET /v1/tariffs/{tariff}/rules (TariffService::rules).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto tariff = r.input.text("tariff");
  return reply_with(r.services.tariffs().rules(r.who(), tariff),
                    [&](const std::vector<rating::PriceRule>& rules) {
                      nlohmann::json out = nlohmann::json::array();
                      for (const auto& x : rules) out.push_back(rule_json(x));
                      return nlohmann::json{{"tariff", tariff}, {"rules", out}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"NAME"}, {"LIST"}, {"WEEKDAYS"}, {"TIME"}, {"HOLIDAYS"}, {"PRIORITY", true}});
  for (const auto& x : reply.body["rules"]) {
    table.add({kit::cell(x["name"]), kit::cell(x["price_list"]), kit::cell(x["weekdays"]),
               kit::time_range_cell(x["time"]), x["on_holidays"].get<bool>() ? "yes" : "no",
               kit::cell(x["priority"])});
  }
  table.print(out);
}

}  // namespace

Command rules_list_command() {
  return Command{
      .words = {"rules", "list"},
      .summary = "The price rules of a tariff, in definition order",
      .example = "prepaidctl --as alice rules list retail",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/rules",
      .params = {kit::tariff_name()},
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

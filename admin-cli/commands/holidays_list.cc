// `prepaidctl holidays list` / GET /v1/tariffs/{tariff}/holidays (TariffService::holidays).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto tariff = r.input.text("tariff");
  return reply_with(r.services.tariffs().holidays(r.who(), tariff),
                    [&](const std::vector<rating::Holiday>& holidays) {
                      nlohmann::json out = nlohmann::json::array();
                      for (const auto& h : holidays) out.push_back(holiday_json(h));
                      return nlohmann::json{{"tariff", tariff}, {"holidays", out}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"DATE"}, {"NAME"}});
  for (const auto& h : reply.body["holidays"])
    table.add({kit::cell(h["date"]), kit::cell(h["name"])});
  table.print(out);
}

}  // namespace

Command holidays_list_command() {
  return Command{
      .words = {"holidays", "list"},
      .summary = "The holidays of a tariff",
      .example = "prepaidctl --as alice holidays list retail",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/holidays",
      .params = {kit::tariff_name()},
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

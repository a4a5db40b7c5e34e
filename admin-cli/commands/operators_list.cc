// `prepaidctl operators list` / GET /v1/operators (OperatorService::list).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {

Command operators_list_command() {
  return Command{
      .words = {"operators", "list"},
      .summary = "Operators and their roles",
      .example = "prepaidctl --as alice operators list",
      .method = "GET",
      .path = "/v1/operators",
      .params = {},
      .run =
          [](const Request& r) {
            return reply_with(r.services.operators().list(r.who()),
                              [](const std::vector<billing::Operator>& ops) {
                                nlohmann::json out = nlohmann::json::array();
                                for (const auto& o : ops) out.push_back(operator_json(o));
                                return nlohmann::json{{"operators", out}};
                              });
          },
      .render =
          [](const Reply& reply, std::ostream& out) {
            Table table({{"NAME"}, {"ROLE"}, {"SHOP"}, {"CREATED"}});
            for (const auto& o : reply.body["operators"])
              table.add({kit::cell(o["name"]), kit::cell(o["role"]), kit::cell(o["shop"]),
                         kit::cell(o["created_at"])});
            table.print(out);
          },
  };
}

}  // namespace prepaid::cli

// `prepaidctl nas list` / GET /v1/nas: the NAS clients configured for Disconnect-Requests,
// without their secrets (NasService::list).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/disconnect_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {

Command nas_list_command() {
  return Command{
      .words = {"nas", "list"},
      .summary = "NAS clients configured for Disconnect-Requests (never their secrets)",
      .example = "prepaidctl --as bob nas list",
      .method = "GET",
      .path = "/v1/nas",
      .params = {},
      .run =
          [](const Request& r) {
            return reply_with(r.services.nas().list(r.who()),
                              [](const std::vector<billing::NasClient>& all) {
                                nlohmann::json out = nlohmann::json::array();
                                for (const auto& n : all) out.push_back(nas_client_json(n));
                                return nlohmann::json{{"nas", out}};
                              });
          },
      .render =
          [](const Reply& reply, std::ostream& out) {
            Table table({{"NAS"}, {"DAE ADDRESS"}, {"PORT", true}, {"UPDATED"}});
            for (const auto& n : reply.body["nas"])
              table.add({kit::cell(n["nas"]), kit::cell(n["dae_address"]), kit::cell(n["dae_port"]),
                         kit::cell(n["updated_at"])});
            table.print(out);
          },
  };
}

}  // namespace prepaid::cli

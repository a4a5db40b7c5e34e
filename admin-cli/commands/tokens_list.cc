// `prepaidctl tokens list` / GET /v1/tokens: tokens without their secrets
// (OperatorService::tokens).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {

Command tokens_list_command() {
  return Command{
      .words = {"tokens", "list"},
      .summary = "API tokens (never their secrets), of one operator or all",
      .example = "prepaidctl --as alice tokens list --operator bob",
      .method = "GET",
      .path = "/v1/tokens",
      .params = {Param{.name = "operator", .help = "only this operator's tokens"}},
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.operators().tokens(r.who(), r.input.text_or("operator", "")),
                [](const std::vector<billing::ApiToken>& tokens) {
                  nlohmann::json out = nlohmann::json::array();
                  for (const auto& t : tokens) out.push_back(token_json(t));
                  return nlohmann::json{{"tokens", out}};
                });
          },
      .render =
          [](const Reply& reply, std::ostream& out) {
            Table table({{"ID", true}, {"OPERATOR"}, {"LABEL"}, {"CREATED"}, {"REVOKED"}});
            for (const auto& t : reply.body["tokens"]) {
              table.add({kit::cell(t["id"]), kit::cell(t["operator"]), kit::cell(t["label"]),
                         kit::cell(t["created_at"]), kit::cell(t["revoked_at"])});
            }
            table.print(out);
          },
  };
}

}  // namespace prepaid::cli

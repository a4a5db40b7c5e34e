// `prepaidctl tokens revoke` / DELETE /v1/tokens/{id} (OperatorService::revoke_token).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"

namespace prepaid::cli {

Command tokens_revoke_command() {
  return Command{
      .words = {"tokens", "revoke"},
      .summary = "Revoke an API token (it stops working at once)",
      .example = "prepaidctl --as alice tokens revoke 3",
      .method = "DELETE",
      .path = "/v1/tokens/{id}",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "id",
                       .type = ParamType::integer,
                       .required = true,
                       .help = "token id (tokens list)"}},
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.operators().revoke_token(r.who(), r.input.integer("id", 1, INT64_MAX)),
                token_json);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli

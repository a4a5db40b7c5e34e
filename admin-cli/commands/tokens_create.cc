// `prepaidctl tokens create` / POST /v1/tokens: an API token for an operator, shown once
// (OperatorService::create_token; only its SHA-256 is stored).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {

Command tokens_create_command() {
  return Command{
      .words = {"tokens", "create"},
      .summary = "Create an API token for an operator (shown once; only its hash is stored)",
      .example = "prepaidctl --as alice tokens create bob --label billing-web",
      .method = "POST",
      .path = "/v1/tokens",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "operator",
                       .required = true,
                       .help = "the operator the token acts as",
                       .positional = true},
                 Param{.name = "label", .help = "what the token is for"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.operators().create_token(r.who(), r.input.text("operator"),
                                                                  r.input.text_or("label", "")),
                              issued_token_json, 201);
          },
      .render =
          [](const Reply& reply, std::ostream& out) {
            const auto& t = reply.body;
            print_fields(out, {{"token id", kit::cell(t["id"])},
                               {"operator", kit::cell(t["operator"])},
                               {"label", kit::cell(t["label"])},
                               {"token", kit::cell(t["token"])}});
            out << "Keep the token now: it is not shown again. Use it as "
                   "'Authorization: Bearer <token>'.\n";
          },
  };
}

}  // namespace prepaid::cli

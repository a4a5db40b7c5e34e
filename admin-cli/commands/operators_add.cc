// `prepaidctl operators add` / POST /v1/operators (OperatorService::add).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"

namespace prepaid::cli {

Command operators_add_command() {
  return Command{
      .words = {"operators", "add"},
      .summary = "Add an operator with a role",
      .example = "prepaidctl --as alice operators add bob --role operator",
      .method = "POST",
      .path = "/v1/operators",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name",
                       .required = true,
                       .help = "operator name ([A-Za-z0-9._@-], ≤ 64)",
                       .positional = true},
                 kit::role_param()},
      .run =
          [](const Request& r) {
            const auto role = *billing::parse_role(*r.input.optional_choice("role"));
            return reply_with(r.services.operators().add(r.who(), r.input.text("name"), role),
                              operator_json, 201);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli

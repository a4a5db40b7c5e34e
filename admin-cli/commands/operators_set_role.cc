// `prepaidctl operators set-role` / PATCH /v1/operators/{name} (OperatorService::set_role).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"

namespace prepaid::cli {

Command operators_set_role_command() {
  return Command{
      .words = {"operators", "set-role"},
      .summary = "Change an operator's role",
      .example = "prepaidctl --as alice operators set-role bob --role administrator",
      .method = "PATCH",
      .path = "/v1/operators/{name}",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name", .required = true, .help = "operator name"},
                 kit::role_param()},
      .run =
          [](const Request& r) {
            const auto role = *billing::parse_role(*r.input.optional_choice("role"));
            return reply_with(r.services.operators().set_role(r.who(), r.input.text("name"), role),
                              operator_json);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli

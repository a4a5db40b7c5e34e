// `prepaidctl operators remove` / DELETE /v1/operators/{name}: removes an operator and revokes
// its tokens; never the last administrator (OperatorService::remove).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command operators_remove_command() {
  return Command{
      .words = {"operators", "remove"},
      .summary = "Remove an operator (and revoke its tokens); never the last administrator",
      .example = "prepaidctl --as alice operators remove bob",
      .method = "DELETE",
      .path = "/v1/operators/{name}",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name", .required = true, .help = "operator name"}},
      .run =
          [](const Request& r) {
            return kit::removed_reply(r.services.operators().remove(r.who(), r.input.text("name")));
          },
      .render = kit::render_removed,
  };
}

}  // namespace prepaid::cli

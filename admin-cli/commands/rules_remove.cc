// `prepaidctl rules remove` / DELETE /v1/tariffs/{tariff}/rules/{name}
// (TariffService::remove_rule).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command rules_remove_command() {
  return Command{
      .words = {"rules", "remove"},
      .summary = "Remove a price rule",
      .example = "prepaidctl --as alice rules remove retail evening",
      .method = "DELETE",
      .path = "/v1/tariffs/{tariff}/rules/{name}",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(), Param{.name = "name", .required = true, .help = "rule name"}},
      .run =
          [](const Request& r) {
            return kit::removed_reply(r.services.tariffs().remove_rule(
                r.who(), r.input.text("tariff"), r.input.text("name")));
          },
      .render = kit::render_removed,
  };
}

}  // namespace prepaid::cli

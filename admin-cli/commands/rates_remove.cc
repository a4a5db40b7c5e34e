// `prepaidctl rates remove` / DELETE /v1/tariffs/{tariff}/lists/{list}/rates/{prefix}
// (TariffService::remove_rate).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command rates_remove_command() {
  return Command{
      .words = {"rates", "remove"},
      .summary = "Remove one rate from a price list",
      .example = "prepaidctl --as alice rates remove retail base 4420",
      .method = "DELETE",
      .path = "/v1/tariffs/{tariff}/lists/{list}/rates/{prefix}",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(), kit::list_name(),
                 Param{.name = "prefix", .required = true, .help = "the rate's prefix"}},
      .run =
          [](const Request& r) {
            return kit::removed_reply(r.services.tariffs().remove_rate(
                r.who(), r.input.text("tariff"), r.input.text("list"), r.input.text("prefix")));
          },
      .render = kit::render_removed,
  };
}

}  // namespace prepaid::cli

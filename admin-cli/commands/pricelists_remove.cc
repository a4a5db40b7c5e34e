// `prepaidctl pricelists remove` / DELETE /v1/tariffs/{tariff}/lists/{list}
// (TariffService::remove_price_list: not the base list, not a list a rule uses).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command pricelists_remove_command() {
  return Command{
      .words = {"pricelists", "remove"},
      .summary = "Remove a price list that is neither the base list nor used by a rule",
      .example = "prepaidctl --as alice pricelists remove retail old-evening",
      .method = "DELETE",
      .path = "/v1/tariffs/{tariff}/lists/{list}",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(), kit::list_name()},
      .run =
          [](const Request& r) {
            const auto tariff = r.input.text("tariff");
            return kit::removed_reply(
                r.services.tariffs().remove_price_list(r.who(), tariff, r.input.text("list")),
                {{"tariff", tariff}});
          },
      .render = kit::render_removed,
  };
}

}  // namespace prepaid::cli

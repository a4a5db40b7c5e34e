// `prepaidctl holidays remove` / DELETE /v1/tariffs/{tariff}/holidays/{date}
// (TariffService::remove_holiday).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command holidays_remove_command() {
  return Command{
      .words = {"holidays", "remove"},
      .summary = "Remove a holiday from a tariff",
      .example = "prepaidctl --as alice holidays remove retail 12-25",
      .method = "DELETE",
      .path = "/v1/tariffs/{tariff}/holidays/{date}",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(),
                 Param{.name = "date", .required = true, .help = "YYYY-MM-DD or MM-DD"}},
      .run =
          [](const Request& r) {
            return kit::removed_reply(r.services.tariffs().remove_holiday(
                r.who(), r.input.text("tariff"), r.input.text("date")));
          },
      .render = kit::render_removed,
  };
}

}  // namespace prepaid::cli

// `prepaidctl nas remove` / DELETE /v1/nas/{nas}: forgets a NAS's dynamic-authorization
// settings (NasService::remove).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command nas_remove_command() {
  return Command{
      .words = {"nas", "remove"},
      .summary = "Forget a NAS's Disconnect-Request settings",
      .example = "prepaidctl --as alice nas remove 192.0.2.10",
      .method = "DELETE",
      .path = "/v1/nas/{nas}",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "nas", .required = true, .help = "the NAS"}},
      .run =
          [](const Request& r) {
            const auto removed = r.services.nas().remove(r.who(), r.input.text("nas"));
            if (!removed) return kit::removed_reply(removed.problem());
            return kit::removed_reply(billing::Result<std::string>("nas " + removed->nas));
          },
      .render = kit::render_removed,
  };
}

}  // namespace prepaid::cli

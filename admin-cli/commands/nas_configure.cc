// `prepaidctl nas configure` / PATCH /v1/nas/{nas}: changes a NAS's dynamic-authorization
// address, port or secret (NasService::configure).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/nas_commands.h"
#include "admin-cli/json/disconnect_json.h"

namespace prepaid::cli {

Command nas_configure_command() {
  std::vector<Param> params = {
      Param{.name = "nas", .required = true, .help = "the NAS"},
      Param{.name = "dae_address", .help = "where it accepts Disconnect-Requests"},
      Param{.name = "dae_port", .type = ParamType::integer, .help = "its UDP port"}};
  for (auto& p : nas_views::secret_params()) params.push_back(std::move(p));
  return Command{
      .words = {"nas", "configure"},
      .summary = "Change a NAS's Disconnect-Request address, port or secret",
      .example = "prepaidctl --as alice nas configure 192.0.2.10 --dae-port 1700",
      .method = "PATCH",
      .path = "/v1/nas/{nas}",
      .min_role = billing::Role::administrator,
      .params = std::move(params),
      .run =
          [](const Request& r) {
            billing::NasChange change;
            change.dae_address = r.input.optional_text("dae_address");
            if (auto port = r.input.optional_integer("dae_port", 1, 65535))
              change.dae_port = static_cast<std::uint16_t>(*port);
            change.secret = nas_views::read_secret(r.input);
            return reply_with(r.services.nas().configure(r.who(), r.input.text("nas"), change),
                              [](const billing::NasClient& n) { return nas_client_json(n); });
          },
      .render = nas_views::render_nas,
  };
}

}  // namespace prepaid::cli

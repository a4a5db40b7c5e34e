// `prepaidctl nas add` / POST /v1/nas: a NAS's dynamic-authorization settings
// (NasService::add). The secret is never echoed.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/nas_commands.h"
#include "admin-cli/json/disconnect_json.h"

namespace prepaid::cli {

Command nas_add_command() {
  std::vector<Param> params = {
      Param{.name = "nas",
            .required = true,
            .help = "the NAS: the address its RADIUS requests come from",
            .positional = true},
      Param{.name = "dae_address",
            .help = "where it accepts Disconnect-Requests (default: the NAS's address)"},
      Param{.name = "dae_port", .type = ParamType::integer, .help = "its UDP port (default 3799)"}};
  for (auto& p : nas_views::secret_params()) params.push_back(std::move(p));
  return Command{
      .words = {"nas", "add"},
      .summary = "Configure a NAS for Disconnect-Requests (address, port, secret)",
      .example = "prepaidctl --as alice nas add 192.0.2.10 --dae-port 3799 --secret-file nas.key",
      .method = "POST",
      .path = "/v1/nas",
      .min_role = billing::Role::administrator,
      .params = std::move(params),
      .run =
          [](const Request& r) {
            billing::NasClient n;
            n.nas = r.input.text("nas");
            n.dae_address = r.input.text_or("dae_address", n.nas);
            n.dae_port =
                static_cast<std::uint16_t>(r.input.optional_integer("dae_port", 1, 65535)
                                               .value_or(billing::NasClient::kDefaultPort));
            // Missing, it is refused by the service (after the role, about "secret").
            n.secret = nas_views::read_secret(r.input).value_or("");
            return reply_with(
                r.services.nas().add(r.who(), std::move(n)),
                [](const billing::NasClient& added) { return nas_client_json(added); }, 201);
          },
      .render = nas_views::render_nas,
  };
}

}  // namespace prepaid::cli

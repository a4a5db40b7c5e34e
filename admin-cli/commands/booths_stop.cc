// `prepaidctl booths stop NUMBER` / POST /v1/booths/{number}/stop: the counter stops the call
// in progress of one of its booths with an RFC 5176 Disconnect-Request to the call's NAS, and
// reports the answer (DisconnectService::disconnect_booth). The NAS's Stop settles the call.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/nas_commands.h"
#include "admin-cli/json/disconnect_json.h"

namespace prepaid::cli {

Command booths_stop_command() {
  std::vector<Param> params = {
      Param{.name = "number", .required = true, .help = "the booth's number"}};
  for (auto& p : nas_views::policy_params()) params.push_back(std::move(p));
  return Command{
      .words = {"booths", "stop"},
      .summary = "Stop a booth's call in progress (RFC 5176 Disconnect-Request to its NAS)",
      .example = "prepaidctl --as olga booths stop 710000000101",
      .method = "POST",
      .path = "/v1/booths/{number}/stop",
      .params = std::move(params),
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.disconnects().disconnect_booth(r.who(), r.input.text("number"),
                                                          billing::DisconnectReason::booth_stopped,
                                                          true, nas_views::read_policy(r.input)),
                [](const std::vector<billing::DisconnectAttempt>& attempts) {
                  nlohmann::json out = nlohmann::json::array();
                  for (const auto& a : attempts) out.push_back(disconnect_attempt_json(a));
                  return nlohmann::json{{"attempts", out}};
                });
          },
      .render = nas_views::render_attempts,
  };
}

}  // namespace prepaid::cli

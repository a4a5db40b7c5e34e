// `prepaidctl booths enable|disable` / POST /v1/booths/{number}/{enable,disable}
// (ShopService::set_booth_enabled). Disabling then stops the booth's call in progress with a
// Disconnect-Request (DisconnectService::disconnect_booth), reported under "disconnects".
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/nas_commands.h"
#include "admin-cli/json/disconnect_json.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r, bool enabled) {
  const auto number = r.input.text("number");
  auto changed = r.services.shops().set_booth_enabled(r.who(), number, enabled);
  if (!changed) return changed.problem();
  nlohmann::json body = booth_json(*changed);
  if (enabled) return Reply::json(std::move(body));
  // The account is disabled (committed): the booth authorizes no more. Its call in progress
  // is stopped now; an attempt that fails is reported (and recorded), not a refusal.
  nlohmann::json disconnects = nlohmann::json::array();
  auto stopped = r.services.disconnects().disconnect_booth(
      r.who(), number, billing::DisconnectReason::booth_disabled, false);
  if (stopped)
    for (const auto& a : *stopped) disconnects.push_back(disconnect_attempt_json(a));
  body["disconnects"] = std::move(disconnects);
  return Reply::json(std::move(body));
}

void render(const Reply& reply, std::ostream& out) {
  nlohmann::json booth = reply.body;
  booth.erase("disconnects");
  kit::print_object(booth, out);
  if (!reply.body.contains("disconnects") || reply.body["disconnects"].empty()) return;
  out << "\ncall stopped:\n";
  Reply attempts = reply;
  attempts.body = nlohmann::json{{"attempts", reply.body["disconnects"]}};
  nas_views::render_attempts(attempts, out);
}

Command status_command(const std::string& verb, std::string summary, bool enabled) {
  return Command{
      .words = {"booths", verb},
      .summary = std::move(summary),
      .example = "prepaidctl --as alice booths " + verb + " 710000000003",
      .method = "POST",
      .path = "/v1/booths/{number}/" + verb,
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "number", .required = true, .help = "the booth's number"}},
      .run = [enabled](const Request& r) { return run(r, enabled); },
      .render = render,
  };
}

}  // namespace

Command booths_enable_command() {
  return status_command("enable", "Enable a disabled booth", true);
}

Command booths_disable_command() {
  return status_command(
      "disable", "Disable a booth: it stops authorizing calls; its call in progress is stopped",
      false);
}

}  // namespace prepaid::cli

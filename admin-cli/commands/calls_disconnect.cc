// `prepaidctl calls disconnect` / POST /v1/calls/disconnect: stops a call in progress (or
// every call of a card) with an RFC 5176 Disconnect-Request to its NAS, and reports the
// answer (DisconnectService). The NAS's Stop then settles the call as usual.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/nas_commands.h"
#include "admin-cli/json/disconnect_json.h"

namespace prepaid::cli {
namespace {

nlohmann::json attempts_json(const std::vector<billing::DisconnectAttempt>& attempts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : attempts) out.push_back(disconnect_attempt_json(a));
  return nlohmann::json{{"attempts", out}};
}

Outcome run(const Request& r) {
  const auto nas = r.input.optional_text("nas");
  const auto session = r.input.optional_text("session_id");
  const auto card = r.input.optional_text("card");
  const auto policy = nas_views::read_policy(r.input);
  if (card) {
    if (nas || session)
      throw InputError("card", "give a NAS and a session id, or --card, not both");
    return reply_with(r.services.disconnects().disconnect_card(
                          r.who(), *card, billing::DisconnectReason::operator_request, policy),
                      attempts_json);
  }
  if (!nas) throw InputError("nas", "give the call's NAS and session id, or --card NUMBER");
  if (!session) throw InputError("session_id", "give the call's session id (see `online`)");
  return reply_with(
      r.services.disconnects().disconnect(r.who(), billing::SessionKey{*nas, *session}, policy),
      [](const billing::DisconnectAttempt& a) { return attempts_json({a}); });
}

}  // namespace

Command calls_disconnect_command() {
  std::vector<Param> params = {
      Param{.name = "nas", .help = "the call's NAS (as `online` shows it)", .positional = true},
      Param{.name = "session_id",
            .help = "the call's session id (as `online` shows it)",
            .positional = true},
      Param{.name = "card", .help = "stop every call in progress of this card instead"}};
  for (auto& p : nas_views::policy_params()) params.push_back(std::move(p));
  return Command{
      .words = {"calls", "disconnect"},
      .summary = "Stop a call in progress (RFC 5176 Disconnect-Request to its NAS)",
      .example = "prepaidctl --as bob calls disconnect 192.0.2.10 931C146B0F4411D6   # or --card N",
      .method = "POST",
      .path = "/v1/calls/disconnect",
      .params = std::move(params),
      .run = run,
      .render = nas_views::render_attempts,
  };
}

Command calls_disconnects_command() {
  return Command{
      .words = {"calls", "disconnects"},
      .summary = "Disconnect-Requests sent, newest first, with their answers",
      .example = "prepaidctl --as bob calls disconnects --card 100012345678",
      .method = "GET",
      .path = "/v1/calls/disconnects",
      .params = kit::with_page({Param{.name = "nas", .help = "only this NAS"},
                                Param{.name = "session_id", .help = "only this session id"},
                                Param{.name = "card", .help = "only this card"}}),
      .run =
          [](const Request& r) {
            billing::DisconnectFilter f;
            f.nas = r.input.text_or("nas", "");
            f.session_id = r.input.text_or("session_id", "");
            f.card_number = r.input.text_or("card", "");
            return reply_with(r.services.disconnects().list(r.who(), f, kit::read_page(r.input)),
                              attempts_json);
          },
      .render = nas_views::render_attempts,
  };
}

}  // namespace prepaid::cli

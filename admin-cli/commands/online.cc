// `prepaidctl online` / GET /v1/online: calls in progress (CallHistory::online), with the NAS
// and session id that `calls disconnect` takes.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/call_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  return reply_with(
      r.services.calls().online(r.who(), r.input.text_or("card", ""), kit::read_page(r.input)),
      [](const std::vector<billing::OnlineSession>& sessions) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : sessions) out.push_back(online_session_json(s));
        return nlohmann::json{{"sessions", out}};
      });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"CARD"},
               {"CALLED"},
               {"DESTINATION"},
               {"STATE"},
               {"UP", true},
               {"GRANTED", true},
               {"RESERVED", true},
               {"NAS"},
               {"SESSION"},
               {"SINCE"}});
  for (const auto& s : reply.body["sessions"]) {
    table.add({kit::cell(s["card"]), kit::cell(s["called"]), kit::cell(s["destination"]),
               kit::cell(s["state"]), kit::cell(s["up_s"]) + "s", kit::cell(s["granted_s"]) + "s",
               kit::money_cell(s, "reserved"), kit::cell(s["nas"]), kit::cell(s["session_id"]),
               kit::cell(s["created_at"])});
  }
  table.print(out);
}

}  // namespace

Command online_command() {
  return Command{
      .words = {"online"},
      .summary = "Calls in progress (open reservations), oldest first",
      .example = "prepaidctl --as bob online",
      .method = "GET",
      .path = "/v1/online",
      .params = kit::with_page({Param{.name = "card", .help = "only this card number"}}),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

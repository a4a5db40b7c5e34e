// `prepaidctl booths calls` / GET /v1/booths/{number}/calls (PaymentService::session_calls):
// the calls of a booth's open session with their counter state, for the counter's screen.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/call_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

nlohmann::json session_calls_json(const billing::BoothSessionCalls& s) {
  nlohmann::json calls = nlohmann::json::array();
  for (const auto& c : s.calls) {
    nlohmann::json j = cdr_json(c.cdr);
    j["counter_state"] = std::string(billing::to_string(c.state));
    j["payment"] = c.payment ? nlohmann::json(*c.payment) : nlohmann::json(nullptr);
    j["reason"] = c.reason;
    calls.push_back(std::move(j));
  }
  return {{"booth", s.booth},
          {"currency", s.currency},
          {"session", s.session ? nlohmann::json(*s.session) : nlohmann::json(nullptr)},
          {"calls", calls}};
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"ID", true},
               {"AT"},
               {"CALLED"},
               {"DESTINATION"},
               {"SECONDS", true},
               {"PRICE", true},
               {"STATE"},
               {"REASON"}});
  for (const auto& c : reply.body["calls"])
    table.add({kit::cell(c["id"]), kit::cell(c["call_at"]), kit::cell(c["called"]),
               kit::cell(c["destination"]), kit::cell(c["duration_s"]), kit::money_cell(c, "price"),
               kit::cell(c["counter_state"]), kit::cell(c["reason"])});
  table.print(out);
}

}  // namespace

Command booths_calls_command() {
  return Command{
      .words = {"booths", "calls"},
      .summary =
          "The calls of a booth's open session with their counter state (unpaid, paid, "
          "unserved)",
      .example = "prepaidctl --as olga booths calls 710000000101",
      .method = "GET",
      .path = "/v1/booths/{number}/calls",
      .params = {Param{.name = "number", .required = true, .help = "the booth's number"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.payments().session_calls(r.who(), r.input.text("number")),
                              session_calls_json);
          },
      .render = render,
  };
}

}  // namespace prepaid::cli

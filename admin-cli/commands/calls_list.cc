// `prepaidctl calls list` / GET /v1/calls: rated calls, newest first; today by default
// (CallHistory::calls).
#include <ostream>

#include "admin-cli/commands/call_query.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/call_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto query = kit::read_call_query(r);
  if (!query) return query.problem();
  return reply_with(r.services.calls().calls(r.who(), *query, kit::read_page(r.input)),
                    [](const std::vector<billing::Cdr>& cdrs) {
                      nlohmann::json out = nlohmann::json::array();
                      for (const auto& c : cdrs) out.push_back(cdr_json(c));
                      return nlohmann::json{{"calls", out}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"AT"},
               {"CARD"},
               {"CALLED"},
               {"DESTINATION"},
               {"SECONDS", true},
               {"BILLED", true},
               {"PRICE", true},
               {"CAUSE"},
               {"REVIEW"}});
  for (const auto& c : reply.body["calls"]) {
    std::string review = kit::cell(c["review"]);
    const std::string unbilled = kit::cell(c["unbilled"]);
    if (unbilled.find_first_not_of("0.") != std::string::npos)
      review += " (" + unbilled + " unbilled)";
    table.add({kit::cell(c["call_at"]), kit::cell(c["card"]), kit::cell(c["called"]),
               kit::cell(c["destination"]), kit::cell(c["duration_s"]), kit::cell(c["billed_s"]),
               kit::money_cell(c, "price"), kit::cell(c["disconnect_cause"]), review});
  }
  table.print(out);
}

}  // namespace

Command calls_list_command() {
  return Command{
      .words = {"calls", "list"},
      .summary = "Rated calls, newest first (default: today, in the tariff's zone or --zone)",
      .example =
          "prepaidctl --as bob calls list --from 2026-03-01 --to 2026-03-02 --zone "
          "Europe/Sofia --card 100012345678",
      .method = "GET",
      .path = "/v1/calls",
      .params = kit::with_page(kit::call_query_params()),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

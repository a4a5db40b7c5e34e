// `prepaidctl calls summary` / GET /v1/calls/summary: calls, billed seconds and revenue per
// local hour or day, and in all, summed by the database (CallHistory::summary).
#include <ostream>
#include <string>

#include "admin-cli/commands/call_query.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/call_summary_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto query = kit::read_call_query(r, true);
  if (!query) return query.problem();
  const auto by = r.input.optional_choice("by").value_or("hour") == "day"
                      ? billing::PeriodKind::day
                      : billing::PeriodKind::hour;
  return reply_with(r.services.calls().summary(r.who(), *query, by), call_summary_json);
}

/// "2026-10-25 03:00 +03:00" by hour, "2026-10-25" by day, from the JSON's local time.
std::string start_cell(const nlohmann::json& start, bool by_day) {
  const std::string text = start.get<std::string>();
  if (by_day) return text.substr(0, 10);
  return text.substr(0, 10) + " " + text.substr(11, 5) + " " + text.substr(19);
}

std::string revenue_cell(const nlohmann::json& revenue) {
  std::string out;
  for (const auto& r : revenue)
    out += (out.empty() ? "" : ", ") + r["amount"].get<std::string>() + " " +
           r["currency"].get<std::string>();
  return out.empty() ? "-" : out;
}

void render(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body;
  const bool by_day = b["by"] == "day";
  out << "Calls by " << b["by"].get<std::string>() << " in " << b["zone"].get<std::string>() << ", "
      << start_cell(b["from"], false) << " to " << start_cell(b["to"], false) << "\n";
  Table table({{by_day ? "DAY" : "HOUR"}, {"CALLS", true}, {"BILLED S", true}, {"REVENUE"}});
  for (const auto& p : b["periods"])
    table.add({start_cell(p["start"], by_day), kit::cell(p["calls"]), kit::cell(p["billed_s"]),
               revenue_cell(p["revenue"])});
  const auto& t = b["total"];
  table.add({"TOTAL", kit::cell(t["calls"]), kit::cell(t["billed_s"]), revenue_cell(t["revenue"])});
  table.print(out);
}

}  // namespace

Command calls_summary_command() {
  auto params = kit::call_query_params();
  params.push_back(Param{.name = "by",
                         .type = ParamType::choice,
                         .help = "one row per local hour (default) or day of the zone",
                         .choices = {"hour", "day"}});
  return Command{
      .words = {"calls", "summary"},
      .summary =
          "Calls, billed seconds and revenue per hour or day (default: today by hour, in "
          "the tariff's zone or --zone), summed by the database",
      .example =
          "prepaidctl --as bob calls summary --from 2026-03-01 --to 2026-04-01 --by day "
          "--zone Europe/Sofia",
      .method = "GET",
      .path = "/v1/calls/summary",
      .params = params,
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

#include "admin-cli/json/call_summary_json.h"

#include <stdexcept>
#include <string>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {
namespace {

nlohmann::json totals_json(const billing::CallTotals& t) {
  nlohmann::json revenue = nlohmann::json::array();
  for (const auto& r : t.revenue)
    revenue.push_back({{"currency", r.currency}, {"amount", money_text(r.amount, r.currency)}});
  return {{"calls", t.calls}, {"billed_s", t.billed_s}, {"revenue", revenue}};
}

}  // namespace

nlohmann::json call_summary_json(const billing::CallSummary& summary) {
  const auto zone = rating::TimeZone::locate(summary.zone);
  if (!zone) throw std::logic_error("a summary in an unknown zone: " + summary.zone);
  nlohmann::json periods = nlohmann::json::array();
  for (const auto& p : summary.periods) {
    nlohmann::json row = totals_json(p.totals);
    row["start"] = local_instant_text(p.period.start, *zone);
    row["end"] = local_instant_text(p.period.end, *zone);
    periods.push_back(std::move(row));
  }
  return {{"zone", summary.zone},
          {"by", std::string(billing::to_string(summary.by))},
          {"from", local_instant_text(summary.from, *zone)},
          {"to", local_instant_text(summary.to, *zone)},
          {"periods", periods},
          {"total", totals_json(summary.total)}};
}

}  // namespace prepaid::cli

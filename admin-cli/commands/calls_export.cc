// `prepaidctl calls export` / GET /v1/calls/export: every call matching the filters as CSV
// (CallHistory::calls, page by page).
#include "admin-cli/command/instant_text.h"
#include "admin-cli/commands/call_query.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/money_text.h"
#include "admin-cli/text/csv_text.h"

namespace prepaid::cli {
namespace {

std::string optional_instant(const std::optional<rating::Instant>& at) {
  return at ? instant_text(*at) : "";
}

Outcome run(const Request& r) {
  const auto read = kit::read_call_query(r);
  if (!read) return read.problem();
  const billing::CallQuery& query = *read;
  std::string csv = csv_record({"id",
                                "call_at",
                                "card",
                                "calling",
                                "called",
                                "digits",
                                "destination",
                                "prefix",
                                "price_list",
                                "rule",
                                "connect_at",
                                "end_at",
                                "duration_s",
                                "billed_s",
                                "price",
                                "currency",
                                "rate",
                                "rate_unit_s",
                                "connect_fee",
                                "buy_cost",
                                "buy_currency",
                                "tariff",
                                "tariff_version",
                                "nas",
                                "session_id",
                                "disconnect_cause",
                                "rating_detail",
                                "review",
                                "unbilled"});
  billing::Page page{0, 10000};
  std::uint64_t rows = 0;
  while (true) {
    auto cdrs = r.services.calls().calls(r.who(), query, page);
    if (!cdrs) return cdrs.problem();
    for (const auto& c : *cdrs) {
      const auto& cur = c.currency;
      const std::string& buy_cur = c.buy_currency.empty() ? cur : c.buy_currency;
      csv += csv_record({std::to_string(c.id),
                         instant_text(c.call_at),
                         c.card_number,
                         c.calling,
                         c.called,
                         c.digits,
                         c.destination,
                         c.prefix,
                         c.price_list,
                         c.rule,
                         optional_instant(c.connect_at),
                         optional_instant(c.end_at),
                         std::to_string(c.duration_s),
                         std::to_string(c.billed_s),
                         money_text(c.price, cur),
                         cur,
                         money_text(c.rate, cur),
                         std::to_string(c.rate_unit_s),
                         money_text(c.connect_fee, cur),
                         c.buy_cost ? money_text(*c.buy_cost, buy_cur) : "",
                         c.buy_cost ? buy_cur : "",
                         c.tariff,
                         std::to_string(c.tariff_version),
                         c.key.nas,
                         c.key.session_id,
                         c.disconnect_cause,
                         c.rating_detail,
                         c.review,
                         money_text(c.unbilled, cur)});
    }
    rows += cdrs->size();
    if (cdrs->size() < page.limit) break;
    page.offset += page.limit;
    r.progress(std::to_string(rows) + " calls so far");
  }
  return Reply::document(std::move(csv), "text/csv; charset=utf-8");
}

}  // namespace

Command calls_export_command() {
  return Command{
      .words = {"calls", "export"},
      .summary =
          "Every call matching the filters as CSV (default: today, in the tariff's zone or "
          "--zone)",
      .example =
          "prepaidctl --as bob calls export --from 2026-03-01 --to 2026-04-01 --output "
          "march.csv",
      .method = "GET",
      .path = "/v1/calls/export",
      .params =
          [] {
            auto p = kit::call_query_params();
            p.push_back(kit::output_file());
            return p;
          }(),
      .long_running = true,
      .run = run,
  };
}

}  // namespace prepaid::cli

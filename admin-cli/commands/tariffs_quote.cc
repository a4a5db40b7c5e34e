// GET /v1/tariffs/{tariff}/quote, and `prepaidctl quote --tariff-name NAME`: the price of a
// call (TariffService::quote) or the seconds a balance buys (TariffService::quote_grant)
// against a stored tariff, exactly as a Stop would charge it.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/quote_start.h"
#include "admin-cli/json/quote_json.h"
#include "admin-cli/text/quote_text.h"
#include "billing/calls/call_policy.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto& in = r.input;
  const auto tariff_name = in.text("tariff");
  const auto number = in.text("number");
  const auto duration = kit::optional_u32(in, "duration_s");
  const auto balance = in.optional_money("balance");
  if (duration.has_value() == balance.has_value()) {
    throw InputError(duration ? "balance" : "duration_s",
                     "give exactly one of duration_s (price a call) and balance (seconds it buys)");
  }
  const auto given_cap = kit::optional_u32(in, "cap_s");
  const auto cap = given_cap.value_or(billing::kModuleDefaultMaxCallDuration_s);
  if (in.has("cap_s") && duration) throw InputError("cap_s", "cap_s goes with balance");

  // The tariff's header: its zone (to read the start), currency and rounding (to show them).
  auto tariffs = r.services.tariffs().list_tariffs(r.who());
  if (!tariffs) return tariffs.problem();
  std::optional<QuoteTariff> header;
  for (const auto& t : *tariffs)
    if (t.name == tariff_name) header = QuoteTariff::of(t);
  if (!header) {
    return billing::refuse(billing::ErrorCode::not_found, "no usable tariff named " + tariff_name);
  }
  const auto zone_name = in.text_or("zone_of_start", "tariff");
  const auto zone = quote_start_zone(zone_name, header->zone);
  if (!zone) throw InputError("zone_of_start", "zone_of_start: unknown time zone: " + zone_name);
  const auto start_text = in.text("start");
  const auto start = parse_quote_start(start_text, *zone, r.services.now());
  if (!start) {
    throw InputError("start",
                     "start: expected \"YYYY-MM-DD HH:MM[:SS]\" or now, not: " + start_text);
  }
  if (duration) {
    return reply_with(r.services.tariffs().quote(r.who(), tariff_name, number, *start, *duration),
                      [&](const rating::CallPrice& price) {
                        return price_quote_json(*header, number, *start, price);
                      });
  }
  return reply_with(
      r.services.tariffs().quote_grant(r.who(), tariff_name, number, *start, *balance, cap),
      [&](const rating::Grant& grant) {
        return grant_quote_json(*header, number, *start, *balance, cap, !given_cap, grant);
      });
}

}  // namespace

Command tariffs_quote_command() {
  return Command{
      .words = {"quote"},
      .summary = "Price a call or compute how long a balance lasts, against a stored tariff",
      .example =
          "prepaidctl --as bob quote --tariff-name retail --number +359888123456 --start "
          "'2026-11-23 17:58:00' --duration 300",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/quote",
      .params = {kit::tariff_name(),
                 Param{.name = "number", .required = true, .help = "dialed number"},
                 Param{.name = "start",
                       .required = true,
                       .help = "start of the call: \"YYYY-MM-DD HH:MM[:SS]\" or now"},
                 Param{.name = "zone_of_start",
                       .help = "zone of start: tariff (default), utc, or an IANA name"},
                 Param{.name = "duration_s",
                       .type = ParamType::integer,
                       .help = "call length: price it (exclusive with balance)"},
                 Param{.name = "balance",
                       .type = ParamType::money,
                       .help = "free balance: the seconds it buys (exclusive with duration_s)"},
                 Param{.name = "cap_s",
                       .type = ParamType::integer,
                       .help = "with balance: never more than this many seconds, 1..86400 "
                               "(default 7200: rlm_prepaid's default max_call_duration)"}},
      .cli_through = "quote --tariff-name NAME",
      .run = run,
      .render = [](const Reply& reply, std::ostream& out) { print_quote(reply.body, out); },
  };
}

}  // namespace prepaid::cli

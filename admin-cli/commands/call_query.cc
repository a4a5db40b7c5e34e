#include "admin-cli/commands/call_query.h"

#include "admin-cli/command/instant_text.h"
#include "admin-cli/commands/command_kit.h"

namespace prepaid::cli::kit {

std::vector<Param> call_query_params() {
  return {
      Param{.name = "from",
            .type = ParamType::instant,
            .help = "calls at or after (2026-03-01, 2026-03-01T08:00, …Z); default: today"},
      Param{.name = "to", .type = ParamType::instant, .help = "calls before; default: today's end"},
      Param{.name = "zone",
            .help = "IANA zone of dates, times and 'today' (default: the tariff's: the card's "
                    "tariff, or the zone every tariff shares)"},
      Param{.name = "card", .help = "only this card number"},
      Param{.name = "dialed",
            .help = "dialed numbers starting with this, as dialed or as listed (+44, 0044, 44)"},
      Param{.name = "review",
            .type = ParamType::boolean,
            .help = "only calls to review: overrun, capped, unauthorized, called-differs, "
                    "no-duration (docs/radius.md)"},
  };
}

namespace {

/// True when the instant named `name` is given in a local form ("2026-03-01T08:00"), which
/// reads differently in two zones 14 hours apart; false for "…Z" or "…+02:00", or when absent.
bool local_form(const Input& in, const char* name) {
  const auto text = in.optional_text(name);
  if (!text) return false;
  static const auto utc = rating::TimeZone::locate("UTC");
  static const auto line_islands = rating::TimeZone::locate("Pacific/Kiritimati");
  return parse_instant(*text, *utc) != parse_instant(*text, *line_islands);
}

}  // namespace

billing::Result<billing::CallQuery> read_call_query(const Request& r, bool days_matter) {
  const auto& in = r.input;
  billing::CallQuery q;
  q.card_number = in.text_or("card", "");
  q.dialed = in.text_or("dialed", "");
  q.review_only = in.flag("review");
  const bool today = !in.has("from") && !in.has("to");
  if (in.has("zone")) {
    q.zone = std::string(read_zone(in).name());
  } else if (!days_matter && !today && !local_form(in, "from") && !local_form(in, "to")) {
    q.zone = "UTC";  // absolute times: no zone is needed
  } else {
    auto zone = r.services.calls().day_zone(r.who(), q.card_number);
    if (!zone) return zone.problem();
    q.zone = *zone;
  }
  const auto zone = rating::TimeZone::locate(q.zone);
  if (!zone) throw InputError("zone", "zone: unknown time zone: " + q.zone);
  q.from = in.optional_instant("from", *zone);
  q.to = in.optional_instant("to", *zone);
  return q;
}

}  // namespace prepaid::cli::kit

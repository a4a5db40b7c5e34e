#include "admin-cli/commands/call_query.h"

#include "admin-cli/commands/command_kit.h"

namespace prepaid::cli::kit {

std::vector<Param> call_query_params() {
  return {
      Param{.name = "from",
            .type = ParamType::instant,
            .help = "calls at or after (2026-03-01, 2026-03-01T08:00, …Z); default: today"},
      Param{.name = "to", .type = ParamType::instant, .help = "calls before; default: today's end"},
      Param{.name = "zone", .help = "IANA zone of dates, times and 'today' (default UTC)"},
      Param{.name = "card", .help = "only this card number"},
      Param{.name = "dialed", .help = "dialed numbers starting with these digits"},
      Param{.name = "review",
            .type = ParamType::boolean,
            .help = "only calls to review: overrun, capped, unauthorized, called-differs, "
                    "no-duration (docs/radius.md)"},
  };
}

billing::CallQuery read_call_query(const Input& in) {
  const auto zone = read_zone(in);
  billing::CallQuery q;
  q.zone = std::string(zone.name());
  q.from = in.optional_instant("from", zone);
  q.to = in.optional_instant("to", zone);
  q.card_number = in.text_or("card", "");
  q.dialed = in.text_or("dialed", "");
  q.review_only = in.flag("review");
  return q;
}

}  // namespace prepaid::cli::kit

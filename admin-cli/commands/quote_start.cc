#include "admin-cli/commands/quote_start.h"

#include "admin-cli/command/failure.h"

namespace prepaid::cli {

std::optional<rating::TimeZone> quote_start_zone(std::string_view name,
                                                 const rating::TimeZone& tariff_zone) {
  if (name == "tariff") return tariff_zone;
  if (name == "utc" || name == "UTC") return rating::TimeZone::utc();
  return rating::TimeZone::locate(name);
}

QuoteStart read_quote_start(std::string_view text, const rating::TimeZone& zone,
                            rating::Instant now) {
  if (text == "now") return {now, {}};
  return read_instant(text, zone);
}

std::optional<rating::Instant> parse_quote_start(std::string_view text,
                                                 const rating::TimeZone& zone,
                                                 rating::Instant now) {
  QuoteStart start = read_quote_start(text, zone, now);
  if (!start.at && !start.clock_problem.empty()) {
    throw InputError("start", "start: " + start.clock_problem);
  }
  return start.at;
}

}  // namespace prepaid::cli

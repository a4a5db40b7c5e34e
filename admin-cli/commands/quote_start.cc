#include "admin-cli/commands/quote_start.h"

#include "admin-cli/command/instant_text.h"

namespace prepaid::cli {

std::optional<rating::TimeZone> quote_start_zone(std::string_view name,
                                                 const rating::TimeZone& tariff_zone) {
  if (name == "tariff") return tariff_zone;
  if (name == "utc" || name == "UTC") return rating::TimeZone::utc();
  return rating::TimeZone::locate(name);
}

std::optional<rating::Instant> parse_quote_start(std::string_view text,
                                                 const rating::TimeZone& zone,
                                                 rating::Instant now) {
  if (text == "now") return now;
  return parse_instant(text, zone);
}

}  // namespace prepaid::cli

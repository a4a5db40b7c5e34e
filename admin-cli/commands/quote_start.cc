#include "admin-cli/commands/quote_start.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "admin-cli/command/failure.h"
#include "admin-cli/command/instant_text.h"

namespace prepaid::cli {
namespace {

using std::chrono::seconds;

/// True when the text carries no "Z" or offset after its date: a reading of local clocks.
bool is_local_reading(std::string_view text) {
  if (text.size() < 10) return true;
  return text.substr(10).find_first_of("Zz+-") == std::string_view::npos;
}

/// "2026-10-25 03:30:00" for a clock reading held as if it were UTC.
std::string reading_text(rating::Instant wall) {
  const auto day = std::chrono::floor<std::chrono::days>(wall);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss<seconds> tod{wall - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld:%02lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
                static_cast<long long>(tod.seconds().count()));
  return buf;
}

/// "03:00" (or "03:00:30") for the clock reading of a wall time.
std::string clock_text(rating::Instant wall, bool with_seconds) {
  const std::string full = reading_text(wall).substr(11);
  return with_seconds || full.substr(6) != "00" ? full : full.substr(0, 5);
}

/// "+03:00", "-04:00", "+12:45".
std::string offset_text(seconds offset) {
  const long long total = offset.count();
  const long long a = std::llabs(total);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", total < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

std::string explain(const std::string& reading, rating::Instant wall,
                    const rating::LocalResolution& r, std::string_view zone) {
  const std::string before = clock_text(r.change + r.offset_before, false) + " " + r.abbrev_before;
  const std::string after = clock_text(r.change + r.offset_after, false) + " " + r.abbrev_after;
  if (r.kind == rating::LocalResolution::Kind::skipped) {
    // Read with the offset before the change, the reading lands after it, later on the clocks.
    const rating::Instant shifted = wall - r.offset_before + r.offset_after;
    return reading + " does not exist in " + std::string(zone) + ": the clocks went from " +
           before + " straight to " + after +
           "; give a time they showed, or add the offset you mean (" + reading +
           offset_text(r.offset_before) + " is " + clock_text(shifted, true) + " " +
           r.abbrev_after + ")";
  }
  return reading + " occurs twice in " + std::string(zone) + ": the clocks went back from " +
         before + " to " + after + "; add the offset you mean: " + reading +
         offset_text(r.offset_before) + " (" + r.abbrev_before + ", the first, " +
         reading_text(r.earlier) + " UTC) or " + reading + offset_text(r.offset_after) + " (" +
         r.abbrev_after + ", the second, " + reading_text(r.later) + " UTC)";
}

}  // namespace

std::optional<rating::TimeZone> quote_start_zone(std::string_view name,
                                                 const rating::TimeZone& tariff_zone) {
  if (name == "tariff") return tariff_zone;
  if (name == "utc" || name == "UTC") return rating::TimeZone::utc();
  return rating::TimeZone::locate(name);
}

QuoteStart read_quote_start(std::string_view text, const rating::TimeZone& zone,
                            rating::Instant now) {
  if (text == "now") return {now, {}};
  if (!is_local_reading(text)) return {parse_instant(text, zone), {}};
  // The clock reading itself, held as a UTC time so that it can be taken apart.
  const auto wall = parse_instant(text, rating::TimeZone::utc());
  if (!wall) return {};
  const auto day = std::chrono::floor<std::chrono::days>(*wall);
  const std::chrono::year_month_day ymd{day};
  const auto r = zone.resolve_local(
      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<std::uint32_t>((*wall - day).count()));
  if (!r) return {};
  if (r->kind == rating::LocalResolution::Kind::unique) return {r->earlier, {}};
  return {std::nullopt, explain(reading_text(*wall), *wall, *r, zone.name())};
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

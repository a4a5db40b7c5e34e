#include "admin-cli/command/instant_text.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace prepaid::cli {
namespace {

/// Reads exactly `width` digits at `pos`; advances it.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool take(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

/// "2026-10-25 03:30:00" for a clock reading held as if it were UTC.
std::string reading_text(rating::Instant wall) {
  return instant_text(wall).replace(10, 1, " ").substr(0, 19);
}

/// "03:00" (or "03:00:30") for the clock reading of a wall time.
std::string clock_text(rating::Instant wall, bool with_seconds) {
  const std::string full = reading_text(wall).substr(11);
  return with_seconds || full.substr(6) != "00" ? full : full.substr(0, 5);
}

/// "+03:00", "-04:00", "+12:45".
std::string offset_text(std::chrono::seconds offset) {
  const long long total = offset.count();
  const long long a = std::llabs(total);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", total < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

/// Why the local reading `wall` (held as UTC) names no instant or two in `zone`, and what to
/// write instead.
std::string clock_problem(rating::Instant wall, const rating::LocalResolution& r,
                          std::string_view zone) {
  const std::string reading = reading_text(wall);
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

std::string instant_text(rating::Instant at) {
  using namespace std::chrono;
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> tod{at - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()),
                static_cast<long long>(tod.seconds().count()));
  return buf;
}

std::string local_instant_text(rating::Instant at, const rating::TimeZone& zone) {
  const rating::LocalTime l = zone.to_local(at);
  // The wall reading, held as if it were UTC, then its offset instead of the Z.
  const std::string wall = instant_text(at + l.utc_offset);
  return wall.substr(0, wall.size() - 1) + offset_text(l.utc_offset);
}

InstantReading read_instant(std::string_view text, const rating::TimeZone& zone) {
  using namespace std::chrono;
  std::size_t pos = 0;
  const auto y = digits(text, pos, 4);
  if (!y || !take(text, pos, '-')) return {};
  const auto mo = digits(text, pos, 2);
  if (!mo || !take(text, pos, '-')) return {};
  const auto d = digits(text, pos, 2);
  if (!d) return {};
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                           day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return {};
  const auto mm = static_cast<unsigned>(*mo);
  const auto dd = static_cast<unsigned>(*d);
  std::uint32_t second_of_day = 0;
  bool has_time = false;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    const auto h = digits(text, pos, 2);
    if (!h || !take(text, pos, ':')) return {};
    const auto mi = digits(text, pos, 2);
    if (!mi) return {};
    int s = 0;
    if (take(text, pos, ':')) {
      const auto sec = digits(text, pos, 2);
      if (!sec) return {};
      s = *sec;
    }
    if (*h > 23 || *mi > 59 || s > 59) return {};
    second_of_day = static_cast<std::uint32_t>(*h * 3600 + *mi * 60 + s);
    has_time = true;
  }
  if (pos == text.size() && !has_time) {
    // A day: its first instant (the earlier midnight, or the jump when midnight was skipped).
    return {zone.from_local(*y, mm, dd, 0), {}};
  }
  // The clock reading itself, held as a UTC time.
  const rating::Instant wall = sys_days{ymd} + seconds{second_of_day};
  if (pos == text.size()) {
    const auto r = zone.resolve_local(*y, mm, dd, second_of_day);
    if (!r) return {};
    if (r->kind == rating::LocalResolution::Kind::unique) return {r->earlier, {}};
    return {std::nullopt, clock_problem(wall, *r, zone.name())};
  }
  // An absolute time: UTC ("Z") or an offset.
  if (take(text, pos, 'Z') || take(text, pos, 'z')) {
    return {pos == text.size() ? std::optional(wall) : std::nullopt, {}};
  }
  int sign = 0;
  if (take(text, pos, '+'))
    sign = 1;
  else if (take(text, pos, '-'))
    sign = -1;
  if (sign == 0) return {};
  const auto oh = digits(text, pos, 2);
  if (!oh) return {};
  take(text, pos, ':');
  const auto om = digits(text, pos, 2);
  if (!om || pos != text.size() || *oh > 23 || *om > 59) return {};
  return {wall - seconds{sign * (*oh * 3600 + *om * 60)}, {}};
}

std::optional<rating::Instant> parse_instant(std::string_view text, const rating::TimeZone& zone) {
  return read_instant(text, zone).at;
}

}  // namespace prepaid::cli

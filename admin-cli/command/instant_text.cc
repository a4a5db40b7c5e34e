#include "admin-cli/command/instant_text.h"

#include <chrono>
#include <cstdint>
#include <cstdio>

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

std::optional<rating::Instant> parse_instant(std::string_view text, const rating::TimeZone& zone) {
  using namespace std::chrono;
  std::size_t pos = 0;
  const auto y = digits(text, pos, 4);
  if (!y || !take(text, pos, '-')) return std::nullopt;
  const auto mo = digits(text, pos, 2);
  if (!mo || !take(text, pos, '-')) return std::nullopt;
  const auto d = digits(text, pos, 2);
  if (!d) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                           day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  std::uint32_t second_of_day = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    const auto h = digits(text, pos, 2);
    if (!h || !take(text, pos, ':')) return std::nullopt;
    const auto mi = digits(text, pos, 2);
    if (!mi) return std::nullopt;
    int s = 0;
    if (take(text, pos, ':')) {
      const auto sec = digits(text, pos, 2);
      if (!sec) return std::nullopt;
      s = *sec;
    }
    if (*h > 23 || *mi > 59 || s > 59) return std::nullopt;
    second_of_day = static_cast<std::uint32_t>(*h * 3600 + *mi * 60 + s);
  }
  if (pos == text.size()) {
    return zone.from_local(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d),
                           second_of_day);
  }
  // An absolute time: UTC ("Z") or an offset.
  const rating::Instant utc_reading = sys_days{ymd} + seconds{second_of_day};
  if (take(text, pos, 'Z') || take(text, pos, 'z')) {
    return pos == text.size() ? std::optional(utc_reading) : std::nullopt;
  }
  int sign = 0;
  if (take(text, pos, '+'))
    sign = 1;
  else if (take(text, pos, '-'))
    sign = -1;
  if (sign == 0) return std::nullopt;
  const auto oh = digits(text, pos, 2);
  if (!oh) return std::nullopt;
  take(text, pos, ':');
  const auto om = digits(text, pos, 2);
  if (!om || pos != text.size() || *oh > 23 || *om > 59) return std::nullopt;
  return utc_reading - seconds{sign * (*oh * 3600 + *om * 60)};
}

}  // namespace prepaid::cli

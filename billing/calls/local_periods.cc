// Local hours and days of a zone over a range of UTC, and the slice of UTC they share.
#include "billing/calls/local_periods.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <tuple>

namespace prepaid::billing {

using rating::Instant;
using std::chrono::seconds;

std::string_view to_string(PeriodKind kind) {
  return kind == PeriodKind::hour ? "hour" : "day";
}

namespace {

/// What two instants of one period have in common: the local date, and for an hour the hour
/// and the UTC offset.
auto period_key(const rating::LocalTime& l, PeriodKind kind) {
  const bool hour = kind == PeriodKind::hour;
  return std::make_tuple(l.year, l.month, l.day, hour ? l.second_of_day / 3600 : 0u,
                         hour ? l.utc_offset.count() : 0);
}

}  // namespace

std::vector<LocalPeriod> local_periods(const rating::TimeZone& zone, PeriodKind kind, Instant from,
                                       Instant to) {
  const std::uint32_t length = kind == PeriodKind::hour ? 3600 : 86400;
  std::vector<LocalPeriod> out;
  Instant start = from;
  while (start < to) {
    const rating::LocalTime local = zone.to_local(start);
    const auto key = period_key(local, kind);
    // Walk to the next local hour or midnight on the current offset, or to the next offset
    // change, until the reading leaves the period.
    Instant end = start;
    for (;;) {
      const rating::LocalTime now = zone.to_local(end);
      if (end != start && period_key(now, kind) != key) break;
      const Instant boundary = end + seconds(length - now.second_of_day % length);
      end = std::min(boundary, now.offset_valid_until);
      if (end >= to) {
        end = to;
        break;
      }
    }
    out.push_back(LocalPeriod{start, end, local});
    start = end;
  }
  return out;
}

std::uint32_t common_slice(const std::vector<LocalPeriod>& periods, std::uint32_t max_slice_s) {
  std::int64_t slice = max_slice_s;
  for (std::size_t i = 1; i < periods.size(); ++i)
    slice = std::gcd(slice, periods[i].start.time_since_epoch().count());
  return static_cast<std::uint32_t>(slice);
}

std::size_t period_of(const std::vector<LocalPeriod>& periods, Instant at) {
  auto it = std::upper_bound(periods.begin(), periods.end(), at,
                             [](Instant t, const LocalPeriod& p) { return t < p.start; });
  if (it == periods.begin()) return periods.size();
  --it;
  return at < it->end ? static_cast<std::size_t>(it - periods.begin()) : periods.size();
}

}  // namespace prepaid::billing

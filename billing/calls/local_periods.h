#pragma once
/// @file local_periods.h
/// @brief A range of UTC cut into the local hours or local days of a time zone, and the
/// coarsest slice of UTC that never straddles two of them.
///
/// A local day is every instant whose local date is that day: 23 hours on the day the clocks
/// go forward, 25 on the day they go back (24.5 and 23.5 where they move by 30 minutes,
/// Australia/Lord_Howe). A local hour is every instant whose local date, hour **and UTC
/// offset** are the same: on the day the clocks go back the repeated hour is two periods
/// (03:00+03:00 then 03:00+02:00), so that no period is longer than an hour and no call is
/// counted in an hour it did not happen in. In a zone whose offset is not whole hours
/// (Asia/Kathmandu +05:45) the local hours start at a quarter past UTC hours.
///
/// The store sums calls per slice of UTC (`call_at DIV slice_s`); every slice then lies in
/// one period as long as every period boundary is a multiple of slice_s. Today's zones change
/// offset on quarter hours, so the slice is 900 s; a zone whose boundaries are not (a local
/// mean time before 1970) gets a finer slice, down to one second, and stays exact.

#include <cstdint>
#include <string_view>
#include <vector>

#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief How long a summary's periods are.
enum class PeriodKind { hour, day };
std::string_view to_string(PeriodKind kind);  ///< "hour", "day"

/// @brief One local hour or day, cut to the range asked for.
struct LocalPeriod {
  rating::Instant start;  ///< inclusive: the local hour's or day's start, or the range's start
  rating::Instant end;    ///< exclusive: the next period's start, or the range's end
  /// The zone's reading of `start` (its date, time of day and UTC offset).
  rating::LocalTime local;
};

/// The periods of `zone` covering [from, to), in order, with no gap: the first starts at
/// `from` and the last ends at `to`. Empty when to <= from.
std::vector<LocalPeriod> local_periods(const rating::TimeZone& zone, PeriodKind kind,
                                       rating::Instant from, rating::Instant to);

/// The largest divisor of `max_slice_s` (> 0) that divides every boundary between two of
/// `periods` (seconds since the epoch): 900 for today's zones with max_slice_s = 900.
std::uint32_t common_slice(const std::vector<LocalPeriod>& periods, std::uint32_t max_slice_s);

/// Index of the period that holds `at` (a binary search); periods.size() when none does.
std::size_t period_of(const std::vector<LocalPeriod>& periods, rating::Instant at);

}  // namespace prepaid::billing

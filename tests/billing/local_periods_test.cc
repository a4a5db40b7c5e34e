// local_periods(): local hours and days across DST changes and offsets that are not whole
// hours, and the slice of UTC a summary may group calls in.
#include "billing/calls/local_periods.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace prepaid::billing {
namespace {

using rating::Instant;

rating::TimeZone zone(const char* name) {
  auto z = rating::TimeZone::locate(name);
  REQUIRE_MESSAGE(z, name);
  return *z;
}

Instant local(const rating::TimeZone& z, int y, unsigned m, unsigned d, std::uint32_t s = 0) {
  auto at = z.from_local(y, m, d, s);
  REQUIRE(at);
  return *at;
}

std::int64_t epoch(Instant at) {
  return at.time_since_epoch().count();
}

/// "03:00+02:00 03:00+01:00 …": each period's local hour and offset in minutes.
std::string hours(const std::vector<LocalPeriod>& periods) {
  std::string out;
  for (const auto& p : periods)
    out += (out.empty() ? "" : " ") + std::to_string(p.local.second_of_day / 3600) + "@" +
           std::to_string(p.local.utc_offset.count() / 60) + "+" +
           std::to_string(epoch(p.end) - epoch(p.start));
  return out;
}

/// Checks that the periods tile [from, to) and that each holds only instants of its reading.
void check_tiling(const rating::TimeZone& z, const std::vector<LocalPeriod>& periods, Instant from,
                  Instant to, PeriodKind kind) {
  REQUIRE_FALSE(periods.empty());
  CHECK(periods.front().start == from);
  CHECK(periods.back().end == to);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& p = periods[i];
    CHECK(p.start < p.end);
    if (i > 0) CHECK(p.start == periods[i - 1].end);
    const auto first = z.to_local(p.start);
    const auto last = z.to_local(p.end - std::chrono::seconds(1));
    CHECK(first.day == last.day);
    if (kind == PeriodKind::hour) {
      CHECK(first.second_of_day / 3600 == last.second_of_day / 3600);
      CHECK(first.utc_offset == last.utc_offset);
    }
    if (i > 0) {
      // The instant before the period reads differently: it is another period.
      const auto before = z.to_local(p.start - std::chrono::seconds(1));
      const bool same_day = before.day == first.day && before.month == first.month;
      if (kind == PeriodKind::day) CHECK_FALSE(same_day);
      if (kind == PeriodKind::hour)
        CHECK_FALSE((same_day && before.second_of_day / 3600 == first.second_of_day / 3600 &&
                     before.utc_offset == first.utc_offset));
    }
  }
}

TEST_CASE("a day of Sofia has 23 hours when the clocks go forward and 25 when they go back") {
  // Proves the hours of DST days: the skipped 03:00 is absent, the repeated 03:00 is two periods.
  const auto sofia = zone("Europe/Sofia");
  const Instant spring = local(sofia, 2026, 3, 29), spring_end = local(sofia, 2026, 3, 30);
  auto p = local_periods(sofia, PeriodKind::hour, spring, spring_end);
  check_tiling(sofia, p, spring, spring_end, PeriodKind::hour);
  CHECK(p.size() == 23);
  CHECK(hours(p).find("2@120+3600 4@180+3600") != std::string::npos);
  CHECK(local_periods(sofia, PeriodKind::day, spring, spring_end).size() == 1);

  const Instant autumn = local(sofia, 2026, 10, 25), autumn_end = local(sofia, 2026, 10, 26);
  p = local_periods(sofia, PeriodKind::hour, autumn, autumn_end);
  check_tiling(sofia, p, autumn, autumn_end, PeriodKind::hour);
  CHECK(p.size() == 25);
  CHECK(hours(p).find("3@180+3600 3@120+3600 4@120+3600") != std::string::npos);
  auto day = local_periods(sofia, PeriodKind::day, autumn, autumn_end);
  REQUIRE(day.size() == 1);
  CHECK(epoch(day[0].end) - epoch(day[0].start) == 25 * 3600);
  CHECK(common_slice(p, 900) == 900);
}

TEST_CASE("Kathmandu's hours start at a quarter past UTC hours") {
  // Proves a +05:45 zone's local hours and days begin at :15 UTC, and the slice is 900 s.
  const auto kathmandu = zone("Asia/Kathmandu");
  const Instant from = local(kathmandu, 2026, 3, 2), to = local(kathmandu, 2026, 3, 4);
  CHECK(epoch(from) % 3600 == 15 * 60);
  auto p = local_periods(kathmandu, PeriodKind::hour, from, to);
  check_tiling(kathmandu, p, from, to, PeriodKind::hour);
  CHECK(p.size() == 48);
  for (const auto& period : p) CHECK(epoch(period.start) % 3600 == 15 * 60);
  CHECK(common_slice(p, 900) == 900);
  CHECK(common_slice(p, 3600) == 900);  // an hour of UTC would straddle two local hours
  auto days = local_periods(kathmandu, PeriodKind::day, from, to);
  check_tiling(kathmandu, days, from, to, PeriodKind::day);
  REQUIRE(days.size() == 2);
  CHECK(days[1].local.day == 3);
}

TEST_CASE("Lord Howe's clocks move by half an hour: a day of 24.5 and one of 23.5 hours") {
  // Proves 30-minute DST changes give a 30-minute hour period, and days of 24.5 / 23.5 hours.
  const auto lord_howe = zone("Australia/Lord_Howe");
  const Instant april = local(lord_howe, 2026, 4, 5), april_end = local(lord_howe, 2026, 4, 6);
  CHECK(epoch(april_end) - epoch(april) == 24 * 3600 + 1800);
  auto p = local_periods(lord_howe, PeriodKind::hour, april, april_end);
  check_tiling(lord_howe, p, april, april_end, PeriodKind::hour);
  CHECK(p.size() == 25);  // 01:00-02:00 at +11, then 01:30-02:00 again at +10:30
  CHECK(hours(p).find("1@660+3600 1@630+1800 2@630+3600") != std::string::npos);
  CHECK(common_slice(p, 900) == 900);

  const Instant october = local(lord_howe, 2026, 10, 4),
                october_end = local(lord_howe, 2026, 10, 5);
  CHECK(epoch(october_end) - epoch(october) == 23 * 3600 + 1800);
  p = local_periods(lord_howe, PeriodKind::hour, october, october_end);
  check_tiling(lord_howe, p, october, october_end, PeriodKind::hour);
  CHECK(p.size() == 24);  // 02:00-02:30 never happens: hour 2 is 02:30-03:00
  CHECK(hours(p).find("1@630+3600 2@660+1800 3@660+3600") != std::string::npos);
  auto days = local_periods(lord_howe, PeriodKind::day, april, october_end);
  check_tiling(lord_howe, days, april, october_end, PeriodKind::day);
  CHECK(days.size() == 183);
}

TEST_CASE("a range cut inside periods, and a zone whose hours are not quarter hours of UTC") {
  // Proves the first and last periods are cut to the range, period_of finds an instant's
  // period, and a local mean time (Sofia in 1880) gets a finer slice that divides
  // every boundary.
  const auto sofia = zone("Europe/Sofia");
  const Instant from = local(sofia, 2026, 3, 2, 10 * 3600 + 7 * 60);
  const Instant to = local(sofia, 2026, 3, 2, 13 * 3600 + 30 * 60);
  auto p = local_periods(sofia, PeriodKind::hour, from, to);
  check_tiling(sofia, p, from, to, PeriodKind::hour);
  REQUIRE(p.size() == 4);
  CHECK(epoch(p[0].end) - epoch(p[0].start) == 53 * 60);
  CHECK(epoch(p[3].end) - epoch(p[3].start) == 30 * 60);
  CHECK(period_of(p, from) == 0);
  CHECK(period_of(p, p[1].start) == 1);
  CHECK(period_of(p, p[1].start - std::chrono::seconds(1)) == 0);
  CHECK(period_of(p, to - std::chrono::seconds(1)) == 3);
  CHECK(period_of(p, to) == p.size());
  CHECK(period_of(p, from - std::chrono::seconds(1)) == p.size());
  CHECK(local_periods(sofia, PeriodKind::hour, to, from).empty());

  const Instant old = local(sofia, 1880, 6, 1), old_end = local(sofia, 1880, 6, 2);
  auto lmt = local_periods(sofia, PeriodKind::hour, old, old_end);
  check_tiling(sofia, lmt, old, old_end, PeriodKind::hour);
  const std::uint32_t slice = common_slice(lmt, 900);
  CHECK(slice < 900);
  for (std::size_t i = 1; i < lmt.size(); ++i) CHECK(epoch(lmt[i].start) % slice == 0);
}

}  // namespace
}  // namespace prepaid::billing

#include "rating/time_zone.h"

#include <doctest/doctest.h>

using prepaid::rating::Instant;
using prepaid::rating::LocalResolution;
using prepaid::rating::LocalTime;
using prepaid::rating::TimeZone;

namespace {
Instant utc(int y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s = 0) {
  return *TimeZone::utc().from_local(y, mo, d, h * 3600 + mi * 60 + s);
}
}  // namespace

TEST_CASE("zones are located by IANA name") {
  // Proves locate() finds real zones and refuses unknown names.
  CHECK(TimeZone::locate("Europe/Sofia")->name() == "Europe/Sofia");
  CHECK(TimeZone::locate("UTC").has_value());
  CHECK_FALSE(TimeZone::locate("Europe/Atlantis").has_value());
  CHECK_FALSE(TimeZone::locate("").has_value());
  CHECK(TimeZone::utc().name() == "UTC");
}

TEST_CASE("to_local gives date, ISO weekday, time of day and the next offset change") {
  // Proves the local reading around Sofia's spring-forward (2026-03-29 01:00 UTC).
  auto sofia = *TimeZone::locate("Europe/Sofia");
  LocalTime before = sofia.to_local(utc(2026, 3, 29, 0, 59, 59));
  CHECK(before.year == 2026);
  CHECK(before.month == 3);
  CHECK(before.day == 29);
  CHECK(before.weekday == 6);  // Sunday
  CHECK(before.second_of_day == 2 * 3600 + 59 * 60 + 59);
  CHECK(before.utc_offset == std::chrono::hours(2));
  CHECK(before.offset_valid_until == utc(2026, 3, 29, 1, 0));
  LocalTime after = sofia.to_local(utc(2026, 3, 29, 1, 0));
  CHECK(after.second_of_day == 4 * 3600);
  CHECK(after.utc_offset == std::chrono::hours(3));
  CHECK(after.offset_valid_until == utc(2026, 10, 25, 1, 0));
  // Lord Howe moves by 30 minutes.
  auto howe = *TimeZone::locate("Australia/Lord_Howe");
  auto o1 = howe.to_local(utc(2026, 4, 4, 14, 59)).utc_offset;
  auto o2 = howe.to_local(utc(2026, 4, 4, 15, 0)).utc_offset;
  CHECK((o1 - o2) == std::chrono::minutes(30));
  // Kolkata has no DST: +05:30 and a far-away end.
  auto kolkata = *TimeZone::locate("Asia/Kolkata");
  auto k = kolkata.to_local(utc(2026, 11, 22, 18, 29));
  CHECK(k.utc_offset == std::chrono::minutes(330));
  CHECK(k.second_of_day == 23 * 3600 + 59 * 60);
  CHECK(k.offset_valid_until > utc(2100, 1, 1, 0, 0));
}

TEST_CASE("from_local resolves gaps and overlaps deterministically") {
  // Proves normal, repeated (fall back) and skipped (spring forward) local times.
  auto ny = *TimeZone::locate("America/New_York");
  CHECK(ny.from_local(2026, 11, 22, 17 * 3600 + 58 * 60) == utc(2026, 11, 22, 22, 58));
  // 01:30 happens twice on 2026-11-01: the earlier (EDT) instant.
  CHECK(ny.from_local(2026, 11, 1, 5400) == utc(2026, 11, 1, 5, 30));
  // 02:30 never happens on 2026-03-08: the instant of the change.
  CHECK(ny.from_local(2026, 3, 8, 9000) == utc(2026, 3, 8, 7, 0));
  CHECK_FALSE(ny.from_local(2026, 2, 30, 0).has_value());
  CHECK_FALSE(ny.from_local(2026, 2, 1, 86400).has_value());
}

TEST_CASE("resolve_local tells unique, skipped and repeated local times apart") {
  // Proves the classification quote relies on (Europe/Sofia 2026): both instants of a repeated
  // 03:30, the jump of a skipped one, and the offsets and abbreviations around each change.
  auto sofia = *TimeZone::locate("Europe/Sofia");
  const std::uint32_t t0330 = 3 * 3600 + 30 * 60;
  auto plain = *sofia.resolve_local(2026, 11, 23, 17 * 3600);
  CHECK(plain.kind == LocalResolution::Kind::unique);
  CHECK(plain.earlier == utc(2026, 11, 23, 15, 0));
  CHECK(plain.later == plain.earlier);
  auto skipped = *sofia.resolve_local(2026, 3, 29, t0330);
  CHECK(skipped.kind == LocalResolution::Kind::skipped);
  CHECK(skipped.change == utc(2026, 3, 29, 1, 0));
  CHECK(skipped.earlier == utc(2026, 3, 29, 1, 0));  // what from_local gives
  CHECK(skipped.offset_before == std::chrono::hours(2));
  CHECK(skipped.offset_after == std::chrono::hours(3));
  CHECK(skipped.abbrev_before == "EET");
  CHECK(skipped.abbrev_after == "EEST");
  auto repeated = *sofia.resolve_local(2026, 10, 25, t0330);
  CHECK(repeated.kind == LocalResolution::Kind::repeated);
  CHECK(repeated.earlier == utc(2026, 10, 25, 0, 30));  // 03:30 EEST
  CHECK(repeated.later == utc(2026, 10, 25, 1, 30));    // 03:30 EET
  CHECK(repeated.change == utc(2026, 10, 25, 1, 0));
  CHECK(repeated.abbrev_before == "EEST");
  CHECK(repeated.abbrev_after == "EET");
  // The edges: 04:00 on the spring day and 02:59:59 / 04:00 on the autumn day are unique.
  CHECK(sofia.resolve_local(2026, 3, 29, 4 * 3600)->kind == LocalResolution::Kind::unique);
  CHECK(sofia.resolve_local(2026, 3, 29, 3 * 3600 - 1)->kind == LocalResolution::Kind::unique);
  CHECK(sofia.resolve_local(2026, 10, 25, 3 * 3600 - 1)->kind == LocalResolution::Kind::unique);
  CHECK(sofia.resolve_local(2026, 10, 25, 4 * 3600)->kind == LocalResolution::Kind::unique);
  CHECK(sofia.resolve_local(2026, 10, 25, 3 * 3600)->kind == LocalResolution::Kind::repeated);
  CHECK_FALSE(sofia.resolve_local(2026, 2, 30, 0).has_value());
}

TEST_CASE("the OS tz database has explicit DST transitions through 2037") {
  // Proves the data date/tz relies on: it reads explicit transitions only (not the POSIX rule
  // after them), so slim tz files would silently lose DST. Fails loudly if that happens.
  auto sofia = *TimeZone::locate("Europe/Sofia");
  for (int year : {2026, 2030, 2037}) {
    CAPTURE(year);
    CHECK(sofia.to_local(utc(year, 7, 1, 12, 0)).utc_offset == std::chrono::hours(3));
    CHECK(sofia.to_local(utc(year, 1, 15, 12, 0)).utc_offset == std::chrono::hours(2));
  }
}

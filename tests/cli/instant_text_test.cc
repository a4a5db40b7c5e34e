#include "admin-cli/command/instant_text.h"

#include <doctest/doctest.h>

using namespace std::chrono;
using prepaid::cli::instant_text;
using prepaid::cli::parse_instant;
using prepaid::rating::Instant;
using prepaid::rating::TimeZone;

namespace {
Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}
}  // namespace

TEST_CASE("instants are written as RFC 3339 UTC") {
  // Proves the output form of every instant in the API.
  CHECK(instant_text(utc(2026, 3, 1, 18, 30, 5)) == "2026-03-01T18:30:05Z");
  CHECK(instant_text(utc(1999, 12, 31)) == "1999-12-31T00:00:00Z");
}

TEST_CASE("local dates and times are read in the given zone, DST included") {
  // Proves that "2026-07-01" means local midnight in the zone, not UTC midnight.
  const auto sofia = *TimeZone::locate("Europe/Sofia");  // UTC+3 in summer, +2 in winter
  CHECK(parse_instant("2026-07-01", sofia) == utc(2026, 6, 30, 21));
  CHECK(parse_instant("2026-01-15T08:30", sofia) == utc(2026, 1, 15, 6, 30));
  CHECK(parse_instant("2026-01-15 08:30:15", sofia) == utc(2026, 1, 15, 6, 30, 15));
  CHECK(parse_instant("2026-01-15", TimeZone::utc()) == utc(2026, 1, 15));
}

TEST_CASE("Z and offsets make a time absolute whatever the zone") {
  // Proves that explicit offsets win over the zone parameter.
  const auto sofia = *TimeZone::locate("Europe/Sofia");
  CHECK(parse_instant("2026-01-15T08:30:00Z", sofia) == utc(2026, 1, 15, 8, 30));
  CHECK(parse_instant("2026-01-15T08:30+02:00", sofia) == utc(2026, 1, 15, 6, 30));
  CHECK(parse_instant("2026-01-15T08:30:00-0500", sofia) == utc(2026, 1, 15, 13, 30));
}

TEST_CASE("malformed or impossible dates and times are refused") {
  // Proves that no input is guessed at.
  for (const char* bad : {"", "2026", "2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T",
                          "2026-01-01T24:00", "2026-01-01T12:60", "2026-01-01T12:00:00ZZ",
                          "2026-01-01T12:00+25:00", "2026-01-01x", "2026/01/01", "yesterday"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_instant(bad, TimeZone::utc()).has_value());
  }
}

TEST_CASE("a local time the clocks skipped or showed twice is refused, naming the offsets") {
  // Proves read_instant (every local time an operator types: calls list/export and audit list
  // --from/--to, quote --start) refuses Europe/Sofia's skipped 03:30 (2026-03-29) and repeated
  // 03:30 (2026-10-25) with quote's explanation, where it took the jump and the earlier
  // reading; the same times with an offset, and the readings just around each change, are
  // one instant.
  using prepaid::cli::read_instant;
  const auto sofia = *TimeZone::locate("Europe/Sofia");
  const auto skipped = read_instant("2026-03-29T03:30", sofia);
  CHECK_FALSE(skipped.at.has_value());
  CHECK(skipped.clock_problem ==
        "2026-03-29 03:30:00 does not exist in Europe/Sofia: the clocks went from 03:00 EET "
        "straight to 04:00 EEST; give a time they showed, or add the offset you mean "
        "(2026-03-29 03:30:00+02:00 is 04:30:00 EEST)");
  const auto repeated = read_instant("2026-10-25 03:30:00", sofia);
  CHECK_FALSE(repeated.at.has_value());
  CHECK(repeated.clock_problem ==
        "2026-10-25 03:30:00 occurs twice in Europe/Sofia: the clocks went back from 04:00 EEST "
        "to 03:00 EET; add the offset you mean: 2026-10-25 03:30:00+03:00 (EEST, the first, "
        "2026-10-25 00:30:00 UTC) or 2026-10-25 03:30:00+02:00 (EET, the second, 2026-10-25 "
        "01:30:00 UTC)");
  CHECK_FALSE(parse_instant("2026-03-29T03:30", sofia).has_value());
  CHECK_FALSE(parse_instant("2026-10-25T03:00", sofia).has_value());
  CHECK(parse_instant("2026-10-25T03:30+03:00", sofia) == utc(2026, 10, 25, 0, 30));
  CHECK(parse_instant("2026-10-25T03:30+02:00", sofia) == utc(2026, 10, 25, 1, 30));
  CHECK(parse_instant("2026-10-25T01:30Z", sofia) == utc(2026, 10, 25, 1, 30));
  CHECK(parse_instant("2026-03-29T02:59:59", sofia) == utc(2026, 3, 29, 0, 59, 59));
  CHECK(parse_instant("2026-03-29T04:00", sofia) == utc(2026, 3, 29, 1));
  CHECK(parse_instant("2026-10-25T02:59:59", sofia) == utc(2026, 10, 24, 23, 59, 59));
  CHECK(parse_instant("2026-10-25T04:00", sofia) == utc(2026, 10, 25, 2));
  // Malformed text has no explanation: the caller says what forms are accepted.
  CHECK(read_instant("2026-10-25T3:30", sofia).clock_problem.empty());
  CHECK_FALSE(read_instant("2026-10-25T3:30", sofia).at.has_value());
}

TEST_CASE("a date alone is the first instant of that day, even where midnight is skipped") {
  // Proves that a date (calls list --from 2026-09-06) names the start of the day, which exists
  // once: in America/Santiago the clocks go from 24:00 to 01:00 on 2026-09-06, so the day
  // starts at 01:00 -03; in America/Havana 00:00-01:00 occurs twice on 2026-11-01, and the day
  // starts at the first midnight. A time of day in those gaps is refused like any other.
  const auto santiago = *TimeZone::locate("America/Santiago");
  const auto havana = *TimeZone::locate("America/Havana");
  CHECK(parse_instant("2026-09-06", santiago) == utc(2026, 9, 6, 4));
  CHECK(parse_instant("2026-09-07", santiago) == utc(2026, 9, 7, 3));
  CHECK(parse_instant("2026-11-01", havana) == utc(2026, 11, 1, 4));
  CHECK(parse_instant("2026-11-02", havana) == utc(2026, 11, 2, 5));
  const auto skipped = prepaid::cli::read_instant("2026-09-06T00:30", santiago);
  CHECK_FALSE(skipped.at.has_value());
  CHECK(skipped.clock_problem.find("2026-09-06 00:30:00 does not exist in America/Santiago") == 0);
  const auto repeated = prepaid::cli::read_instant("2026-11-01 00:00", havana);
  CHECK_FALSE(repeated.at.has_value());
  CHECK(repeated.clock_problem.find("2026-11-01 00:00:00 occurs twice in America/Havana") == 0);
}

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

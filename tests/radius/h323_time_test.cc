#include "radius-module/h323_time.h"

#include <doctest/doctest.h>

using namespace prepaid::radius;
using namespace std::chrono;

namespace {
sys_time<microseconds> utc(int y, unsigned mo, unsigned d, int h, int mi, int s, int us = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} +
         microseconds{us};
}
}  // namespace

TEST_CASE("Cisco time stamps parse to the UTC instant they name") {
  // Proves the documented IOS example and GnuGk's variants (1-digit day, zones) are read.
  auto t = parse_h323_time("14:30:25.429 GMT Wed Jan 23 2002");
  REQUIRE(t);
  CHECK(t->at == utc(2002, 1, 23, 14, 30, 25, 429000));
  CHECK(t->trusted);

  t = parse_h323_time("09:05:00.000 CEST Fri Jun 3 2022");
  REQUIRE(t);
  CHECK(t->at == utc(2022, 6, 3, 7, 5, 0));

  t = parse_h323_time("23:59:59.999 PST Mon Dec 31 2001");
  REQUIRE(t);
  CHECK(t->at == utc(2002, 1, 1, 7, 59, 59, 999000));

  t = parse_h323_time("10:00:00 UTC Tue Mar 01 2022");  // no milliseconds
  REQUIRE(t);
  CHECK(t->at == utc(2022, 3, 1, 10, 0, 0));
}

TEST_CASE("IOS clock-state prefixes: '*' marks an untrusted clock, '.' a once-synced one") {
  // Proves both prefixes are accepted and only '*' clears `trusted`.
  auto star = parse_h323_time("*14:30:25.429 GMT Wed Jan 23 2002");
  REQUIRE(star);
  CHECK_FALSE(star->trusted);
  CHECK(star->at == utc(2002, 1, 23, 14, 30, 25, 429000));
  auto dot = parse_h323_time(".14:30:25.429 GMT Wed Jan 23 2002");
  REQUIRE(dot);
  CHECK(dot->trusted);
  CHECK_FALSE(parse_h323_time("**14:30:25.429 GMT Wed Jan 23 2002"));
}

TEST_CASE("numeric zones in Cisco time stamps") {
  // Proves offsets written as numbers (and UTC+n) shift the instant correctly.
  CHECK(parse_h323_time("12:00:00.000 +0200 Wed Jan 23 2002")->at == utc(2002, 1, 23, 10, 0, 0));
  CHECK(parse_h323_time("12:00:00.000 -05:30 Wed Jan 23 2002")->at == utc(2002, 1, 23, 17, 30, 0));
  CHECK(parse_h323_time("12:00:00.000 UTC+3 Wed Jan 23 2002")->at == utc(2002, 1, 23, 9, 0, 0));
}

TEST_CASE("FreeSWITCH ISO-8601 time stamps") {
  // Proves mod_xml_radius's default format, with offset or Z, parses to the same instant.
  CHECK(parse_h323_time("2022-06-03T09:05:00.123456+0200")->at == utc(2022, 6, 3, 7, 5, 0, 123456));
  CHECK(parse_h323_time("2022-06-03T07:05:00Z")->at == utc(2022, 6, 3, 7, 5, 0));
  CHECK(parse_h323_time("2022-06-03T02:05:00-05:00")->at == utc(2022, 6, 3, 7, 5, 0));
  CHECK_FALSE(parse_h323_time("2022-06-03T07:05:00"));  // no zone: ambiguous
}

TEST_CASE("broken time stamps are rejected, not guessed") {
  // Proves malformed input yields nullopt rather than a wrong instant.
  CHECK_FALSE(parse_h323_time(""));
  CHECK_FALSE(parse_h323_time("garbage"));
  CHECK_FALSE(parse_h323_time("14:30:25.429 XYZ Wed Jan 23 2002"));    // unknown zone
  CHECK_FALSE(parse_h323_time("25:30:25.429 GMT Wed Jan 23 2002"));    // hour
  CHECK_FALSE(parse_h323_time("14:60:25.429 GMT Wed Jan 23 2002"));    // minute
  CHECK_FALSE(parse_h323_time("14:30:25.429 GMT Wed Feb 30 2002"));    // no such day
  CHECK_FALSE(parse_h323_time("14:30:25.429 GMT Wed Foo 23 2002"));    // month
  CHECK_FALSE(parse_h323_time("14:30:25.429 GMT Xyz Jan 23 2002"));    // weekday
  CHECK_FALSE(parse_h323_time("14:30:25.429 GMT Wed Jan 23 02"));      // 2-digit year
  CHECK_FALSE(parse_h323_time("14:30:25.429 GMT Wed Jan 23 2002 x"));  // trailing text
  CHECK_FALSE(parse_h323_time("14:30:25.429 +2400 Wed Jan 23 2002"));  // offset range
  CHECK_FALSE(parse_h323_time("2022-13-03T07:05:00Z"));
  CHECK_FALSE(parse_h323_time(std::string(100, '1')));
}

TEST_CASE("zone abbreviations map to their offsets") {
  // Proves the table covers summer and winter names of common gateway zones.
  CHECK(zone_offset_minutes("GMT") == 0);
  CHECK(zone_offset_minutes("CET") == 60);
  CHECK(zone_offset_minutes("CEST") == 120);
  CHECK(zone_offset_minutes("EST") == -300);
  CHECK(zone_offset_minutes("EDT") == -240);
  CHECK_FALSE(zone_offset_minutes("cet"));
  CHECK_FALSE(zone_offset_minutes("XYZ"));
}

#include "rating/price_rule.h"

#include <doctest/doctest.h>

using prepaid::rating::Holiday;
using prepaid::rating::TimeOfDayRange;
using prepaid::rating::Weekdays;

TEST_CASE("weekday sets parse lists, ranges and wrapping ranges") {
  // Proves the accepted spellings and the bit layout (bit 0 = Monday).
  CHECK(Weekdays::parse("mon-fri")->bits() == 0x1f);
  CHECK(Weekdays::parse("sat,sun")->bits() == 0x60);
  CHECK(Weekdays::parse("Mon, Wed-Fri")->bits() == 0x1d);
  CHECK(Weekdays::parse("fri-mon")->bits() == 0x71);
  CHECK(Weekdays::parse("all")->bits() == 0x7f);
  CHECK(Weekdays::parse("none")->bits() == 0);
  CHECK(Weekdays::parse("sun")->contains(6));
  CHECK_FALSE(Weekdays::parse("sun")->contains(0));
  for (const char* bad : {"", "monday", "mon-", "-fri", "mon,,tue", "xyz", "mon fri"}) {
    CAPTURE(bad);
    CHECK_FALSE(Weekdays::parse(bad).has_value());
  }
}

TEST_CASE("weekday sets print canonically and parse back") {
  // Proves to_string's canonical form and the round trip for all 128 sets.
  CHECK(Weekdays::from_bits(0x1f).to_string() == "mon-fri");
  CHECK(Weekdays::from_bits(0x60).to_string() == "sat,sun");
  CHECK(Weekdays::from_bits(0x1d).to_string() == "mon,wed-fri");
  CHECK(Weekdays::from_bits(0x71).to_string() == "mon,fri-sun");
  for (unsigned bits = 0; bits < 128; ++bits) {
    auto w = Weekdays::from_bits(static_cast<std::uint8_t>(bits));
    CHECK(Weekdays::parse(w.to_string()) == w);
  }
}

TEST_CASE("time ranges contain [from, to), wrap past midnight, or cover the day") {
  // Proves contains() at the edges of plain, wrapping and whole-day ranges.
  auto day = *TimeOfDayRange::parse("08:00-18:00");
  CHECK(day.contains(8 * 3600));
  CHECK(day.contains(18 * 3600 - 1));
  CHECK_FALSE(day.contains(18 * 3600));
  CHECK_FALSE(day.contains(8 * 3600 - 1));
  auto night = *TimeOfDayRange::parse("22:00-06:00");
  CHECK(night.contains(22 * 3600));
  CHECK(night.contains(0));
  CHECK(night.contains(6 * 3600 - 1));
  CHECK_FALSE(night.contains(6 * 3600));
  CHECK_FALSE(night.contains(12 * 3600));
  auto whole = *TimeOfDayRange::parse("00:00-24:00");
  CHECK(whole.whole_day());
  CHECK(whole.contains(86399));
  CHECK(TimeOfDayRange{}.whole_day());
  auto late = *TimeOfDayRange::parse("18:00-24:00");
  CHECK(late.contains(86399));
  CHECK_FALSE(late.contains(0));
  CHECK(TimeOfDayRange::parse("08:30:15-12:00")->from_s == 8 * 3600 + 30 * 60 + 15);
  CHECK(TimeOfDayRange::parse("08:30:15-12:00")->to_string() == "08:30:15-12:00");
  CHECK(night.to_string() == "22:00-06:00");
  for (const char* bad : {"", "8:00-18:00", "08:00", "08:00-25:00", "24:00-06:00", "08:60-09:00",
                          "08:00-18:00:60", "08:00-24:01", "ab:cd-ef:gh"}) {
    CAPTURE(bad);
    CHECK_FALSE(TimeOfDayRange::parse(bad).has_value());
    CHECK(TimeOfDayRange::problem(bad).value_or("").find("HH:MM[:SS]-HH:MM[:SS]") !=
          std::string::npos);
  }
}

TEST_CASE("a range that ends where it starts is refused, naming the whole-day form") {
  // Proves 10:00-10:00 (empty or 24 hours?) is refused with its own reason, not read as a day.
  for (const char* same : {"10:00-10:00", "00:00-00:00", "10:00:30-10:00:30", "10:00-10:00:00"}) {
    CAPTURE(same);
    CHECK_FALSE(TimeOfDayRange::parse(same).has_value());
    const std::string why = TimeOfDayRange::problem(same).value_or("");
    CHECK(why.find("ends where it starts") != std::string::npos);
    CHECK(why.find("00:00-24:00") != std::string::npos);
  }
  CHECK_FALSE(TimeOfDayRange::problem("22:00-06:00").has_value());
  CHECK_FALSE(TimeOfDayRange::problem("00:00-24:00").has_value());
  // The whole day (the default), and the old stored form of a rule without a time (0..0), print
  // as text that parses back to the whole day.
  CHECK(TimeOfDayRange{}.to_string() == "00:00-24:00");
  CHECK(TimeOfDayRange::parse(TimeOfDayRange{}.to_string())->whole_day());
  CHECK(TimeOfDayRange{36000, 36000}.to_string() == "00:00-24:00");
  CHECK(TimeOfDayRange{0, 0}.to_string() == "00:00-24:00");
}

TEST_CASE("a range built as a value with equal ends is refused for a rule, in parse's words") {
  // Proves rule_problem(), which TariffService applies to every rule it stores: 10:00-10:00 and
  // 00:00-00:00 built directly are refused with the sentence parse() gives for the same text,
  // a start at 24:00 (which Tariff::validate refuses) too; the default is the whole day 0..24h
  // and is taken, and an old value with equal ends still reads as the whole day.
  CHECK(TimeOfDayRange{}.from_s == 0);
  CHECK(TimeOfDayRange{}.to_s == 86400);
  CHECK_FALSE(TimeOfDayRange{}.rule_problem().has_value());
  CHECK_FALSE((TimeOfDayRange{18 * 3600, 8 * 3600}.rule_problem().has_value()));
  CHECK_FALSE((TimeOfDayRange{18 * 3600, 86400}.rule_problem().has_value()));
  CHECK(TimeOfDayRange{36000, 36000}.rule_problem() == TimeOfDayRange::problem("10:00-10:00"));
  CHECK(TimeOfDayRange{0, 0}.rule_problem() == TimeOfDayRange::problem("00:00-00:00"));
  CHECK(TimeOfDayRange{36030, 36030}.rule_problem() ==
        TimeOfDayRange::problem("10:00:30-10:00:30"));
  CHECK(TimeOfDayRange{86400, 3600}.rule_problem().value_or("").find(
            "24:00 only as the end), not: 24:00-01:00") != std::string::npos);
  CHECK(TimeOfDayRange{0, 86401}.rule_problem().value_or("").find("HH:MM[:SS]-HH:MM[:SS]") !=
        std::string::npos);
  for (const TimeOfDayRange old : {TimeOfDayRange{0, 0}, TimeOfDayRange{36000, 36000}}) {
    CHECK(old.whole_day());
    CHECK(old.contains(0));
    CHECK(old.contains(36000 - 1));
    CHECK(old.contains(86399));
  }
}

TEST_CASE("holidays are one-off or yearly real dates") {
  // Proves parse_date, falls_on and date_text.
  auto eve = *Holiday::parse_date("2026-12-24");
  CHECK(eve.falls_on(2026, 12, 24));
  CHECK_FALSE(eve.falls_on(2027, 12, 24));
  CHECK(eve.date_text() == "2026-12-24");
  auto christmas = *Holiday::parse_date("12-25");
  CHECK(christmas.falls_on(2026, 12, 25));
  CHECK(christmas.falls_on(2031, 12, 25));
  CHECK(christmas.date_text() == "12-25");
  CHECK(Holiday::parse_date("02-29").has_value());
  CHECK(Holiday::parse_date("2028-02-29").has_value());
  for (const char* bad : {"2026-02-29", "2026-13-01", "13-01", "12-32", "04-31", "2026-1-1",
                          "0000-01-01", "", "12/25"}) {
    CAPTURE(bad);
    CHECK_FALSE(Holiday::parse_date(bad).has_value());
  }
}

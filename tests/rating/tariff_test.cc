#include "rating/tariff.h"

#include <doctest/doctest.h>

using namespace prepaid::rating;

namespace {

Rate rate(const char* prefix, const char* price) {
  Rate r;
  r.prefix = prefix;
  r.destination = prefix;
  r.rate = Money::parse(price).value();
  return r;
}

std::shared_ptr<RateDeck> deck(const char* name, std::initializer_list<Rate> rates) {
  auto d = std::make_shared<RateDeck>(name);
  for (const Rate& r : rates) d->add(r);
  return d;
}

PriceRule rule(const char* name, const char* list, const char* days, const char* time,
               bool holidays = false, int priority = 0) {
  return PriceRule{name,     list,    *Weekdays::parse(days), *TimeOfDayRange::parse(time),
                   holidays, priority};
}

Tariff sofia() {
  Tariff t("demo", *Currency::from_code("EUR"), *TimeZone::locate("Europe/Sofia"), "day");
  t.add_price_list(deck("day", {rate("359", "0.20"), rate("44", "0.30")}));
  t.add_price_list(deck("evening", {rate("359", "0.10")}));
  t.add_price_list(deck("weekend", {rate("359", "0.05")}));
  t.add_price_list(deck("holiday", {rate("359", "0.01")}));
  t.add_rule(rule("evening", "evening", "mon-fri", "18:00-08:00"));
  t.add_rule(rule("weekend", "weekend", "sat,sun", "00:00-24:00"));
  t.add_rule(rule("holiday", "holiday", "none", "00:00-24:00", true));
  t.add_holiday(*Holiday::parse_date("12-25"));
  return t;
}

Instant local(const Tariff& t, int y, unsigned mo, unsigned d, unsigned h, unsigned mi,
              unsigned s = 0) {
  return *t.zone().from_local(y, mo, d, h * 3600 + mi * 60 + s);
}

std::string rule_name(const PriceRule* r) {
  return r ? r->name : "(base)";
}

}  // namespace

TEST_CASE("rule_at picks by weekday, time of day and holiday, in the tariff's zone") {
  // Proves the rules in force at chosen local times (Monday 2026-11-23, Sunday 11-22, 12-25).
  Tariff t = sofia();
  CHECK(rule_name(t.rule_at(local(t, 2026, 11, 23, 12, 0))) == "(base)");
  CHECK(rule_name(t.rule_at(local(t, 2026, 11, 23, 18, 0))) == "evening");
  CHECK(rule_name(t.rule_at(local(t, 2026, 11, 23, 7, 59, 59))) == "evening");
  CHECK(rule_name(t.rule_at(local(t, 2026, 11, 23, 8, 0))) == "(base)");
  CHECK(rule_name(t.rule_at(local(t, 2026, 11, 22, 12, 0))) == "weekend");
  // Friday 25 December: the holiday rule beats the weekday rules, all day.
  CHECK(rule_name(t.rule_at(local(t, 2026, 12, 25, 12, 0))) == "holiday");
  CHECK(rule_name(t.rule_at(local(t, 2026, 12, 25, 20, 0))) == "holiday");
  // 17:00 UTC on a Monday is 19:00 in Sofia: evening, whatever the server's zone.
  Instant utc17 = *TimeZone::utc().from_local(2026, 11, 23, 17 * 3600);
  CHECK(rule_name(t.rule_at(utc17)) == "evening");
}

TEST_CASE("priority breaks ties between weekday rules, then definition order") {
  // Proves the documented precedence.
  Tariff t = sofia();
  t.add_price_list(deck("lunch", {rate("359", "0.15")}));
  t.add_rule(rule("lunch", "lunch", "all", "12:00-13:00", false, 5));
  t.add_rule(rule("lunch-low", "lunch", "all", "12:00-13:00", false, 5));
  CHECK(rule_name(t.rule_at(local(t, 2026, 11, 22, 12, 30))) == "lunch");  // beats weekend (0)
  CHECK(rule_name(t.rule_at(local(t, 2026, 12, 25, 12, 30))) == "holiday");
}

TEST_CASE("next_rule_change stops at range edges, midnight and offset changes") {
  // Proves the segment ends, including the spring-forward gap and the repeated hour.
  Tariff t = sofia();
  CHECK(t.next_rule_change(local(t, 2026, 11, 23, 12, 0)) == local(t, 2026, 11, 23, 18, 0));
  CHECK(t.next_rule_change(local(t, 2026, 11, 23, 18, 0)) == local(t, 2026, 11, 24, 0, 0));
  CHECK(t.next_rule_change(local(t, 2026, 11, 24, 0, 0)) == local(t, 2026, 11, 24, 8, 0));
  // Spring forward 2026-03-29: 03:00 EET -> 04:00 EEST at 01:00 UTC.
  Instant change = *TimeZone::utc().from_local(2026, 3, 29, 3600);
  CHECK(t.next_rule_change(local(t, 2026, 3, 29, 2, 0)) == change);
  CHECK(t.next_rule_change(change) == local(t, 2026, 3, 29, 8, 0));
  // Fall back 2026-10-25: 04:00 EEST -> 03:00 EET at 01:00 UTC.
  Instant back = *TimeZone::utc().from_local(2026, 10, 25, 3600);
  CHECK(t.next_rule_change(local(t, 2026, 10, 25, 3, 30)) == back);
  // Between at and next_rule_change the rule is constant (checked second by second).
  Instant s = local(t, 2026, 3, 28, 20, 0);
  for (int k = 0; k < 20; ++k) {
    Instant until = t.next_rule_change(s);
    CHECK(until > s);
    const PriceRule* r = t.rule_at(s);
    for (Instant x = s; x < until; x += std::chrono::seconds(97)) CHECK(t.rule_at(x) == r);
    CHECK(t.rule_at(until - std::chrono::seconds(1)) == r);
    s = until;
  }
}

TEST_CASE("rate_for falls back to the base list and restricted_to keeps one rate per list") {
  // Proves the lookup order and the reservation snapshot.
  Tariff t = sofia();
  const PriceRule* evening = &t.rules()[0];
  CHECK(t.rate_for("359888", evening)->rate == Money::parse("0.10"));
  CHECK(t.rate_for("4420", evening)->rate == Money::parse("0.30"));
  CHECK(t.rate_for("4420", nullptr)->rate == Money::parse("0.30"));
  CHECK(t.rate_for("33", evening) == nullptr);
  Tariff small = t.restricted_to("359888");
  CHECK(small.price_lists().size() == 4);
  CHECK(small.price_list("day")->size() == 1);
  CHECK(small.price_list("day")->rates()[0].prefix == "359");
  CHECK(small.rules() == t.rules());
  CHECK(small.holidays() == t.holidays());
  CHECK(small.validate().empty());
  CHECK(t.price_list("day")->size() == 2);  // the original is untouched
}

TEST_CASE("validate names every problem") {
  // Proves missing lists, duplicate rules and bad rounding are reported.
  Tariff t("bad", *Currency::from_code("EUR"), TimeZone::utc(), "nope");
  t.add_price_list(deck("day", {}));
  t.add_rule(rule("r", "missing", "all", "00:00-24:00"));
  t.add_rule(rule("r", "day", "all", "00:00-24:00"));
  t.set_rounding({RoundingMethod::up, 7});
  auto problems = t.validate();
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "base price list \"nope\" is not defined");
  CHECK(problems[1] == "rule \"r\" names price list \"missing\", which is not defined");
  CHECK(problems[2] == "rule \"r\" defined twice");
  CHECK(problems[3] == "rounding decimals must be 0..6, not 7");
  CHECK(sofia().validate().empty());
  CHECK(sofia().rounding() == Rounding{RoundingMethod::up, 2});
}

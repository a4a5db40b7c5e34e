#include "rating/pricing.h"

#include <doctest/doctest.h>

using namespace prepaid::rating;

namespace {

Money m(const char* text) {
  return Money::parse(text).value();
}

Rate rate(const char* prefix, const char* price, std::uint32_t first = 60, std::uint32_t inc = 60) {
  Rate r;
  r.prefix = prefix;
  r.destination = std::string("dest ") + prefix;
  r.rate = m(price);
  r.first_increment_s = first;
  r.increment_s = inc;
  return r;
}

std::shared_ptr<RateDeck> deck(const char* name, std::initializer_list<Rate> rates) {
  auto d = std::make_shared<RateDeck>(name);
  for (const Rate& r : rates) d->add(r);
  return d;
}

Tariff tariff(const char* zone, std::shared_ptr<RateDeck> base) {
  Tariff t("test", *Currency::from_code("EUR"), *TimeZone::locate(zone), base->name());
  t.add_price_list(std::move(base));
  return t;
}

Instant at(const Tariff& t, int y, unsigned mo, unsigned d, unsigned h, unsigned mi,
           unsigned s = 0) {
  return *t.zone().from_local(y, mo, d, h * 3600 + mi * 60 + s);
}

PriceRule rule(const char* name, const char* list, const char* days, const char* time,
               bool holidays = false, int priority = 0) {
  return PriceRule{name,     list,    *Weekdays::parse(days), *TimeOfDayRange::parse(time),
                   holidays, priority};
}

}  // namespace

TEST_CASE("the issue's examples: 0.60/min billed 60/60 and 1/1") {
  // Proves 10.00 buys 960 s at 60/60 and 1000 s at 1/1, and that 61 s costs two minutes.
  Tariff t60 = tariff("Europe/Sofia", deck("day", {rate("44", "0.60")}));
  Instant start = at(t60, 2026, 11, 22, 12, 0);
  auto price = price_call(t60, "+441234", start, 61);
  REQUIRE(price);
  CHECK(price->billed_s == 120);
  CHECK(price->total == m("1.20"));
  auto grant = max_duration(t60, "+441234", start, m("10.00"), 86400);
  REQUIRE(grant);
  CHECK(grant->seconds == 960);
  CHECK(grant->price == m("9.60"));
  CHECK(grant->limited_by == GrantLimit::balance);
  Tariff t1 = tariff("Europe/Sofia", deck("day", {rate("44", "0.60", 1, 1)}));
  grant = max_duration(t1, "441234", start, m("10.00"), 86400);
  REQUIRE(grant);
  CHECK(grant->seconds == 1000);
  CHECK(grant->price == m("10.00"));
  CHECK(price_call(t1, "441234", start, 1001)->total == m("10.01"));
}

TEST_CASE("a call crossing into the evening rule is priced per block at its own start") {
  // Proves 17:58 + 5 min with an 18:00 evening rule pays 2 day minutes and 3 evening ones.
  Tariff t = tariff("Europe/Sofia", deck("day", {rate("359", "0.20")}));
  t.add_price_list(deck("evening", {rate("359", "0.10")}));
  t.add_rule(rule("evening", "evening", "all", "18:00-08:00"));
  auto price = price_call(t, "00359888123456", at(t, 2026, 11, 23, 17, 58), 300);
  REQUIRE(price);
  REQUIRE(price->spans.size() == 2);
  CHECK(price->spans[0].rule == "");
  CHECK(price->spans[0].price_list == "day");
  CHECK(price->spans[0].seconds == 120);
  CHECK(price->spans[0].amount == ExactAmount(m("0.40")));
  CHECK(price->spans[1].rule == "evening");
  CHECK(price->spans[1].price_list == "evening");
  CHECK(price->spans[1].seconds == 180);
  CHECK(price->spans[1].start == at(t, 2026, 11, 23, 18, 0));
  CHECK(price->total == m("0.70"));
  // A block that starts at 17:59:30 is priced wholly at the day rate.
  price = price_call(t, "359888", at(t, 2026, 11, 23, 17, 59, 30), 120);
  REQUIRE(price->spans.size() == 2);
  CHECK(price->spans[0].seconds == 60);
  CHECK(price->spans[0].rate == m("0.20"));
  CHECK(price->total == m("0.30"));
  // max_duration agrees: 0.90 buys 2 day minutes (0.40) and 5 evening minutes (0.50).
  auto grant = max_duration(t, "359888", at(t, 2026, 11, 23, 17, 58), m("0.90"), 86400);
  CHECK(grant->seconds == 420);
  CHECK(grant->price == m("0.90"));
}

TEST_CASE("grace, connect fee and the first increment") {
  // Proves free calls within grace, the connect fee only on billed calls, and 30/6 billing.
  Rate r = rate("49", "0.12", 30, 6);
  r.grace_s = 5;
  r.connect_fee = m("0.05");
  Tariff t = tariff("UTC", deck("day", {r}));
  Instant start = at(t, 2026, 6, 1, 10, 0);
  CHECK(price_call(t, "49", start, 0)->total == Money());
  auto free = price_call(t, "49", start, 5);
  CHECK(free->billed_s == 0);
  CHECK(free->total == Money());
  CHECK(free->connect_fee == Money());
  CHECK(free->spans.empty());
  auto six = price_call(t, "49", start, 6);
  CHECK(six->billed_s == 30);
  CHECK(six->connect_fee == m("0.05"));
  CHECK(six->unrounded == ExactAmount(m("0.11")));  // 0.05 + 0.06
  CHECK(price_call(t, "49", start, 31)->billed_s == 36);
  CHECK(price_call(t, "49", start, 36)->billed_s == 36);
  CHECK(price_call(t, "49", start, 37)->billed_s == 42);
  // 0.10 cannot pay the connect fee and the first 30 s: nothing is granted, not even grace.
  auto none = max_duration(t, "49", start, m("0.10"), 3600);
  CHECK(none->seconds == 0);
  CHECK(none->limited_by == GrantLimit::insufficient_balance);
  auto some = max_duration(t, "49", start, m("0.11"), 3600);
  CHECK(some->seconds == 30);
  CHECK(some->price == m("0.11"));
}

TEST_CASE("sub-cent rates are exact and the total is rounded once") {
  // Proves 0.0123/min billed per second, rounded up/down/half-even at the end only.
  Rate r = rate("1", "0.0123", 1, 1);
  Tariff t = tariff("America/New_York", deck("day", {r}));
  Instant start = at(t, 2026, 6, 1, 10, 0);
  auto price = price_call(t, "1212", start, 61);
  CHECK(price->unrounded == ExactAmount(m("0.012505")));
  CHECK(price->total == m("0.02"));
  t.set_rounding({RoundingMethod::down, 2});
  CHECK(price_call(t, "1212", start, 61)->total == m("0.01"));
  t.set_rounding({RoundingMethod::half_even, 4});
  CHECK(price_call(t, "1212", start, 61)->total == m("0.0125"));
  t.set_rounding({RoundingMethod::up, 6});
  CHECK(price_call(t, "1212", start, 61)->total == m("0.012505"));
  // 1 s of 0.01/min is 1/6000 of a unit: exact until the end.
  Tariff t2 = tariff("UTC", deck("day", {rate("1", "0.01", 1, 1)}));
  auto one = price_call(t2, "1", start, 1);
  CHECK_FALSE(one->unrounded.is_whole_micros());
  CHECK(one->total == m("0.01"));
  auto grant = max_duration(t2, "1", start, m("0.01"), 86400);
  CHECK(grant->seconds == 60);
}

TEST_CASE("refusals: malformed numbers and unknown destinations") {
  // Proves both stable refusal codes.
  Tariff t = tariff("UTC", deck("day", {rate("44", "0.1")}));
  Instant start = at(t, 2026, 6, 1, 10, 0);
  CHECK(price_call(t, "+44 20", start, 60).refusal() == Refusal::malformed_number);
  CHECK(price_call(t, "33123", start, 60).refusal() == Refusal::unknown_destination);
  CHECK(max_duration(t, "33123", start, m("5"), 60).refusal() == Refusal::unknown_destination);
  CHECK(to_string(Refusal::malformed_number) == "MALFORMED_NUMBER");
  CHECK(to_string(Refusal::unknown_destination) == "UNKNOWN_DESTINATION");
}

TEST_CASE(
    "the rule's list falls back to the base list, and a rule-only destination keeps its start "
    "rate") {
  // Proves rate_for's fallback inside price_call and the documented start-rate fallback.
  Tariff t = tariff("UTC", deck("day", {rate("44", "0.30")}));
  t.add_price_list(deck("night", {rate("33", "0.05")}));
  t.add_rule(rule("night", "night", "all", "22:00-06:00"));
  auto uk = price_call(t, "44", at(t, 2026, 6, 1, 23, 0), 60);
  CHECK(uk->spans[0].price_list == "day");
  CHECK(uk->spans[0].rule == "night");
  CHECK(uk->total == m("0.30"));
  CHECK(price_call(t, "33", at(t, 2026, 6, 1, 12, 0), 60).refusal() ==
        Refusal::unknown_destination);
  auto fr = price_call(t, "33", at(t, 2026, 6, 1, 5, 59), 120);
  REQUIRE(fr);
  CHECK(fr->total == m("0.10"));
}

TEST_CASE("a night rule starts and ends at the right local times across DST") {
  // Proves 22:00-06:00 in Europe/Sofia on the spring-forward and fall-back nights.
  Tariff t = tariff("Europe/Sofia", deck("day", {rate("359", "0.60")}));
  t.add_price_list(deck("night", {rate("359", "0.06")}));
  t.add_rule(rule("night", "night", "all", "22:00-06:00"));
  // 2026-03-29: 03:00 local jumps to 04:00. 05:58 local is 02:58 UTC.
  Instant spring = at(t, 2026, 3, 29, 5, 58);
  CHECK(t.rule_at(spring)->name == "night");
  auto p = price_call(t, "359", spring, 240);
  REQUIRE(p->spans.size() == 2);
  CHECK(p->spans[0].seconds == 120);
  CHECK(p->spans[1].start == at(t, 2026, 3, 29, 6, 0));
  CHECK(p->total == m("1.32"));  // 2 × 0.06 + 2 × 0.60
  // A call from 02:30 local to after the jump: 02:30..03:00 then 04:00.. (real seconds), night.
  auto across = price_call(t, "359", at(t, 2026, 3, 29, 2, 30), 3600);
  REQUIRE(across->spans.size() == 1);
  CHECK(across->total == m("3.60"));
  // 2026-10-25: 04:00 local goes back to 03:00; the night lasts 9 real hours.
  Instant fall = at(t, 2026, 10, 24, 22, 0);
  CHECK(t.next_rule_change(fall) == at(t, 2026, 10, 25, 0, 0));
  auto night = price_call(t, "359", fall, 9 * 3600 + 60);
  REQUIRE(night->spans.size() == 2);
  CHECK(night->spans[0].seconds == 9 * 3600);
  CHECK(night->spans[1].rule == "");
  CHECK(night->spans[1].seconds == 60);
}

TEST_CASE("max_duration respects the cap and spans merge") {
  // Proves the cap limit and merging of consecutive spans with the same rule and rate.
  Tariff t = tariff("UTC", deck("day", {rate("44", "0.60")}));
  Instant start = at(t, 2026, 6, 1, 10, 0);
  auto grant = max_duration(t, "44", start, m("100"), 90);
  CHECK(grant->seconds == 90);
  CHECK(grant->limited_by == GrantLimit::cap);
  CHECK(grant->price == m("1.20"));
  CHECK(max_duration(t, "44", start, m("100"), 30)->price == m("0.60"));
  // A day-long call crosses midnight: one segment per day, merged into one span.
  auto day = price_call(t, "44", at(t, 2026, 6, 1, 23, 0), 7200);
  CHECK(day->spans.size() == 1);
  CHECK(day->spans[0].seconds == 7200);
  CHECK(max_duration(t, "44", start, Money::from_micros(-1), 60)->limited_by ==
        GrantLimit::insufficient_balance);
}

TEST_CASE("buy cost uses the start rate's buy_rate") {
  // Proves buy_cost = buy_rate × billed / unit, rounded like the total.
  Rate r = rate("44", "0.60");
  r.buy_rate = m("0.2345");
  Tariff t = tariff("UTC", deck("day", {r}));
  auto p = price_call(t, "44", at(t, 2026, 6, 1, 10, 0), 61);
  CHECK(p->buy_cost == m("0.47"));
  REQUIRE(p->buy);
  CHECK(p->buy->money == m("0.47"));
  CHECK(p->buy->currency.code() == "EUR");
  CHECK_FALSE(price_call(tariff("UTC", deck("day", {rate("44", "0.60")})), "44",
                         at(t, 2026, 6, 1, 10, 0), 61)
                  ->buy_cost.has_value());
}

TEST_CASE("a buy rate in another currency is priced in that currency and never in buy_cost") {
  // Proves a USD (or JPY) buy rate on a EUR tariff: the buy cost is given in its own currency,
  // rounded to that currency's minor unit, the sell total is untouched, and buy_cost (what a
  // CDR keeps, in the tariff's currency) stays empty rather than mislabelled.
  Rate r = rate("44", "0.60");
  r.buy_rate = m("0.2345");
  r.buy_currency = Currency::from_code("USD");
  Tariff t = tariff("UTC", deck("day", {r}));
  auto p = price_call(t, "44", at(t, 2026, 6, 1, 10, 0), 61);
  CHECK(p->total == m("1.20"));
  CHECK_FALSE(p->buy_cost.has_value());
  REQUIRE(p->buy);
  CHECK(p->buy->money == m("0.47"));
  CHECK(p->buy->currency.code() == "USD");
  r.buy_currency = Currency::from_code("JPY");  // no minor unit: 0.469 rounds up to 1
  Tariff yen = tariff("UTC", deck("day", {r}));
  auto q = price_call(yen, "44", at(yen, 2026, 6, 1, 10, 0), 61);
  REQUIRE(q->buy);
  CHECK(q->buy->money == m("1"));
  CHECK(q->buy->to_string() == "1 JPY");
  // Unanswered: a zero buy cost, still in its currency.
  auto free = price_call(t, "44", at(t, 2026, 6, 1, 10, 0), 0);
  REQUIRE(free->buy);
  CHECK(free->buy->money.is_zero());
  CHECK(free->buy->currency.code() == "USD");
  // A buy currency without a buy rate makes the tariff unusable.
  Rate orphan = rate("44", "0.60");
  orphan.buy_currency = Currency::from_code("USD");
  CHECK(tariff("UTC", deck("day", {orphan})).validate().size() == 1);
}

TEST_CASE("invalid rates are reported by validate and never divide by zero") {
  // Proves the guard against rates that bypassed the CSV checks.
  Rate zero = rate("44", "0.60");
  zero.increment_s = 0;
  Tariff t = tariff("UTC", deck("day", {zero}));
  REQUIRE(t.validate().size() == 1);
  CHECK(
      t.validate()[0] ==
      "price list \"day\", prefix 44: rate_unit, first_increment and increment must be at least 1");
  Instant start = at(t, 2026, 6, 1, 10, 0);
  CHECK_THROWS_AS(price_call(t, "44", start, 120), std::invalid_argument);
  CHECK_THROWS_AS(max_duration(t, "44", start, m("10"), 600), std::invalid_argument);
}

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

TEST_CASE("a balance that cannot pay the shortest billed call is refused, grace or not") {
  // Proves the grace rule: with grace >= first increment the shortest billed call (grace + 1 s)
  // is billed past the first increment, and a balance that cannot pay it gets nothing (it used
  // to get the grace seconds free); one that can is granted as usual, the cap still applies.
  Rate r = rate("49", "0.60", 10, 10);  // 0.01/s, billed 10/10
  r.grace_s = 30;                       // up to 30 s free; a 31 s call is billed 40 s
  Tariff t = tariff("UTC", deck("day", {r}));
  Instant start = at(t, 2026, 6, 1, 10, 0);
  CHECK(price_call(t, "49", start, 30)->total == Money());
  CHECK(price_call(t, "49", start, 31)->billed_s == 40);
  CHECK(price_call(t, "49", start, 31)->total == m("0.40"));
  for (const char* balance : {"0.10", "0.39"}) {  // buys the first increment, not 40 s
    CAPTURE(balance);
    auto none = max_duration(t, "49", start, m(balance), 3600);
    CHECK(none->seconds == 0);
    CHECK(none->price == Money());
    CHECK(none->limited_by == GrantLimit::insufficient_balance);
    CHECK(max_duration(t, "49", start, m(balance), 20)->limited_by ==
          GrantLimit::insufficient_balance);  // a cap inside grace does not make it free
  }
  auto some = max_duration(t, "49", start, m("0.40"), 3600);
  CHECK(some->seconds == 40);
  CHECK(some->price == m("0.40"));
  CHECK(some->limited_by == GrantLimit::balance);
  auto capped = max_duration(t, "49", start, m("0.40"), 20);
  CHECK(capped->seconds == 20);
  CHECK(capped->price == Money());  // 20 s is within grace
  CHECK(capped->limited_by == GrantLimit::cap);
  auto capped_past_grace = max_duration(t, "49", start, m("0.40"), 35);
  CHECK(capped_past_grace->seconds == 35);
  CHECK(capped_past_grace->price == m("0.40"));
  // Per-second billing with 5 s of grace: a 6 s call is the shortest billed one.
  Rate s = rate("1", "0.60", 1, 1);
  s.grace_s = 5;
  Tariff ts = tariff("UTC", deck("day", {s}));
  CHECK(max_duration(ts, "1", start, m("0.05"), 3600)->limited_by ==
        GrantLimit::insufficient_balance);
  CHECK(max_duration(ts, "1", start, m("0.06"), 3600)->seconds == 6);
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

TEST_CASE("rule edges inside the skipped and the repeated hour follow the wall clock") {
  // Proves what the rating does across Europe/Sofia's DST changes: each block is priced by the
  // rule the local clock shows at its start, so an edge at 03:30 inside the repeated hour is
  // crossed twice, and one inside the skipped hour takes effect at the jump.
  Tariff t = tariff("Europe/Sofia", deck("day", {rate("359", "0.60")}));
  t.add_price_list(deck("early", {rate("359", "0.06")}));
  t.add_rule(rule("early", "early", "all", "03:30-05:00"));
  Instant utc_0000 = *TimeZone::utc().from_local(2026, 10, 25, 0);
  // 2026-10-25: 04:00 EEST goes back to 03:00 EET at 01:00 UTC. From 03:00 EEST (00:00 UTC):
  // 30 min day, 30 min early (03:30-04:00 EEST), 30 min day (03:00-03:30 EET), 90 min early.
  auto fall = price_call(t, "359", utc_0000, 4 * 3600);
  REQUIRE(fall);
  REQUIRE(fall->spans.size() == 5);
  const std::uint32_t expected_s[] = {1800, 1800, 1800, 5400, 3600};
  const char* expected_rule[] = {"", "early", "", "early", ""};
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(fall->spans[i].seconds == expected_s[i]);
    CHECK(fall->spans[i].rule == expected_rule[i]);
  }
  CHECK(fall->spans[2].start == utc_0000 + std::chrono::hours(1));  // 03:00 EET
  CHECK(fall->total == m("79.20"));  // (30 + 30 + 60) min × 0.60 + (30 + 90) min × 0.06
  // max_duration walks the same segments: 79.20 buys exactly those four hours.
  auto grant = max_duration(t, "359", utc_0000, m("79.20"), 86400);
  CHECK(grant->seconds == 4 * 3600);
  CHECK(grant->price == m("79.20"));
  // 2026-03-29: 03:00 EET jumps to 04:00 EEST at 01:00 UTC. From 02:50 EET: 10 min day, then
  // the clocks show 04:00, inside 03:30-05:00, so early from the jump on.
  Instant spring = at(t, 2026, 3, 29, 2, 50);
  auto p = price_call(t, "359", spring, 1800);
  REQUIRE(p->spans.size() == 2);
  CHECK(p->spans[0].seconds == 600);
  CHECK(p->spans[1].rule == "early");
  CHECK(p->spans[1].start == *TimeZone::utc().from_local(2026, 3, 29, 3600));
  CHECK(p->total == m("7.20"));  // 10 min × 0.60 + 20 min × 0.06
  // A rule wholly inside the skipped hour never applies that day.
  Tariff gap = tariff("Europe/Sofia", deck("day", {rate("359", "0.60")}));
  gap.add_price_list(deck("lost", {rate("359", "0.06")}));
  gap.add_rule(rule("lost", "lost", "all", "03:00-03:30"));
  auto lost = price_call(gap, "359", at(gap, 2026, 3, 29, 2, 0), 7200);
  REQUIRE(lost->spans.size() == 1);
  CHECK(lost->spans[0].rule == "");
  CHECK(price_call(gap, "359", at(gap, 2026, 3, 30, 3, 0), 60)->spans[0].rule == "lost");
}

TEST_CASE("a holiday rule wrapping past midnight covers the next morning only on a holiday") {
  // Proves the holiday rule is read on each holiday's own date: 22:00-06:00 on 24 Dec covers
  // 24 Dec 22:00-24:00 but not 25 Dec 00:00-06:00, unless 25 Dec is a holiday too, when the
  // rule stays in force across midnight (one span), and max_duration agrees either way.
  auto christmas = [](bool both_days) {
    Tariff t = tariff("Europe/Sofia", deck("day", {rate("359", "0.60")}));
    t.add_price_list(deck("holiday-night", {rate("359", "0.06")}));
    t.add_rule(rule("holiday-night", "holiday-night", "none", "22:00-06:00", true));
    t.add_holiday(*Holiday::parse_date("2026-12-24"));
    if (both_days) t.add_holiday(*Holiday::parse_date("12-25"));
    return t;
  };
  Tariff eve = christmas(false);
  CHECK(eve.rule_at(at(eve, 2026, 12, 24, 3, 0))->name == "holiday-night");
  CHECK(eve.rule_at(at(eve, 2026, 12, 24, 12, 0)) == nullptr);
  CHECK(eve.rule_at(at(eve, 2026, 12, 24, 23, 0))->name == "holiday-night");
  CHECK(eve.rule_at(at(eve, 2026, 12, 25, 3, 0)) == nullptr);  // 25 Dec is not a holiday
  Instant start = at(eve, 2026, 12, 24, 23, 30);
  auto one = price_call(eve, "359", start, 3600);
  REQUIRE(one->spans.size() == 2);
  CHECK(one->spans[0].seconds == 1800);
  CHECK(one->spans[1].rule == "");
  CHECK(one->spans[1].start == at(eve, 2026, 12, 25, 0, 0));
  CHECK(one->total == m("19.80"));  // 30 × 0.06 + 30 × 0.60
  CHECK(max_duration(eve, "359", start, m("19.80"), 86400)->seconds == 3600);
  Tariff both = christmas(true);
  CHECK(both.rule_at(at(both, 2026, 12, 25, 3, 0))->name == "holiday-night");
  CHECK(both.rule_at(at(both, 2026, 12, 25, 6, 0)) == nullptr);
  auto two = price_call(both, "359", start, 3600);
  REQUIRE(two->spans.size() == 1);
  CHECK(two->spans[0].rule == "holiday-night");
  CHECK(two->total == m("3.60"));
  auto grant = max_duration(both, "359", start, m("3.60"), 86400);
  CHECK(grant->seconds == 3600);
  CHECK(grant->price == m("3.60"));
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

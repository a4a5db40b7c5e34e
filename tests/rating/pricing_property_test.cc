// Property tests for price_call() and max_duration() over thousands of random tariffs.
// The seed is printed; reproduce a failure with PREPAID_PROPERTY_SEED=<seed> (and
// PREPAID_PROPERTY_CASES=<n> to change the number of tariffs).
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <random>

#include "rating/pricing.h"
#include "rating/tariff_file.h"

using namespace prepaid::rating;

namespace {

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : fallback;
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t below(std::uint64_t n) { return rng_() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T, std::size_t N>
  T pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  std::mt19937_64 rng_;
};

const char* const kZones[] = {
    "Europe/Sofia", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
    "UTC",          "Europe/London",    "Pacific/Chatham",     "America/Santiago"};

Rate random_rate(Random& rnd, std::string prefix) {
  Rate r;
  r.prefix = std::move(prefix);
  r.destination = "d" + r.prefix;
  switch (rnd.below(4)) {
    case 0:  // sub-cent
      r.rate = Money::from_micros(static_cast<std::int64_t>(rnd.below(20000)));
      break;
    case 1:
      r.rate = Money();
      if (rnd.chance(70)) r.rate = Money::from_micros(static_cast<std::int64_t>(rnd.below(300000)));
      break;
    default:
      r.rate = Money::from_micros(static_cast<std::int64_t>(rnd.below(3000000)));
  }
  r.rate_unit_s = rnd.pick({1u, 6u, 30u, 60u, 60u, 60u, 3600u});
  r.first_increment_s = rnd.pick({1u, 6u, 30u, 60u, 60u, 90u});
  r.increment_s = rnd.pick({1u, 1u, 6u, 10u, 30u, 60u});
  r.grace_s = rnd.pick({0u, 0u, 0u, 3u, 10u, 45u, 70u});
  if (rnd.chance(30))
    r.connect_fee = Money::from_micros(static_cast<std::int64_t>(rnd.below(500000)));
  return r;
}

struct Case {
  std::shared_ptr<Tariff> tariff;
  std::string number;
};

Case random_tariff(Random& rnd) {
  auto zone = *TimeZone::locate(rnd.pick(kZones));
  Case c;
  c.tariff = std::make_shared<Tariff>("p", *Currency::from_code("EUR"), zone, "base");
  Tariff& t = *c.tariff;
  t.set_rounding({rnd.pick({RoundingMethod::up, RoundingMethod::down, RoundingMethod::half_up,
                            RoundingMethod::half_even}),
                  static_cast<int>(rnd.below(8)) - 1});
  std::size_t lists = rnd.below(4);
  auto base = std::make_shared<RateDeck>("base");
  base->add(random_rate(rnd, "44"));
  if (rnd.chance(50)) base->add(random_rate(rnd, "4479"));
  t.add_price_list(base);
  for (std::size_t i = 1; i <= lists; ++i) {
    auto deck = std::make_shared<RateDeck>("l" + std::to_string(i));
    if (rnd.chance(70)) deck->add(random_rate(rnd, "44"));
    if (rnd.chance(40)) deck->add(random_rate(rnd, "447"));
    t.add_price_list(deck);
  }
  std::size_t rules = lists == 0 ? 0 : rnd.below(5);
  for (std::size_t i = 0; i < rules; ++i) {
    PriceRule r;
    r.name = "r" + std::to_string(i);
    r.price_list = "l" + std::to_string(1 + rnd.below(lists));
    r.weekdays = Weekdays::from_bits(static_cast<std::uint8_t>(rnd.below(128)));
    if (!rnd.chance(20)) {
      auto edge = [&rnd]() -> std::uint32_t {
        return rnd.chance(70) ? static_cast<std::uint32_t>(rnd.below(96) * 900)
                              : static_cast<std::uint32_t>(rnd.below(86400));
      };
      r.time = {edge(), edge()};  // may wrap past midnight
      if (rnd.chance(10)) r.time.to_s = 86400;
    }
    r.on_holidays = rnd.chance(20);
    r.priority = static_cast<int>(rnd.below(3));
    t.add_rule(std::move(r));
  }
  c.number = rnd.chance(50) ? "+4479" : "0044";
  for (int i = 0; i < 8; ++i) c.number.push_back(static_cast<char>('0' + rnd.below(10)));
  return c;
}

/// A start instant near something interesting: a rule edge, local midnight, a DST change.
Instant random_start(Random& rnd, Tariff& t) {
  // A day between 2026-01-01 and 2034-12-31 (the OS tz database has explicit DST data there).
  Instant day0 = *TimeZone::utc().from_local(2026, 1, 1, 0);
  Instant base = day0 + std::chrono::hours(24 * static_cast<std::int64_t>(rnd.below(9 * 365)));
  auto jitter = [&rnd]() {
    return std::chrono::seconds(static_cast<std::int64_t>(rnd.below(241)) - 120);
  };
  LocalTime local = t.zone().to_local(base);
  // Holidays: sometimes make the chosen date one, sometimes the next date too (a wrapping
  // holiday rule then stays in force across midnight).
  if (rnd.chance(30)) {
    Holiday h;
    h.year = rnd.chance(50) ? local.year : 0;
    h.month = local.month;
    h.day = local.day;
    h.name = "h";
    t.add_holiday(h);
    if (rnd.chance(40)) {
      LocalTime next = t.zone().to_local(base + std::chrono::hours(24));
      h.month = next.month;
      h.day = next.day;
      h.year = h.year == 0 ? 0 : next.year;
      t.add_holiday(h);
    }
  }
  switch (rnd.below(4)) {
    case 0: {  // near a rule edge
      if (!t.rules().empty()) {
        const PriceRule& r = t.rules()[rnd.below(t.rules().size())];
        std::uint32_t edge = rnd.chance(50) ? r.time.from_s : r.time.to_s % 86400;
        if (auto at = t.zone().from_local(local.year, local.month, local.day, edge)) {
          return *at + jitter();
        }
      }
      return base + jitter();
    }
    case 1:  // near local midnight
      return *t.zone().from_local(local.year, local.month, local.day, 0) + jitter();
    case 2: {  // near the next UTC-offset change, when the zone has one soon
      LocalTime l = t.zone().to_local(base);
      if (l.offset_valid_until - base < std::chrono::hours(24 * 400)) {
        return l.offset_valid_until +
               std::chrono::seconds(static_cast<std::int64_t>(rnd.below(14401)) - 7200);
      }
      return base + jitter();
    }
    default:
      return base + std::chrono::seconds(static_cast<std::int64_t>(rnd.below(86400)));
  }
}

/// The definition, block by block: each block priced by the rule in force at its own start.
struct Reference {
  std::uint64_t billed = 0;
  ExactAmount unrounded;
  Money total;
};

Reference reference_price(const Tariff& t, const std::string& number, Instant start,
                          std::uint32_t duration) {
  std::string digits = *normalize_number(number, t.number_plan());
  const Rate& first = *t.rate_for(digits, t.rule_at(start));
  Reference ref;
  if (duration == 0 || duration <= first.grace_s) return ref;
  ref.unrounded = ExactAmount(first.connect_fee);
  std::uint64_t pos = 0;
  while (pos < duration) {
    std::uint64_t len = pos == 0 ? first.first_increment_s : first.increment_s;
    const Rate* r = t.rate_for(digits, t.rule_at(start + std::chrono::seconds(pos)));
    if (r == nullptr) r = &first;
    ref.unrounded += ExactAmount::per_unit(r->rate, len, r->rate_unit_s);
    pos += len;
  }
  ref.billed = pos;
  Rounding rounding = t.rounding();
  ref.total = ref.unrounded.round(rounding.method, rounding.decimals);
  return ref;
}

std::string describe(const Case& c, Instant start) {
  std::string out = format_tariff_text(*c.tariff);
  out += "number " + c.number + " start " + std::to_string(start.time_since_epoch().count()) + "\n";
  return out;
}

}  // namespace

TEST_CASE("price_call equals the block-by-block definition; max_duration is its exact inverse") {
  // Proves, over random tariffs/zones/starts: price_call == brute-force reference, spans sum to
  // the unrounded total minus the connect fee, price is monotone in duration, and
  // price(max_duration(b)) <= b < price(max_duration(b) + 1 s and + next increment) unless capped,
  // and a grant is refused exactly when b cannot pay the shortest billed call (grace + 1 s).
  const std::uint64_t seed = env_or("PREPAID_PROPERTY_SEED", 20261122);
  const std::uint64_t cases = env_or("PREPAID_PROPERTY_CASES", 10000);
  std::cout << "pricing properties: PREPAID_PROPERTY_SEED=" << seed
            << " PREPAID_PROPERTY_CASES=" << cases << std::endl;
  Random rnd(seed);
  std::uint64_t checked_prices = 0, checked_grants = 0, capped = 0, insufficient = 0;
  for (std::uint64_t n = 0; n < cases; ++n) {
    Case c = random_tariff(rnd);
    for (int s = 0; s < 3; ++s) {
      Instant start = random_start(rnd, *c.tariff);
      const Tariff& t = *c.tariff;
      REQUIRE(t.validate().empty());
      const Rate& first =
          *t.rate_for(*normalize_number(c.number, t.number_plan()), t.rule_at(start));
      std::uint32_t max_d = first.increment_s == 1 ? 2400 : 9000;
      // price_call against the reference, and monotonicity.
      std::uint32_t d1 = static_cast<std::uint32_t>(rnd.below(max_d));
      std::uint32_t d2 = d1 + static_cast<std::uint32_t>(rnd.below(600));
      auto p1 = price_call(t, c.number, start, d1);
      auto p2 = price_call(t, c.number, start, d2);
      REQUIRE(p1);
      REQUIRE(p2);
      Reference ref = reference_price(t, c.number, start, d1);
      bool same =
          p1->unrounded == ref.unrounded && p1->total == ref.total && p1->billed_s == ref.billed;
      CHECK_MESSAGE(same, describe(c, start) << "duration " << d1);
      ExactAmount span_sum;
      for (const Span& span : p1->spans) span_sum += span.amount;
      CHECK(span_sum == p1->unrounded - ExactAmount(p1->connect_fee));
      CHECK(p1->total <= p2->total);
      CHECK(p1->unrounded <= p2->unrounded);
      ++checked_prices;
      // max_duration: balances near real prices (exact hits and one micro-unit either side).
      for (int b = 0; b < 3; ++b) {
        Money balance;
        switch (rnd.below(3)) {
          case 0:
            balance =
                price_call(t, c.number, start, static_cast<std::uint32_t>(rnd.below(max_d)))->total;
            break;
          case 1:
            balance = p2->total + Money::from_micros(static_cast<std::int64_t>(rnd.below(3)) - 1);
            break;
          default:
            balance = Money::from_micros(static_cast<std::int64_t>(rnd.below(5'000'000)));
        }
        std::uint32_t cap =
            rnd.chance(25) ? static_cast<std::uint32_t>(rnd.below(max_d)) : max_d * 4;
        auto grant = max_duration(t, c.number, start, balance, cap);
        REQUIRE(grant);
        const Grant& g = *grant;
        INFO(describe(c, start) << "balance " << balance.to_string(6) << " cap " << cap
                                << " granted " << g.seconds << " " << to_string(g.limited_by));
        ++checked_grants;
        // The shortest billed call (grace + 1 s): a balance that cannot pay it is refused, one
        // that can is granted (even with grace >= first increment, whose call is billed more).
        const Money shortest_billed = price_call(t, c.number, start, first.grace_s + 1)->total;
        if (g.limited_by == GrantLimit::insufficient_balance) {
          ++insufficient;
          CHECK(g.seconds == 0);
          CHECK(g.price == Money());
          CHECK(shortest_billed > balance);
          continue;
        }
        CHECK(shortest_billed <= balance);
        REQUIRE(g.seconds <= cap);
        auto at_grant = price_call(t, c.number, start, g.seconds);
        CHECK(at_grant->total <= balance);
        CHECK(g.price == at_grant->total);
        if (g.limited_by == GrantLimit::cap) {
          ++capped;
          CHECK(g.seconds == cap);
          continue;
        }
        CHECK(price_call(t, c.number, start, g.seconds + 1)->total > balance);
        CHECK(price_call(t, c.number, start, g.seconds + first.increment_s)->total > balance);
      }
    }
  }
  std::cout << "checked " << checked_prices << " prices and " << checked_grants << " grants ("
            << capped << " capped, " << insufficient << " insufficient)" << std::endl;
}

#pragma once
/// @file call_summary_cases.h
/// @brief CallHistory::summary cases, templates over the store backend: random CDRs summed
/// per local hour and day (DST days, +05:45, Lord Howe's half hours) against a plain
/// recomputation, the defaults and the refusals.

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "billing/calls/call_history.h"
#include "card_service_cases.h"

namespace prepaid::billing::testing {

/// Random CDRs of two cards in three currencies between `from` and `to` (seconds), a tenth of
/// them on a quarter hour of UTC or the second before one; inserted and returned.
inline std::vector<Cdr> insert_random_cdrs(Store& store, std::mt19937_64& rng, std::int64_t from,
                                           std::int64_t to, int count, const std::string& tag) {
  static const std::vector<std::string> currencies{"EUR", "USD", "BGN"};
  std::vector<Cdr> out;
  auto tx = store.begin();
  std::vector<Card> cards;
  for (const char* n : {"800000000001", "800000000002"}) {
    auto c = tx->find_card(n, false);
    if (!c) {
      Card fresh = make_card(n, "1");
      tx->insert_card(fresh);
      c = fresh;
    }
    cards.push_back(*c);
  }
  const auto span = static_cast<std::uint64_t>(to - from);
  for (int i = 0; i < count; ++i) {
    std::int64_t when = from + static_cast<std::int64_t>(rng() % span);
    if (i % 10 == 0) when = when / 900 * 900 - (i % 20 == 0 ? 1 : 0);
    Cdr c = make_cdr(cards[rng() % 2], "nas9", tag + std::to_string(i), when,
                     rng() % 2 ? "4420123" : "359888");
    c.currency = currencies[rng() % currencies.size()];
    c.price = rating::Money::from_micros(static_cast<std::int64_t>(rng() % 3'000'000'000ULL));
    c.billed_s = static_cast<std::uint32_t>(rng() % 3600);
    REQUIRE(tx->insert_cdr(c));
    out.push_back(c);
  }
  tx->commit();
  return out;
}

/// The totals of `cdrs` per local (date, hour, offset) — or per local date — of `zone` within
/// [from, to), computed call by call with the zone's clock readings.
struct Recomputed {
  std::uint64_t calls = 0;
  std::uint64_t billed_s = 0;
  std::map<std::string, std::int64_t> micros;
};
using LocalKey = std::tuple<int, unsigned, unsigned, unsigned, std::int64_t>;

inline LocalKey local_key(const rating::LocalTime& l, PeriodKind by) {
  if (by == PeriodKind::day) return {l.year, l.month, l.day, 0u, 0};
  return {l.year, l.month, l.day, l.second_of_day / 3600, l.utc_offset.count()};
}

inline std::map<LocalKey, Recomputed> recompute(const std::vector<Cdr>& cdrs,
                                                const rating::TimeZone& zone, PeriodKind by,
                                                rating::Instant from, rating::Instant to) {
  std::map<LocalKey, Recomputed> out;
  for (const Cdr& c : cdrs) {
    if (c.call_at < from || c.call_at >= to) continue;
    Recomputed& r = out[local_key(zone.to_local(c.call_at), by)];
    ++r.calls;
    r.billed_s += c.billed_s;
    r.micros[c.currency] += c.price.micros();
  }
  return out;
}

/// Checks every period of `s` against the recomputation (and that no recomputed period is
/// missing from it), and the totals against all of them.
inline void check_against(const CallSummary& s, const std::map<LocalKey, Recomputed>& want) {
  std::size_t found = 0;
  Recomputed all;
  for (const auto& [key, r] : want) {
    all.calls += r.calls;
    all.billed_s += r.billed_s;
    for (const auto& [c, m] : r.micros) all.micros[c] += m;
  }
  auto same = [](const CallTotals& got, const Recomputed& r) {
    CHECK(got.calls == r.calls);
    CHECK(got.billed_s == r.billed_s);
    std::vector<Revenue> revenue;
    for (const auto& [c, m] : r.micros) revenue.push_back({c, rating::Money::from_micros(m)});
    CHECK(got.revenue == revenue);
  };
  for (const auto& p : s.periods) {
    auto it = want.find(local_key(p.period.local, s.by));
    CAPTURE(p.period.start.time_since_epoch().count());
    if (it == want.end()) {
      CHECK(p.totals == CallTotals{});
    } else {
      ++found;
      same(p.totals, it->second);
    }
  }
  CHECK(found == want.size());
  same(s.total, all);
}

TEST_CASE_TEMPLATE_DEFINE("calls summed per local hour and day equal a call-by-call count", B,
                          summary_periods) {
  // Proves CallHistory::summary per hour on DST days (23 and 25 hours), in a +05:45 zone and
  // in Lord Howe (half-hour DST), and per day over a month, equals a recomputation from each
  // random CDR's local clock reading, exactly, per currency.
  CallWorld<B> w;
  CallHistory history(w.backend.store, w.clock);
  const std::uint64_t seed = property_seed(20261208);
  MESSAGE("summary_periods: PREPAID_PROPERTY_SEED=" << seed);
  std::mt19937_64 rng(seed);
  struct Day {
    const char* zone;
    int y;
    unsigned m, d;
    std::size_t hours;
  };
  const std::vector<Day> days{{"Europe/Sofia", 2026, 3, 29, 23},
                              {"Europe/Sofia", 2026, 10, 25, 25},
                              {"Asia/Kathmandu", 2026, 3, 2, 24},
                              {"Australia/Lord_Howe", 2026, 4, 5, 25},
                              {"Australia/Lord_Howe", 2026, 10, 4, 24}};
  std::vector<Cdr> cdrs;
  for (const auto& day : days) {
    const auto zone = *rating::TimeZone::locate(day.zone);
    const auto from = *zone.from_local(day.y, day.m, day.d, 0);
    auto more = insert_random_cdrs(*w.backend.store, rng, from.time_since_epoch().count() - 7200,
                                   from.time_since_epoch().count() + 30 * 3600, 150,
                                   std::string(day.zone) + std::to_string(day.m));
    cdrs.insert(cdrs.end(), more.begin(), more.end());
  }
  for (const auto& day : days) {
    CAPTURE(day.zone);
    CAPTURE(day.m);
    const auto zone = *rating::TimeZone::locate(day.zone);
    CallQuery q;
    q.zone = day.zone;
    q.from = *zone.from_local(day.y, day.m, day.d, 0);
    q.to = *zone.from_local(day.y, day.m, day.d + 1, 0);
    auto s = history.summary(operator_actor(), q, PeriodKind::hour);
    REQUIRE_MESSAGE(s, s.problem().message);
    CHECK(s->zone == day.zone);
    CHECK(s->periods.size() == day.hours);
    CHECK(s->total.calls > 0);
    check_against(*s, recompute(cdrs, zone, PeriodKind::hour, *q.from, *q.to));

    // The same day by day: one period holding every call of the day.
    auto d = history.summary(operator_actor(), q, PeriodKind::day);
    REQUIRE(d);
    CHECK(d->periods.size() == 1);
    CHECK(d->total == s->total);
  }

  // A month by day, and one card's calls only.
  const auto sofia = *rating::TimeZone::locate("Europe/Sofia");
  CallQuery month;
  month.zone = "Europe/Sofia";
  month.from = *sofia.from_local(2026, 3, 1, 0);
  month.to = *sofia.from_local(2026, 4, 1, 0);
  auto m = history.summary(operator_actor(), month, PeriodKind::day);
  REQUIRE(m);
  CHECK(m->periods.size() == 31);
  check_against(*m, recompute(cdrs, sofia, PeriodKind::day, *month.from, *month.to));
  month.card_number = "800000000002";
  std::vector<Cdr> card_cdrs;
  for (const auto& c : cdrs)
    if (c.card_number == "800000000002") card_cdrs.push_back(c);
  auto one = history.summary(operator_actor(), month, PeriodKind::day);
  REQUIRE(one);
  check_against(*one, recompute(card_cdrs, sofia, PeriodKind::day, *month.from, *month.to));
  CHECK(one->total.calls < m->total.calls);
}

TEST_CASE_TEMPLATE_DEFINE("a summary's defaults, and what it refuses without changing anything", B,
                          summary_defaults) {
  // Proves "today" in the zone asked for (or the tariffs' zone), from alone running to the
  // end of today, and specific refusals (field named) for to without from, a range ending
  // before it starts, too many periods, an unknown zone or card; none changes the store.
  CallWorld<B> w;  // the retail tariff is in UTC; the clock reads 2026-03-02 12:00 UTC
  CallHistory history(w.backend.store, w.clock);
  std::mt19937_64 rng(7);
  const auto cdrs =
      insert_random_cdrs(*w.backend.store, rng, kT0 - 2 * 86400, kT0 + 86400, 120, "d");
  const auto kathmandu = *rating::TimeZone::locate("Asia/Kathmandu");
  CallQuery today;
  today.zone = "Asia/Kathmandu";
  auto s = history.summary(operator_actor(), today, PeriodKind::hour);
  REQUIRE_MESSAGE(s, s.problem().message);
  CHECK(s->from == *kathmandu.from_local(2026, 3, 2, 0));  // 17:45 on 1 March, UTC
  CHECK(s->to == *kathmandu.from_local(2026, 3, 3, 0));
  CHECK(s->periods.size() == 24);
  check_against(*s, recompute(cdrs, kathmandu, PeriodKind::hour, s->from, s->to));

  auto utc = history.summary(operator_actor(), CallQuery{}, PeriodKind::hour);
  REQUIRE(utc);
  CHECK(utc->zone == "UTC");  // the tariffs' zone
  CHECK(utc->from == at(kT0 - 12 * 3600));

  CallQuery from_only;
  from_only.zone = "UTC";
  from_only.from = at(kT0 - 2 * 86400 + 3600);
  auto running = history.summary(operator_actor(), from_only, PeriodKind::day);
  REQUIRE(running);
  CHECK(running->to == at(kT0 + 12 * 3600));
  CHECK(running->periods.size() == 3);
  CHECK(running->periods[0].period.start == *from_only.from);

  const std::string before = w.backend.store->state_fingerprint();
  auto refused = [&](const CallQuery& q, PeriodKind by, const char* field) {
    auto r = history.summary(operator_actor(), q, by);
    REQUIRE_FALSE(r);
    CHECK(r.problem().field == field);
    CHECK_FALSE(r.problem().message.empty());
    return r.problem();
  };
  CallQuery q;
  q.zone = "UTC";
  q.to = at(kT0);
  refused(q, PeriodKind::hour, "from");  // to without from
  q.from = at(kT0 + 60);
  refused(q, PeriodKind::hour, "to");  // ends before it starts
  q = CallQuery{};
  q.zone = "UTC";
  q.from = at(kT0 + 86400);
  refused(q, PeriodKind::hour, "from");  // after the end of today
  q.from = at(kT0 - 45 * 86400);
  q.to = at(kT0);
  CHECK(refused(q, PeriodKind::hour, "to").message.find("1000") != std::string::npos);
  CHECK(history.summary(operator_actor(), q, PeriodKind::day));  // 45 days by day is fine
  q.from = at(kT0 - 3 * 366 * 86400);
  refused(q, PeriodKind::day, "to");
  q = CallQuery{};
  q.zone = "Mars/Olympus";
  refused(q, PeriodKind::hour, "zone");
  q.zone = "UTC";
  q.card_number = "899";
  CHECK(refused(q, PeriodKind::hour, "card").code == ErrorCode::not_found);
  q.card_number = "12a";
  refused(q, PeriodKind::hour, "card");
  CHECK(w.backend.store->state_fingerprint() == before);
}

}  // namespace prepaid::billing::testing

// settle_together (several Stops in one transaction) on the private MariaDB, and GroupCommit,
// which groups the Stops of concurrent threads.
#include "billing/store/mysql/settle_batch.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "billing/store/mysql/group_commit.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/store_error.h"
#include "contract_fixtures.h"
#include "mysql/test_database.h"

namespace prepaid::billing::testing {
namespace {

struct World {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());

  // A card holding `amount`, with its batch_load ledger row.
  Card card(const char* number, const char* amount) {
    Card c = make_card(number, "1");
    c.balance = money(amount);
    insert_card_with_opening(*store, c);
    return c;
  }
  Reservation reservation(const Card& c, const char* session) {
    Reservation r = make_reservation(c.id, "192.0.2.1", session);
    auto tx = store->begin();
    tx->insert_reservation(r);
    tx->commit();
    return r;
  }
  Settlement stop(const Card& c, const char* session, const char* price,
                  std::optional<ReservationId> reservation, std::int64_t when) {
    Settlement s;
    s.cdr = make_cdr(c, "192.0.2.1", session);
    s.cdr.price = money(price);
    s.reservation = reservation;
    s.at = at(when);
    s.cdr.recorded_at = at(when);  // as CallService::rate_call: booked when it is recorded
    return s;
  }
  std::int64_t version(const Card& c) {
    auto st = store->read_card_for_call(c.number, SessionKey{"192.0.2.9", "v"}, at(kT0));
    REQUIRE(st);
    return st->card_version;
  }
  Card read(const Card& c) {
    auto tx = store->begin();
    auto found = tx->find_card(c.id, false);
    tx->commit();
    REQUIRE(found);
    return *found;
  }
};

}  // namespace

TEST_CASE("settle_together books several Stops in one transaction as settle_in books each") {
  // Proves the batch's decisions (settled / duplicate / missing, in order, balances carried
  // from one Stop to the next on the same card) and its writes (CDRs that are the ledger's
  // call charges, with their balance and no ledger row, card balances, reservations settled).
  World w;
  const Card a = w.card("910000000001", "10.00");
  const Card b = w.card("910000000002", "10.00");
  const Reservation ra1 = w.reservation(a, "a1");
  const Reservation ra2 = w.reservation(a, "a2");
  const Reservation rb1 = w.reservation(b, "b1");
  const Reservation rb2 = w.reservation(b, "b2");
  {
    auto tx = w.store->begin();
    tx->close_reservation(rb2.id, ReservationState::settled, at(kT0));
    tx->commit();
  }
  Card ghost = a;
  ghost.id = a.id + b.id + 1000;  // no such card

  std::vector<Settlement> stops{
      w.stop(a, "a1", "0.10", ra1.id, kT0 + 1),            // settled, 9.90
      w.stop(a, "a2", "0.25", ra2.id, kT0 + 2),            // settled, 9.65
      w.stop(b, "b1", "0", rb1.id, kT0 + 3),               // settled at no charge, 10.00
      w.stop(b, "b2", "0.30", rb2.id, kT0 + 4),            // duplicate: already settled
      w.stop(a, "x1", "0.40", rb1.id, kT0 + 5),            // missing: b's reservation
      w.stop(ghost, "g1", "0.50", std::nullopt, kT0 + 6),  // missing: no card
      w.stop(a, "a1-again", "0.60", ra1.id, kT0 + 7),      // duplicate: settled just above
      w.stop(a, "n1", "0.05", std::nullopt, kT0 + 8),      // settled without reservation, 9.60
  };
  std::vector<Settlement*> items;
  for (auto& s : stops) items.push_back(&s);
  const auto version_a = w.version(a), version_b = w.version(b);

  mysql::Connection conn(w.db.options(), true);
  const auto results = mysql::settle_together(conn, items);
  REQUIRE(results.size() == stops.size());
  using O = SettleOutcome;
  const std::vector<O> expected{O::settled, O::settled, O::settled,   O::duplicate,
                                O::missing, O::missing, O::duplicate, O::settled};
  for (std::size_t i = 0; i < stops.size(); ++i) {
    CAPTURE(i);
    CHECK(results[i].outcome == expected[i]);
  }
  CHECK(results[0].balance_after == money("9.90"));
  CHECK(results[1].balance_after == money("9.65"));
  CHECK(results[2].balance_after == money("10.00"));
  CHECK(results[7].balance_after == money("9.60"));

  CHECK(w.read(a).balance == money("9.60"));
  CHECK(w.version(a) == version_a + 1);
  CHECK(w.read(b).balance == money("10.00"));
  CHECK(w.version(b) == version_b);  // nothing charged: the card row is not written

  auto tx = w.store->begin();
  std::set<CdrId> ids;
  for (std::size_t i : {0u, 1u, 2u, 7u}) {
    CAPTURE(i);
    CHECK(stops[i].cdr.id == results[i].cdr);
    ids.insert(results[i].cdr);
    const auto cdr = tx->find_cdr(stops[i].cdr.key);
    REQUIRE(cdr);
    CHECK(cdr->id == results[i].cdr);
    CHECK(cdr->price == stops[i].cdr.price);
  }
  CHECK(ids.size() == 4);
  for (std::size_t i : {3u, 4u, 5u, 6u}) CHECK_FALSE(tx->find_cdr(stops[i].cdr.key));

  const auto ledger = tx->list_ledger(a.id, Page{});
  std::vector<LedgerEntry> charges;
  for (const auto& e : ledger) {
    if (e.kind == LedgerKind::call_charge) charges.push_back(e);
  }
  REQUIRE(charges.size() == 3);
  std::sort(charges.begin(), charges.end(),
            [](const LedgerEntry& x, const LedgerEntry& y) { return x.id < y.id; });
  CHECK(charges[0].amount == -money("0.10"));
  CHECK(charges[0].balance_after == money("9.90"));
  CHECK(charges[0].reference == "cdr:" + std::to_string(results[0].cdr));
  CHECK(charges[0].at == at(kT0 + 1));
  CHECK(charges[1].balance_after == money("9.65"));
  CHECK(charges[2].amount == -money("0.05"));
  CHECK(charges[2].balance_after == money("9.60"));
  CHECK(charges[2].actor == "radius");
  CHECK(charges[2].reason == "call to 004420123");
  for (const auto& e : tx->list_ledger(b.id, Page{})) CHECK(e.kind != LedgerKind::call_charge);
  CHECK(tx->ledger_mismatches().empty());
  // The CDRs are the ledger rows: they carry the balance they left, and no ledger row is
  // written for a call (schema 8).
  CHECK(tx->find_cdr(stops[0].cdr.key)->balance_after == money("9.90"));
  CHECK(tx->find_cdr(stops[2].cdr.key)->balance_after == money("10.00"));
  CHECK(tx->find_cdr(stops[7].cdr.key)->balance_after == money("9.60"));
  {
    std::unique_ptr<sql::ResultSet> rs(
        conn.prepare_once("SELECT COUNT(*) FROM ledger WHERE kind = 'call_charge'")
            ->executeQuery());
    REQUIRE(rs->next());
    CHECK(rs->getInt64(1) == 0);
  }

  CHECK(tx->find_reservation(ra1.id)->state == ReservationState::settled);
  CHECK(tx->find_reservation(ra1.id)->closed_at == at(kT0 + 1));
  CHECK(tx->find_reservation(ra2.id)->state == ReservationState::settled);
  CHECK(tx->find_reservation(rb1.id)->state == ReservationState::settled);
  CHECK(tx->find_reservation(rb1.id)->closed_at == at(kT0 + 3));
  CHECK(tx->find_reservation(rb2.id)->closed_at == at(kT0));  // untouched
  tx->commit();
}

TEST_CASE("settle_together books a group of free calls: no balance or ledger change") {
  // Proves the batch without any charge (no balance to update: the update's list holds only
  // the id 0, which no card has): CDRs written (with the unchanged balance), reservations
  // settled and committed, balance, version and ledger untouched.
  World w;
  const Card a = w.card("910000000004", "10.00");
  const Reservation r1 = w.reservation(a, "f1");
  const Reservation r2 = w.reservation(a, "f2");
  std::vector<Settlement> stops{w.stop(a, "f1", "0", r1.id, kT0 + 1),
                                w.stop(a, "f2", "0", r2.id, kT0 + 2)};
  std::vector<Settlement*> items{&stops[0], &stops[1]};
  const auto version_a = w.version(a);
  {
    mysql::Connection conn(w.db.options(), true);
    const auto results = mysql::settle_together(conn, items);
    REQUIRE(results.size() == 2);
    for (const auto& result : results) CHECK(result.outcome == SettleOutcome::settled);
  }  // the connection is closed: what follows is what was committed
  CHECK(w.read(a).balance == money("10.00"));
  CHECK(w.version(a) == version_a);
  auto tx = w.store->begin();
  for (const auto& s : stops) CHECK(tx->find_cdr(s.cdr.key)->balance_after == money("10.00"));
  for (const auto& e : tx->list_ledger(a.id, Page{})) CHECK(e.kind != LedgerKind::call_charge);
  CHECK(tx->find_reservation(r1.id)->state == ReservationState::settled);
  CHECK(tx->find_reservation(r2.id)->closed_at == at(kT0 + 2));
  tx->commit();
}

TEST_CASE("settle_together books a group without reservations, a card charged twice") {
  // Proves the bound lists' padding: no reservation id at all (the lists hold only the id 0,
  // which no row has) and three balances padded to four (the last card's pair repeated), one
  // card charged twice.
  World w;
  const Card a = w.card("910000000005", "10.00");
  const Card b = w.card("910000000006", "5.00");
  const Card c = w.card("910000000007", "1.00");
  const Reservation untouched = w.reservation(a, "u1");
  std::vector<Settlement> stops{w.stop(a, "n1", "0.10", std::nullopt, kT0 + 1),
                                w.stop(b, "n2", "0.20", std::nullopt, kT0 + 2),
                                w.stop(a, "n3", "0.30", std::nullopt, kT0 + 3),
                                w.stop(c, "n4", "0.40", std::nullopt, kT0 + 4)};
  std::vector<Settlement*> items{&stops[0], &stops[1], &stops[2], &stops[3]};
  const auto version_a = w.version(a), version_b = w.version(b), version_c = w.version(c);
  {
    mysql::Connection conn(w.db.options(), true);
    const auto results = mysql::settle_together(conn, items);
    REQUIRE(results.size() == 4);
    for (const auto& result : results) CHECK(result.outcome == SettleOutcome::settled);
    CHECK(results[2].balance_after == money("9.60"));
  }
  CHECK(w.read(a).balance == money("9.60"));
  CHECK(w.read(b).balance == money("4.80"));
  CHECK(w.read(c).balance == money("0.60"));
  CHECK(w.version(a) == version_a + 1);
  CHECK(w.version(b) == version_b + 1);
  CHECK(w.version(c) == version_c + 1);
  auto tx = w.store->begin();
  for (const auto& s : stops) CHECK(tx->find_cdr(s.cdr.key));
  CHECK(tx->find_reservation(untouched.id)->state == ReservationState::reserved);
  CHECK_FALSE(tx->find_reservation(untouched.id)->closed_at);
  CHECK(tx->ledger_mismatches().empty());
  tx->commit();
}

TEST_CASE("settle_together refuses a group whose CDR key was already charged, writing nothing") {
  // Proves the caller's fallback is safe: the duplicate key throws and, rolled back, the
  // other Stop of the group has left no trace.
  World w;
  const Card a = w.card("910000000003", "10.00");
  const Reservation r = w.reservation(a, "r1");
  Settlement charged = w.stop(a, "old", "0.20", std::nullopt, kT0);
  {
    auto tx = w.store->begin();
    REQUIRE(tx->insert_cdr(charged.cdr));
    tx->commit();
  }
  std::vector<Settlement> stops{w.stop(a, "r1", "0.10", r.id, kT0 + 1),
                                w.stop(a, "old", "0.20", std::nullopt, kT0 + 2)};
  std::vector<Settlement*> items{&stops[0], &stops[1]};
  mysql::Connection conn(w.db.options(), true);
  CHECK_THROWS_AS(mysql::settle_together(conn, items), StoreError);
  conn.rollback();
  CHECK(stops[0].cdr.id == 0);
  CHECK(w.read(a).balance == money("10.00"));
  auto tx = w.store->begin();
  CHECK_FALSE(tx->find_cdr(stops[0].cdr.key));
  CHECK(tx->find_reservation(r.id)->state == ReservationState::reserved);
  tx->commit();

  // Through the store, the same Stops get their own answers (the fallback, one by one).
  CHECK(w.store->settle(stops[0]).outcome == SettleOutcome::settled);
  CHECK(w.store->settle(stops[1]).outcome == SettleOutcome::duplicate);
  CHECK(w.read(a).balance == money("9.90"));
}

TEST_CASE("settle_rated_together rates each Stop on its reservation read under the lock") {
  // Proves the one-wait Stop (Store::rate_and_settle on MySQL): the rater sees each key's
  // reservation as read after its card's lock; booked Stops carry their card's balance from one
  // to the next; a settled reservation (before, or earlier in the group) is a duplicate; a key
  // without reservation and a rater that answers elsewhere get no answer and write nothing.
  World w;
  const Card a = w.card("910000000011", "10.00");
  const Card b = w.card("910000000012", "10.00");
  const Reservation ra1 = w.reservation(a, "ra1");
  const Reservation ra2 = w.reservation(a, "ra2");
  const Reservation ra3 = w.reservation(a, "ra3");
  const Reservation rb1 = w.reservation(b, "rb1");
  const Reservation rb2 = w.reservation(b, "rb2");
  {
    auto tx = w.store->begin();
    tx->close_reservation(rb2.id, ReservationState::settled, at(kT0));
    tx->commit();
  }
  const std::map<std::string, const char*> price{
      {"ra1", "0.10"}, {"ra2", "0.25"}, {"rb1", "0"}, {"ra3", "0.40"}};
  std::vector<std::string> seen;  // the sessions the rater was asked about, in order
  const StopRater rate = [&](const Reservation& r, Settlement& s) {
    seen.push_back(r.key.session_id);
    if (r.key.session_id == "ra3") return StopVerdict::elsewhere;  // e.g. above its amount
    const Card& c = r.card_id == a.id ? a : b;
    s = w.stop(c, r.key.session_id.c_str(), price.at(r.key.session_id), std::nullopt,
               kT0 + 10 + static_cast<std::int64_t>(seen.size()));
    return StopVerdict::book;
  };
  const std::vector<std::string> sessions{"ra1", "ra2", "rb1", "rb2", "none", "ra1", "ra3"};
  std::vector<SessionKey> keys;
  for (const auto& session : sessions) keys.push_back(SessionKey{"192.0.2.1", session});
  std::vector<Settlement> settlements(sessions.size());
  std::vector<mysql::RatedStop> stops(sessions.size());
  std::vector<mysql::RatedStop*> items;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    stops[i].key = &keys[i];
    stops[i].rate = &rate;
    stops[i].settlement = &settlements[i];
    items.push_back(&stops[i]);
  }
  {
    mysql::Connection conn(w.db.options(), true);
    mysql::settle_rated_together(conn, items);
  }  // closed: what follows was committed
  CHECK(seen == std::vector<std::string>{"ra1", "ra2", "rb1", "ra3"});
  using O = SettleOutcome;
  REQUIRE(stops[0].result);
  CHECK(stops[0].result->outcome == O::settled);
  CHECK(stops[0].result->balance_after == money("9.90"));
  REQUIRE(stops[1].result);
  CHECK(stops[1].result->balance_after == money("9.65"));
  REQUIRE(stops[2].result);
  CHECK(stops[2].result->outcome == O::settled);
  CHECK(stops[2].result->balance_after == money("10.00"));
  REQUIRE(stops[3].result);
  CHECK(stops[3].result->outcome == O::duplicate);  // settled before
  CHECK_FALSE(stops[4].result);                     // no reservation
  REQUIRE(stops[5].result);
  CHECK(stops[5].result->outcome == O::duplicate);  // settled earlier in the group
  CHECK_FALSE(stops[6].result);                     // rated elsewhere

  CHECK(w.read(a).balance == money("9.65"));
  CHECK(w.read(b).balance == money("10.00"));
  auto tx = w.store->begin();
  for (std::size_t i : {0u, 1u, 2u}) {
    CAPTURE(i);
    const auto cdr = tx->find_cdr(keys[i]);
    REQUIRE(cdr);
    CHECK(cdr->id == stops[i].result->cdr);
    CHECK(cdr->id == settlements[i].cdr.id);
    CHECK(cdr->balance_after == stops[i].result->balance_after);
  }
  CHECK(settlements[0].reservation == ra1.id);
  CHECK_FALSE(tx->find_cdr(keys[3]));
  CHECK_FALSE(tx->find_cdr(keys[6]));
  CHECK(tx->find_reservation(ra1.id)->state == ReservationState::settled);
  CHECK(tx->find_reservation(rb1.id)->state == ReservationState::settled);
  CHECK(tx->find_reservation(ra3.id)->state == ReservationState::reserved);  // untouched
  CHECK(tx->ledger_mismatches().empty());
  tx->commit();
}

TEST_CASE("MySqlStore::settle from concurrent threads books every Stop exactly once") {
  // Proves the grouped path end to end: 48 threads, 6 cards, each Stop settled once, balances
  // equal to the opening balance minus the charges, the ledger consistent.
  World w;
  std::vector<Card> cards;
  for (int i = 0; i < 6; ++i)
    cards.push_back(w.card(("91100000000" + std::to_string(i)).c_str(), "10.00"));
  std::vector<Reservation> reservations;
  for (int i = 0; i < 48; ++i)
    reservations.push_back(w.reservation(cards[i % 6], ("c" + std::to_string(i)).c_str()));
  std::atomic<int> settled{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 48; ++i) {
    threads.emplace_back([&, i] {
      Settlement s = w.stop(cards[i % 6], ("c" + std::to_string(i)).c_str(), "0.07",
                            reservations[i].id, kT0 + i);
      const auto first = w.store->settle(s);
      const auto again = w.store->settle(s);  // a retransmitted Stop
      (first.outcome == SettleOutcome::settled ? settled : other)++;
      if (again.outcome != SettleOutcome::duplicate) other++;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(settled == 48);
  CHECK(other == 0);
  for (const auto& c : cards) CHECK(w.read(c).balance == money("9.44"));  // 10 - 8 × 0.07
  auto tx = w.store->begin();
  CHECK(tx->ledger_mismatches().empty());
  tx->commit();
}

TEST_CASE("MySqlStore::rate_and_settle from two nodes' lanes books every Stop exactly once") {
  // Proves the Stop lanes (a Stop goes to the lane of its session key, the lanes run at once
  // and may lock the same card): 48 calls on 6 cards, 64 threads, each Stop sent at the same
  // time by both nodes (two stores: their own lanes and connections). Each call is charged
  // once, each card's balance is its opening less its CDRs, the ledger agrees.
  World w;
  auto other_node = std::make_shared<mysql::MySqlStore>(w.db.options());
  std::vector<Card> cards;
  for (int i = 0; i < 6; ++i)
    cards.push_back(w.card(("91200000000" + std::to_string(i)).c_str(), "10.00"));
  constexpr int kCalls = 48;
  std::vector<SessionKey> keys;
  for (int i = 0; i < kCalls; ++i) {
    const std::string session = "lane" + std::to_string(i);
    w.reservation(cards[i % 6], session.c_str());
    keys.push_back(SessionKey{"192.0.2.1", session});
  }
  const StopRater rate = [&](const Reservation& r, Settlement& s) {
    const Card& c =
        *std::find_if(cards.begin(), cards.end(), [&](const Card& k) { return k.id == r.card_id; });
    s = w.stop(c, r.key.session_id.c_str(), "0.07", std::nullopt, kT0 + 10);
    return StopVerdict::book;
  };
  std::atomic<int> settled{0}, duplicate{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 64; ++t) {
    threads.emplace_back([&, t] {
      mysql::MySqlStore& node = t % 2 ? *other_node : *w.store;
      for (int i = t / 2; i < kCalls; i += 32) {
        Settlement s;
        const auto answer = node.rate_and_settle(keys[i], at(kT0 + 10), rate, s);
        if (!answer) {
          other++;
        } else if (answer->outcome == SettleOutcome::settled) {
          settled++;
        } else if (answer->outcome == SettleOutcome::duplicate) {
          duplicate++;
        } else {
          other++;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(settled == kCalls);
  CHECK(duplicate == kCalls);  // each Stop's second copy, whichever node sent it first
  CHECK(other == 0);
  for (const auto& c : cards) CHECK(w.read(c).balance == money("9.44"));  // 10 - 8 × 0.07
  auto tx = w.store->begin();
  for (const auto& k : keys) CHECK(tx->find_cdr(k));
  CHECK(tx->ledger_mismatches().empty());
  tx->commit();
}

TEST_CASE("GroupCommit groups the jobs that wait while a group runs") {
  // Proves jobs are run once each, that concurrent submitters share groups, and that an
  // error reaches exactly the jobs of the group that raised it.
  struct Job : mysql::GroupJob {
    int value = 0;
    int runs = 0;
  };
  mysql::GroupCommit<Job> groups(16);
  std::vector<Job> jobs(40);
  for (int i = 0; i < 40; ++i) jobs[i].value = i;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&, i] {
      try {
        groups.submit(jobs[i], [](std::vector<Job*>& group) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          for (Job* j : group) ++j->runs;
          for (Job* j : group) {
            if (j->value == 13) throw std::runtime_error("thirteen");
          }
        });
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& j : jobs) CHECK(j.runs == 1);
  CHECK(groups.groups_run() < 40);    // 40 jobs, 20 ms per group: they had to share
  CHECK(groups.most_running() == 1);  // one group at a time unless asked for more
  CHECK(failures >= 1);
  CHECK(failures <= 16);
  CHECK(jobs[13].error);
}

TEST_CASE("GroupCommit starts a second group only once enough jobs wait") {
  // max_running 2, min_overlap 3: while the first group runs, two waiting jobs do not start a
  // group; a third does, in the other slot, with all three.
  struct Job : mysql::GroupJob {};
  mysql::GroupCommit<Job> groups(64, 2, 3);
  std::mutex m;
  std::condition_variable cv;
  bool release_first = false;
  std::vector<std::pair<std::size_t, std::size_t>> started;  // (group size, slot)
  auto run = [&](std::vector<Job*>& group, std::size_t slot) {
    std::unique_lock lock(m);
    const bool first = started.empty();
    started.emplace_back(group.size(), slot);
    cv.notify_all();
    if (first) cv.wait(lock, [&] { return release_first; });
  };
  auto wait_started = [&](std::size_t n) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, std::chrono::seconds(30), [&] { return started.size() >= n; });
  };
  std::vector<Job> jobs(4);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { groups.submit(jobs[0], run); });
  REQUIRE(wait_started(1));
  threads.emplace_back([&] { groups.submit(jobs[1], run); });
  threads.emplace_back([&] { groups.submit(jobs[2], run); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  {
    std::lock_guard lock(m);
    CHECK(started.size() == 1);  // two waiting jobs: no second group
  }
  threads.emplace_back([&] { groups.submit(jobs[3], run); });
  REQUIRE(wait_started(2));  // the third waiting job starts one, the first still running
  {
    std::lock_guard lock(m);
    CHECK(started[0] == std::make_pair(std::size_t{1}, std::size_t{0}));
    CHECK(started[1] == std::make_pair(std::size_t{3}, std::size_t{1}));
    release_first = true;
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
  CHECK(groups.groups_run() == 2);
  CHECK(groups.most_running() == 2);
}

TEST_CASE("GroupCommit with two groups at once runs every job once, one group per slot") {
  struct Job : mysql::GroupJob {
    int runs = 0;
  };
  mysql::GroupCommit<Job> groups(8, 2, 4);
  std::vector<Job> jobs(300);
  std::array<std::atomic<int>, 2> in_slot{};
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::atomic<int> clashes{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 30; ++t) {
    threads.emplace_back([&, t] {
      for (int k = t; k < 300; k += 30) {
        groups.submit(jobs[k], [&](std::vector<Job*>& group, std::size_t slot) {
          if (slot >= in_slot.size() || in_slot[slot]++ != 0) ++clashes;
          const int now = ++running;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          for (Job* j : group) ++j->runs;
          --running;
          if (slot < in_slot.size()) --in_slot[slot];
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& j : jobs) CHECK(j.runs == 1);
  CHECK(clashes == 0);
  CHECK(most <= 2);
  CHECK(groups.most_running() <= 2);
  CHECK(groups.groups_run() < 300);
}

}  // namespace prepaid::billing::testing

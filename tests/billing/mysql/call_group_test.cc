// The authorization and Stop steps of several calls at once (call_group.h) on the private
// MariaDB: each request gets what it would have got alone, and MySqlStore's grouped path,
// driven by concurrent threads, never reserves more than a card holds.
#include "billing/store/mysql/call_group.h"

#include <cppconn/prepared_statement.h>
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/row_mapper.h"
#include "billing/store/mysql/statements.h"
#include "billing/store/store_error.h"
#include "billing/operators/token_digest.h"
#include "call_world.h"
#include "contract_fixtures.h"
#include "mysql/index_reads.h"
#include "mysql/test_database.h"

namespace prepaid::billing::testing {
namespace {

const SessionKey kNoKey{"192.0.2.9", "none"};

struct World {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());

  World() { add_retail_tariff(*store); }

  Card card(const std::string& number, const char* balance, std::uint32_t max_concurrent) {
    Card c = make_card(number, "1");
    c.balance = money(balance);
    c.max_concurrent = max_concurrent;
    insert_card_with_opening(*store, c);
    return c;
  }
  // A reservation already in the database (state reserved) of `amount`, open until `expires`.
  Reservation held(const Card& c, const std::string& session, const char* amount,
                   std::int64_t expires) {
    Reservation r = make_reservation(c.id, "192.0.2.1", session, amount, expires);
    r.tariff_version = tariff_version();
    auto tx = store->begin();
    tx->insert_reservation(r);
    tx->commit();
    return r;
  }
  std::int64_t tariff_version() {
    auto tx = store->begin();
    auto t = tx->find_tariff("retail");
    tx->commit();
    REQUIRE(t);
    return t->version;
  }
  CardState alone(const Card& c, const SessionKey& key = kNoKey, std::int64_t when = kT0) {
    auto st = store->read_card_for_call(c.number, key, at(when));
    REQUIRE(st);
    return *st;
  }
  // A reservation decided on `st` (what CallService::decide_grant fills), not yet stored.
  Reservation decided(const Card& c, const std::string& session, const char* amount) {
    Reservation r = make_reservation(c.id, "192.0.2.1", session, amount, kT0 + 600);
    r.tariff_version = tariff_version();
    r.created_at = at(kT0);
    return r;
  }
  std::size_t open_reservations(const Card& c) { return alone(c).open_calls; }
};

void check_same(const CardState& a, const CardState& b) {
  CHECK(a.card.id == b.card.id);
  CHECK(a.card.number == b.card.number);
  CHECK(a.card.pin == b.card.pin);
  CHECK(a.card.balance == b.card.balance);
  CHECK(a.card.max_concurrent == b.card.max_concurrent);
  CHECK(a.reserved == b.reserved);
  CHECK(a.open_calls == b.open_calls);
  CHECK(a.tariff_version == b.tariff_version);
  CHECK(a.card_version == b.card_version);
  CHECK(a.existing == b.existing);
  CHECK(a.existing_state == b.existing_state);
}

}  // namespace

TEST_CASE("read_for_calls reads for each request what card.for_call_by_number reads alone") {
  // Five requests (not a prepared size: the statement is padded), each with its own number,
  // instant and session key: an expired reservation is not counted at a later instant, a
  // request whose session already has a reservation sees it, an unknown number gets nothing,
  // and the same card asked twice gets two answers.
  World w;
  const Card a = w.card("920000000001", "10.00", 4);
  const Card b = w.card("920000000002", "5.00", 1);
  const Reservation held = w.held(a, "a-held", "1.50", kT0 + 100);
  w.held(a, "a-other", "0.25", kT0 + 1000);

  const SessionKey held_key = held.key;
  const SessionKey k1{"192.0.2.1", "new-1"}, k2{"192.0.2.1", "new-2"}, k3{"192.0.2.1", "new-3"};
  std::vector<mysql::CallRead> reads(5);
  reads[0] = {a.number, &k1, at(kT0), {}};
  reads[1] = {a.number, &held_key, at(kT0 + 200), {}};  // a-held has expired by then
  reads[2] = {"920000000999", &k2, at(kT0), {}};
  reads[3] = {b.number, &k3, at(kT0), {}};
  reads[4] = {a.number, &k1, at(kT0), {}};
  std::vector<mysql::CallRead*> items;
  for (auto& r : reads) items.push_back(&r);

  mysql::Connection conn(w.db.options(), true);
  mysql::read_for_calls(conn, items);

  REQUIRE(reads[0].result);
  check_same(*reads[0].result, w.alone(a, k1, kT0));
  CHECK(reads[0].result->reserved == money("1.75"));
  CHECK(reads[0].result->open_calls == 2);
  REQUIRE(reads[1].result);
  check_same(*reads[1].result, w.alone(a, held_key, kT0 + 200));
  CHECK(reads[1].result->reserved == money("0.25"));
  CHECK(reads[1].result->existing == held.id);
  CHECK_FALSE(reads[2].result);
  REQUIRE(reads[3].result);
  check_same(*reads[3].result, w.alone(b, k3, kT0));
  REQUIRE(reads[4].result);
  check_same(*reads[4].result, *reads[0].result);
}

TEST_CASE("a request whose number or session key is not printable ASCII is not read in a group") {
  // Such a request is read alone (MySqlStore::read_card_for_call checks groupable()); given to
  // read_for_calls anyway, it fails the group instead of being read as another key.
  World w;
  const Card a = w.card("920000000005", "1.00", 1);
  const SessionKey plain{"192.0.2.1", "abc"}, odd{"192.0.2.1", "ab\xc3\xa9"},
      quoted{"192.0.2.1", "a\"b\\c"};
  mysql::CallRead r1{a.number, &plain, at(kT0), {}}, r2{a.number, &odd, at(kT0), {}},
      r3{a.number, &quoted, at(kT0), {}};
  CHECK(mysql::groupable(r1));
  CHECK_FALSE(mysql::groupable(r2));
  CHECK(mysql::groupable(r3));
  const SessionKey longest{std::string(64, 'n'), std::string(128, 's')},
      too_long{"192.0.2.1", std::string(129, 's')};
  const std::string longest_number(32, '9'), long_number(33, '9');
  CHECK(mysql::groupable(mysql::CallRead{longest_number, &longest, at(kT0), {}}));
  CHECK_FALSE(mysql::groupable(mysql::CallRead{a.number, &too_long, at(kT0), {}}));
  CHECK_FALSE(mysql::groupable(mysql::CallRead{long_number, &plain, at(kT0), {}}));
  mysql::Connection conn(w.db.options(), true);
  std::vector<mysql::CallRead*> bad{&r1, &r2};
  CHECK_THROWS_AS(mysql::read_for_calls(conn, bad), StoreError);
  std::vector<mysql::CallRead*> good{&r1, &r3};  // JSON escapes: read as themselves
  mysql::read_for_calls(conn, good);
  REQUIRE(r3.result);
  check_same(*r3.result, w.alone(a, quoted));
  // Alone, the store refuses it as it always did (CallService never asks with such a key).
  CHECK_THROWS_AS(w.store->read_card_for_call(a.number, odd, at(kT0)), StoreError);
}

TEST_CASE("reserve_together decides each item as reserve_in would, in order") {
  // Proves the checks made under the lock, one item after the other on the same card: the
  // card's version, the tariff's version, the concurrent-call limit and the free balance,
  // each counting the items accepted before it; accepted items are stored with their ids.
  World w;
  const Card a = w.card("920000000011", "1.00", 3);  // 1.00, at most 3 calls
  const Card b = w.card("920000000012", "1.00", 5);
  const Card c = w.card("920000000013", "1.00", 5);
  w.held(a, "a-held", "0.20", kT0 + 1000);  // a: 0.80 free, 2 more calls
  w.held(b, "b-gone", "0.90", kT0 - 1);     // expired: b keeps its 1.00
  const CardState sa = w.alone(a), sb = w.alone(b), sc = w.alone(c);

  std::vector<Reservation> rs{
      w.decided(a, "a1", "0.50"),  // reserved (0.30 left, 1 more call)
      w.decided(a, "a2", "0.40"),  // changed: 0.30 free
      w.decided(a, "a3", "0.30"),  // reserved: the last 0.30 and the third call
      w.decided(a, "a4", "0.00"),  // changed: three calls open
      w.decided(b, "b1", "1.00"),  // reserved: the expired reservation does not count
      w.decided(c, "c1", "0.10"),  // changed: decided on an older version of c
      w.decided(c, "c2", "0.10"),  // changed: decided on another tariff version
  };
  rs[6].tariff_version += 1;
  std::vector<mysql::CallReserve> items(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const CardState& st = rs[i].card_id == a.id ? sa : rs[i].card_id == b.id ? sb : sc;
    items[i].reservation = &rs[i];
    items[i].basis = GrantBasis{st.card_version, at(kT0)};
    items[i].snapshot_stored = false;
    rs[i].snapshot_sha256 = sha256_hex(rs[i].tariff_snapshot);
  }
  items[5].basis.card_version -= 1;
  std::vector<mysql::CallReserve*> ptrs;
  for (auto& item : items) ptrs.push_back(&item);

  mysql::Connection conn(w.db.options(), true);
  mysql::reserve_together(conn, ptrs);

  using O = ReserveOutcome;
  const std::vector<O> expected{O::reserved, O::changed, O::reserved, O::changed,
                                O::reserved, O::changed, O::changed};
  std::set<ReservationId> ids;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    CAPTURE(i);
    CHECK(items[i].outcome == expected[i]);
    if (expected[i] != O::reserved) {
      CHECK_FALSE(w.store->read_reservation(rs[i].key));
      continue;
    }
    const auto stored = w.store->read_reservation(rs[i].key);
    REQUIRE(stored);
    CHECK(stored->id == rs[i].id);
    CHECK(stored->amount == rs[i].amount);
    CHECK(stored->tariff_snapshot == rs[i].tariff_snapshot);
    ids.insert(rs[i].id);
  }
  CHECK(ids.size() == 3);
  const CardState after = w.alone(a);
  CHECK(after.reserved == money("1.00"));
  CHECK(after.open_calls == 3);
  CHECK(after.card_version == sa.card_version);  // a reservation does not write the card
  CHECK(w.alone(b).reserved == money("1.00"));
  CHECK(w.alone(c).open_calls == 0);
}

TEST_CASE("reserve_together refuses a group with a session key already taken, writing nothing") {
  // The caller then reserves each alone (MySqlStore::reserve), which says which one it was.
  World w;
  const Card a = w.card("920000000021", "5.00", 5);
  const Reservation taken = w.held(a, "taken", "0.10", kT0 + 1000);
  const CardState st = w.alone(a);
  std::vector<Reservation> rs{w.decided(a, "fresh", "0.10"), w.decided(a, "taken", "0.10")};
  std::vector<mysql::CallReserve> items(2);
  std::vector<mysql::CallReserve*> ptrs;
  for (std::size_t i = 0; i < 2; ++i) {
    rs[i].snapshot_sha256 = sha256_hex(rs[i].tariff_snapshot);
    items[i] = {&rs[i], GrantBasis{st.card_version, at(kT0)}, true, ReserveOutcome::changed};
    ptrs.push_back(&items[i]);
  }
  mysql::Connection conn(w.db.options(), true);
  CHECK_THROWS_AS(mysql::reserve_together(conn, ptrs), StoreDuplicate);
  conn.rollback();
  CHECK_FALSE(w.store->read_reservation(rs[0].key));
  CHECK(w.store->read_reservation(taken.key)->id == taken.id);
  CHECK(w.alone(a).open_calls == 1);

  CHECK(w.store->reserve(rs[0], GrantBasis{st.card_version, at(kT0)}) == ReserveOutcome::reserved);
  CHECK(w.store->reserve(rs[1], GrantBasis{st.card_version, at(kT0)}) == ReserveOutcome::duplicate);
}

TEST_CASE("decide_together hands each decider its locked card with the group's reservations") {
  // Proves the group's decisions are the ones each would make alone one after the other: each
  // decider sees its card as read under the lock plus what the deciders before it in the
  // group reserved on that card; only `reserve` answers are stored (with their ids); a card
  // that does not exist is reported, not decided. Twice: cards locked by number (ids not
  // known yet), then by the ids the first round remembered.
  World w;
  mysql::CardIdCache ids;
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    const std::string n = "92000000004" + std::to_string(round);
    const Card a = w.card(n + "1", "1.00", 5);
    const Card b = w.card(n + "2", "1.00", 5);
    w.held(a, n + "a-held", "0.10", kT0 + 1000);  // a: 0.90 free, 1 call open
    if (round == 1) {
      ids.remember(a.number, a.id);
      ids.remember(b.number, b.id);
    }

    struct Seen {
      rating::Money reserved;
      std::uint32_t open = 0;
      bool called = false;
    };
    const std::vector<std::string> numbers{a.number, a.number, a.number,
                                           b.number, n + "9",  a.number};
    const std::vector<std::string> sessions{"a1", "a2", "a3", "b1", "none", "a4"};
    std::vector<Seen> seen(numbers.size());
    std::vector<CallDecider> deciders;
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      deciders.push_back([&, k](const CardState& st, Reservation& r) {
        seen[k] = Seen{st.reserved, st.open_calls, true};
        if (sessions[k] == "b1") return LockedVerdict::elsewhere;
        if (sessions[k] == "a4") return LockedVerdict::refuse;
        const rating::Money free = st.card.balance + st.card.credit_limit - st.reserved;
        if (free < money("0.40")) return LockedVerdict::refuse;
        r = w.decided(st.card.id == a.id ? a : b, n + sessions[k], "0.40");
        return LockedVerdict::reserve;
      });
    }
    std::vector<SessionKey> keys;
    for (const auto& session : sessions) keys.push_back(SessionKey{"192.0.2.1", n + session});
    std::vector<Reservation> rs(numbers.size());
    std::vector<mysql::CallDecide> items(numbers.size());
    std::vector<mysql::CallDecide*> ptrs;
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      items[k] = mysql::CallDecide{numbers[k], &keys[k], at(kT0), &deciders[k], &rs[k]};
      ptrs.push_back(&items[k]);
    }
    mysql::Connection conn(w.db.options(), true);
    mysql::decide_together(
        conn, ptrs, [](const std::string&) { return false; }, ids);

    using V = LockedVerdict;
    const std::vector<V> verdicts{V::reserve,   V::reserve, V::refuse,
                                  V::elsewhere, V::refuse,  V::refuse};
    const std::vector<const char*> reserved_seen{"0.10", "0.50", "0.90", "0", "0", "0.90"};
    const std::vector<std::uint32_t> open_seen{1, 2, 3, 0, 0, 3};
    for (std::size_t k = 0; k < numbers.size(); ++k) {
      CAPTURE(k);
      CHECK(items[k].found == (k != 4));
      CHECK(seen[k].called == (k != 4));
      if (k == 4) continue;
      CHECK(items[k].verdict == verdicts[k]);
      CHECK(seen[k].reserved == money(reserved_seen[k]));
      CHECK(seen[k].open == open_seen[k]);
      const auto stored = w.store->read_reservation(keys[k]);
      CHECK(stored.has_value() == (verdicts[k] == V::reserve));
      if (stored) CHECK(stored->id == rs[k].id);
    }
    CHECK(w.alone(a).reserved == money("0.90"));
    CHECK(w.alone(a).open_calls == 3);
    CHECK(w.alone(b).open_calls == 0);
    CHECK(ids.find(a.number) == a.id);
    CHECK(ids.find(b.number) == b.id);
    CHECK_FALSE(ids.find(n + "9"));
  }
}

TEST_CASE("decide_together never decides on a card read without its lock") {
  // Proves a remembered id that names another card (a database restored or edited by hand)
  // stops the group before any decision, writes nothing and is forgotten: the next group
  // locks by number.
  World w;
  const Card a = w.card("920000000051", "1.00", 5);
  const Card b = w.card("920000000052", "1.00", 5);
  mysql::CardIdCache ids;
  ids.remember(a.number, b.id);  // stale: a's number with b's id
  const SessionKey key{"192.0.2.1", "stale-1"};
  int decided = 0;
  const CallDecider decide = [&](const CardState& st, Reservation& r) {
    ++decided;
    r = w.decided(a, "stale-1", "0.10");
    CHECK(st.card.id == a.id);
    return LockedVerdict::reserve;
  };
  Reservation r;
  mysql::CallDecide item{a.number, &key, at(kT0), &decide, &r};
  std::vector<mysql::CallDecide*> ptrs{&item};
  mysql::Connection conn(w.db.options(), true);
  CHECK_THROWS_AS(mysql::decide_together(
                      conn, ptrs, [](const std::string&) { return false; }, ids),
                  StoreError);
  conn.rollback();
  CHECK(decided == 0);
  CHECK_FALSE(ids.find(a.number));
  CHECK_FALSE(w.store->read_reservation(key));

  mysql::decide_together(
      conn, ptrs, [](const std::string&) { return false; }, ids);
  CHECK(decided == 1);
  CHECK(item.verdict == LockedVerdict::reserve);
  CHECK(w.store->read_reservation(key));
  CHECK(ids.find(a.number) == a.id);
}

TEST_CASE("the grouped statements read a card's open reservations, not all its past calls") {
  // A busy account keeps every call it ever made (settled reservations), and a busy system
  // has many calls open on other cards. The grouped reads sum only the account's open
  // reservations: were they to scan its whole history (the join using only the card_id column
  // of an index), or every open reservation of the system (is_open = 1 alone), every
  // group holding the account would read thousands of rows while the other calls of its lane
  // wait. Each grouped statement must read far fewer index entries than either holds, and
  // still count the open ones.
  World w;
  const Card a = w.card("920000000061", "10.00", 5);
  const Card busy = w.card("920000000062", "10.00", 5);
  w.held(a, "open-1", "0.30", kT0 + 1000);
  mysql::Connection conn(w.db.options(), true);
  mysql::testing::add_reservations(conn, a.id, "192.0.2.7", "past-", "", kT0 - 100000, 3000);
  // Open in each state (a call answered holds money as one authorized does), and one
  // reserved whose expiry has passed (a lost Stop: it holds nothing any more).
  mysql::testing::add_reservations(conn, a.id, "192.0.2.7", "talking-", "started", kT0 + 1000, 1);
  mysql::testing::add_reservations(conn, a.id, "192.0.2.7", "lapsed-", "reserved", kT0 - 10, 1);
  mysql::testing::add_reservations(conn, busy.id, "192.0.2.7", "busy-", "started", kT0 + 1000,
                                   3000);
  // Statistics as a busy database has them (the plan must not depend on their being stale).
  conn.guard("analyze", [&] { conn.prepare_once("ANALYZE TABLE reservation")->execute(); });
  const CardState alone = w.alone(a);
  CHECK(alone.reserved == money("0.301"));
  CHECK(alone.open_calls == 2);

  const SessionKey key{"192.0.2.1", "hist-1"};
  SUBCASE("read_for_calls") {
    mysql::CallRead read{a.number, &key, at(kT0), {}};
    std::vector<mysql::CallRead*> reads{&read};
    const std::int64_t before = mysql::testing::index_rows_read(conn);
    mysql::read_for_calls(conn, reads);
    CHECK(mysql::testing::index_rows_read(conn) - before < 100);
    REQUIRE(read.result);
    check_same(*read.result, alone);
  }
  SUBCASE("decide_together, by number and by id") {
    mysql::CardIdCache ids;
    for (int round = 0; round < 2; ++round) {
      CAPTURE(round);
      const SessionKey k{"192.0.2.1", "hist-d" + std::to_string(round)};
      CardState seen;
      const CallDecider decide = [&](const CardState& st, Reservation&) {
        seen = st;
        return LockedVerdict::refuse;
      };
      Reservation r;
      mysql::CallDecide item{a.number, &k, at(kT0), &decide, &r};
      std::vector<mysql::CallDecide*> ptrs{&item};
      const std::int64_t before = mysql::testing::index_rows_read(conn);
      mysql::decide_together(
          conn, ptrs, [](const std::string&) { return false; }, ids);
      CHECK(mysql::testing::index_rows_read(conn) - before < 100);
      CHECK(item.found);
      CHECK(seen.reserved == money("0.301"));
      CHECK(seen.open_calls == 2);
      CHECK(ids.find(a.number) == a.id);  // the second round locks by id
    }
  }
  SUBCASE("the single steps: card.for_call_*, and reserve_together for one") {
    // A request that arrives alone reads its card through one of the card.for_call_*
    // statements (summing on is_open, through reservation_open) and reserves as a group of
    // one.
    using S = mysql::StatementId;
    for (const S id : {S::card_for_call_by_number, S::card_for_call_by_number_lock,
                       S::card_for_call_by_id, S::card_for_call_by_id_lock}) {
      CAPTURE(mysql::statement(id).tag);
      const bool by_number =
          id == S::card_for_call_by_number || id == S::card_for_call_by_number_lock;
      std::optional<CardState> st;
      conn.set_autocommit(false);  // the _lock ones take the card's row lock until the rollback
      const std::int64_t before = mysql::testing::index_rows_read(conn);
      conn.guard("for_call", [&] {
        sql::PreparedStatement& ps = conn.prepared(id);
        mysql::Binder b(ps);
        b.instant(at(kT0))
            .instant(at(kT0))
            .text(key.nas)
            .text(key.session_id)
            .text(key.nas)
            .text(key.session_id)
            .instant(at(kT0));  // the open reservations of a booth's shop (schema 12)
        if (by_number)
          b.text(a.number);
        else
          b.i64(a.id);
        std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
        if (rs->next()) {
          mysql::RowMapper m(*rs);
          st = m.card_for_call();
        }
      });
      CHECK(mysql::testing::index_rows_read(conn) - before < 100);
      conn.rollback();
      REQUIRE(st);
      check_same(*st, alone);
    }
    conn.set_autocommit(true);
    // A group of one on the card's figures: a millionth more than is free is refused, exactly
    // what is free is reserved; each reads a few index entries, not the card's history.
    const rating::Money free = alone.card.balance - alone.reserved;
    const auto reserve = [&](const char* session, rating::Money amount) {
      Reservation r = w.decided(a, session, "0");
      r.amount = amount;
      r.snapshot_sha256 = sha256_hex(r.tariff_snapshot);
      mysql::CallReserve item{&r, GrantBasis{alone.card_version, at(kT0)}, false, {}};
      std::vector<mysql::CallReserve*> one{&item};
      const std::int64_t before = mysql::testing::index_rows_read(conn);
      mysql::reserve_together(conn, one);
      CHECK(mysql::testing::index_rows_read(conn) - before < 100);
      return item.outcome;
    };
    CHECK(reserve("hist-c1", free + rating::Money::from_micros(1)) == ReserveOutcome::changed);
    CHECK(reserve("hist-c2", free) == ReserveOutcome::reserved);
    CHECK(w.alone(a).reserved == money("10.00"));
  }
  SUBCASE("reserve_together") {
    // Two cards (one alone in the IN list would be read as a constant, another plan).
    const Card other = w.card("920000000063", "1.00", 5);
    const CardState other_alone = w.alone(other);
    // First a thousandth more than is free on card a (refused: the call in progress holds
    // it), then exactly what is free.
    std::vector<Reservation> rs{w.decided(a, "hist-r", "9.700"),
                                w.decided(other, "hist-o", "0.50")};
    std::vector<mysql::CallReserve> items{
        {&rs[0], GrantBasis{alone.card_version, at(kT0)}, false, ReserveOutcome::changed},
        {&rs[1], GrantBasis{other_alone.card_version, at(kT0)}, false, ReserveOutcome::changed}};
    std::vector<mysql::CallReserve*> ptrs;
    for (std::size_t k = 0; k < rs.size(); ++k) {
      rs[k].snapshot_sha256 = sha256_hex(rs[k].tariff_snapshot);
      ptrs.push_back(&items[k]);
    }
    const std::int64_t before = mysql::testing::index_rows_read(conn);
    mysql::reserve_together(conn, ptrs);
    CHECK(mysql::testing::index_rows_read(conn) - before < 100);
    CHECK(items[0].outcome == ReserveOutcome::changed);
    CHECK(items[1].outcome == ReserveOutcome::reserved);

    Reservation exact = w.decided(a, "hist-x", "9.699");
    exact.snapshot_sha256 = sha256_hex(exact.tariff_snapshot);
    Reservation more = w.decided(other, "hist-p", "0.50");
    more.snapshot_sha256 = sha256_hex(more.tariff_snapshot);
    std::vector<mysql::CallReserve> again{
        {&exact, GrantBasis{alone.card_version, at(kT0)}, false, ReserveOutcome::changed},
        {&more, GrantBasis{other_alone.card_version, at(kT0)}, false, ReserveOutcome::changed}};
    std::vector<mysql::CallReserve*> again_ptrs{&again[0], &again[1]};
    mysql::reserve_together(conn, again_ptrs);
    CHECK(again[0].outcome == ReserveOutcome::reserved);
    CHECK(again[1].outcome == ReserveOutcome::reserved);
    CHECK(w.alone(a).reserved == money("10.00"));
  }
}

TEST_CASE("read_reservations reads for each Stop what reservation.by_key reads alone") {
  World w;
  const Card a = w.card("920000000031", "5.00", 5);
  const Reservation r1 = w.held(a, "s1", "0.10", kT0 + 1000);
  const Reservation r2 = w.held(a, "s2", "0.20", kT0 + 1000);
  const SessionKey missing{"192.0.2.1", "never"};
  std::vector<mysql::ReservationRead> reads{{&r2.key, {}}, {&missing, {}}, {&r1.key, {}}};
  std::vector<mysql::ReservationRead*> ptrs;
  for (auto& r : reads) ptrs.push_back(&r);
  mysql::Connection conn(w.db.options(), true);
  mysql::read_reservations(conn, ptrs);
  REQUIRE(reads[0].result);
  CHECK(reads[0].result->id == r2.id);
  CHECK(reads[0].result->amount == money("0.20"));
  CHECK(reads[0].result->card_number == a.number);
  CHECK(reads[0].result->tariff_snapshot == r2.tariff_snapshot);
  CHECK_FALSE(reads[1].result);
  REQUIRE(reads[2].result);
  CHECK(reads[2].result->id == r1.id);
}

TEST_CASE("MySqlStore::reserve from concurrent threads never reserves more than the card holds") {
  // 48 threads each read the card and reserve 0.25 on it (the grouped path under load): the
  // card holds 1.80 and allows 10 calls, so whatever the grouping, exactly the 7 reservations
  // that fit are made (a thread told `changed` reads again and retries while one fits).
  World w;
  const Card a = w.card("920000000041", "1.80", 10);
  std::atomic<int> reserved{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 48; ++i) {
    threads.emplace_back([&, i] {
      Reservation r = w.decided(a, "t" + std::to_string(i), "0.25");
      for (int attempt = 0; attempt < 100; ++attempt) {
        auto st = w.store->read_card_for_call(a.number, r.key, at(kT0));
        if (!st || st->open_calls >= st->card.max_concurrent ||
            st->card.balance - st->reserved < r.amount)
          return;
        const auto outcome = w.store->reserve(r, GrantBasis{st->card_version, at(kT0)});
        if (outcome == ReserveOutcome::reserved) {
          ++reserved;
          return;
        }
        if (outcome == ReserveOutcome::duplicate) return;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(reserved == 7);
  const CardState after = w.alone(a);
  CHECK(after.open_calls == 7);
  CHECK(after.reserved == money("1.75"));
}

}  // namespace prepaid::billing::testing

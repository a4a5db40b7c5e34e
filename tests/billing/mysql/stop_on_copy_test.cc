// The Stop booked on the copy a node kept of its reservation (reservation_copies.h,
// settle_known_together), on the private MariaDB: the copy is the row, the booking is the one
// a read would make, and a row changed by another node since is never booked on its copy.
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "billing/calls/call_service.h"
#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/statements.h"
#include "call_world.h"
#include "mysql/test_database.h"

namespace prepaid::billing::testing {
namespace {

using std::chrono::seconds;

struct MySqlBackend {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());
};

// Node A is the world's store; node B a second store (a second radiusd) on the same database,
// with its own CallService on the same clock.
struct TwoNodes {
  CallWorld<MySqlBackend> w;
  std::shared_ptr<mysql::MySqlStore> b_store =
      std::make_shared<mysql::MySqlStore>(w.backend.db.options());
  CallService b{b_store, CallPolicy{}, w.clock};

  mysql::MySqlStore& a_store() { return *w.backend.store; }

  // The row as a read returns it, and its revision (read on a connection of its own).
  Reservation row(const std::string& session) {
    auto r = a_store().read_reservation(SessionKey{"10.0.0.1", session});
    REQUIRE(r);
    return *r;
  }
  std::int64_t revision(const std::string& session) {
    mysql::Connection conn(w.backend.db.options(), true);
    std::int64_t out = -1;
    conn.guard("revision", [&] {
      auto ps = conn.prepare_once(
          "SELECT revision FROM reservation WHERE nas = '10.0.0.1' AND session_id = ?");
      ps->setString(1, session);
      std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
      if (rs->next()) out = rs->getInt64(1);
    });
    return out;
  }
  // Node A authorizes `session` of `card` to `number`; it must be accepted.
  void authorize(const std::string& card, const std::string& number, const std::string& session) {
    REQUIRE(w.calls.authorize_call(w.request(card, number, session)).code == ReturnCode::ok);
  }
  // What `node` answers to a Start or an Interim-Update of `session`.
  AccountingOutcome record(CallService& node, AccountingKind kind, const std::string& session,
                           std::optional<std::uint32_t> session_time_s = std::nullopt) {
    return node.record_accounting(w.event(kind, session, session_time_s)).outcome;
  }
  AccountingResult stop_on(CallService& node, const std::string& session, std::uint32_t s) {
    return node.record_accounting(w.event(AccountingKind::stop, session, s));
  }
};

// Every field a read gives, compared.
void check_same(const Reservation& copy, const Reservation& row) {
  CHECK(copy.id == row.id);
  CHECK(copy.card_id == row.card_id);
  CHECK(copy.card_number == row.card_number);
  CHECK(copy.key.nas == row.key.nas);
  CHECK(copy.key.session_id == row.key.session_id);
  CHECK(copy.calling == row.calling);
  CHECK(copy.nas_identity.user_name == row.nas_identity.user_name);
  CHECK(copy.nas_identity.acct_session_id == row.nas_identity.acct_session_id);
  CHECK(copy.nas_identity.nas_ip_address == row.nas_identity.nas_ip_address);
  CHECK(copy.called == row.called);
  CHECK(copy.digits == row.digits);
  CHECK(copy.destination == row.destination);
  CHECK(copy.granted_s == row.granted_s);
  CHECK(copy.amount == row.amount);
  CHECK(copy.currency == row.currency);
  CHECK(copy.tariff == row.tariff);
  CHECK(copy.tariff_version == row.tariff_version);
  CHECK(copy.tariff_snapshot == row.tariff_snapshot);
  CHECK(copy.snapshot_sha256 == row.snapshot_sha256);
  CHECK(copy.state == row.state);
  CHECK(copy.created_at == row.created_at);
  CHECK(copy.started_at == row.started_at);
  CHECK(copy.expires_at == row.expires_at);
  CHECK(copy.usage_s == row.usage_s);
  CHECK(copy.last_interim_at == row.last_interim_at);
  CHECK(copy.closed_at == row.closed_at);
  CHECK(copy.upstream_shop == row.upstream_shop);
  CHECK(copy.upstream_hold == row.upstream_hold);
  CHECK(copy.upstream_snapshot == row.upstream_snapshot);
}

}  // namespace

TEST_CASE("every statement that updates a reservation raises its revision") {
  // A statement that changed a reservation without it would leave a node's copy looking
  // current, and a Stop would be booked on what the row no longer says.
  int updates = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(mysql::StatementId::count_); ++i) {
    const auto id = static_cast<mysql::StatementId>(i);
    const std::string text(mysql::statement(id).sql);
    for (auto at = text.find("UPDATE reservation"); at != std::string::npos;
         at = text.find("UPDATE reservation", at + 1)) {
      ++updates;
      const auto end = std::min(text.find(';', at), text.size());
      const std::string one = text.substr(at, end - at);
      INFO(mysql::statement(id).tag, ": ", one);
      CHECK((one.find(" revision = revision + 1") != std::string::npos ||
             one.find(" r.revision = r.revision + 1") != std::string::npos));
    }
  }
  CHECK(updates >= 9);  // the statements were found at all
}

TEST_CASE("a node's copy of its reservation is the row, through its own Start and Interim") {
  // Proves the copy equals what a read returns, field by field, at the row's revision, after
  // the authorization, the Start and the Interim-Updates this node records.
  TwoNodes n;
  n.w.add_card("7001", "5");
  const SessionKey key{"10.0.0.1", "c-1"};
  n.authorize("7001", "00447712345678", "c-1");
  auto copy = n.a_store().reservation_copy(key);
  REQUIRE(copy);
  CHECK(copy->second == 0);
  CHECK(n.revision("c-1") == 0);
  check_same(copy->first, n.row("c-1"));

  n.w.clock->advance(seconds(3));
  REQUIRE(n.record(n.w.calls, AccountingKind::start, "c-1") == AccountingOutcome::recorded);
  copy = n.a_store().reservation_copy(key);
  REQUIRE(copy);
  CHECK(copy->second == 1);
  CHECK(n.revision("c-1") == 1);
  CHECK(copy->first.state == ReservationState::started);
  check_same(copy->first, n.row("c-1"));

  for (std::uint32_t usage : {60u, 120u}) {
    n.w.clock->advance(seconds(60));
    REQUIRE(n.record(n.w.calls, AccountingKind::interim, "c-1", usage) ==
            AccountingOutcome::recorded);
  }
  copy = n.a_store().reservation_copy(key);
  REQUIRE(copy);
  CHECK(copy->second == 3);
  CHECK(n.revision("c-1") == 3);
  CHECK(copy->first.usage_s == 120);
  check_same(copy->first, n.row("c-1"));

  // A Start retransmitted changes nothing, the copy neither.
  CHECK(n.record(n.w.calls, AccountingKind::start, "c-1") == AccountingOutcome::duplicate);
  CHECK(n.a_store().reservation_copy(key)->second == 3);
  CHECK(n.revision("c-1") == 3);
}

TEST_CASE("a Stop booked on the copy charges and records what the read would") {
  // Two identical calls on two identical cards: the first's Stop at the node that authorized
  // it (booked on its copy), the second's at the other node (no copy: read, then booked).
  TwoNodes n;
  n.w.add_card("7101", "5");
  n.w.add_card("7102", "5");
  for (auto [card, session] : {std::pair{"7101", "k-1"}, std::pair{"7102", "k-2"}})
    n.authorize(card, "00447712345678", session);
  n.w.clock->advance(seconds(2));
  for (const char* session : {"k-1", "k-2"})
    REQUIRE(n.record(n.w.calls, AccountingKind::start, session) == AccountingOutcome::recorded);
  n.w.clock->advance(seconds(95));
  const AccountingResult on_copy = n.stop_on(n.w.calls, "k-1", 95);
  const AccountingResult read = n.stop_on(n.b, "k-2", 95);
  REQUIRE(on_copy.outcome == AccountingOutcome::recorded);
  REQUIRE(read.outcome == AccountingOutcome::recorded);
  CHECK(n.a_store().copy_counts().stops_on_copies == 1);
  CHECK(n.a_store().copy_counts().stale_groups == 0);
  CHECK(n.b_store->copy_counts().stops_on_copies == 0);
  CHECK(on_copy.charged == read.charged);
  CHECK(on_copy.charged == money("0.53"));  // UK Mobile: 0.05 + 30 s + 11 × 6 s at 0.30 / 60 s
  CHECK(on_copy.billed_s == read.billed_s);
  CHECK(n.w.card("7101").balance == n.w.card("7102").balance);
  CHECK(n.w.card("7101").balance == money("4.47"));

  auto cdrs = n.w.cdrs();
  REQUIRE(cdrs.size() == 2);
  const Cdr& a = cdrs[0].key.session_id == "k-1" ? cdrs[0] : cdrs[1];
  const Cdr& b = cdrs[0].key.session_id == "k-1" ? cdrs[1] : cdrs[0];
  CHECK(a.balance_after == b.balance_after);
  CHECK(a.balance_after == money("4.47"));
  CHECK(a.price == b.price);
  CHECK(a.destination == b.destination);
  CHECK(a.connect_at == b.connect_at);
  CHECK(a.duration_s == b.duration_s);
  CHECK(a.rating_detail == b.rating_detail);
  CHECK(a.from_snapshot);
  CHECK(n.row("k-1").state == ReservationState::settled);
  CHECK(n.row("k-1").closed_at == n.row("k-2").closed_at);
  CHECK(n.revision("k-1") == n.revision("k-2"));
  CHECK(n.w.ledger_mismatches().empty());
  CHECK_FALSE(n.a_store().reservation_copy(SessionKey{"10.0.0.1", "k-1"}));  // spent
  // k-2's copy stays at A (its Stop went to B) until a full map drops it past its expiry.
  CHECK(n.a_store().copy_counts().kept == 1);
  // Retransmitted to the same node: already charged, nothing more.
  CHECK(n.stop_on(n.w.calls, "k-1", 95).outcome == AccountingOutcome::duplicate);
  CHECK(n.w.card("7101").balance == money("4.47"));
}

TEST_CASE("a row another node changed since the copy is read, never booked on the copy") {
  // Each case changes the reservation through node B after node A copied it; node A's Stop
  // must then be refused on its copy (a stale group), read and booked as the row says.
  TwoNodes n;
  n.w.add_card("7201", "5");
  n.authorize("7201", "00442071234567", "s-1");

  SUBCASE("started at the other node: the call is rated from that Start") {
    n.w.clock->advance(seconds(7));
    REQUIRE(n.record(n.b, AccountingKind::start, "s-1") == AccountingOutcome::recorded);
    n.w.clock->advance(seconds(61));
    const AccountingResult r = n.stop_on(n.w.calls, "s-1", 61);
    REQUIRE(r.outcome == AccountingOutcome::recorded);
    CHECK(r.charged == money("0.20"));  // 61 s: two minutes at 0.10
    CHECK(n.a_store().copy_counts().stale_groups == 1);
    CHECK(n.a_store().copy_counts().stops_on_copies == 0);
    auto cdrs = n.w.cdrs();
    REQUIRE(cdrs.size() == 1);
    CHECK(cdrs[0].connect_at == at(kT0 + 7));  // B's Start, which A's copy never saw
  }
  SUBCASE("re-authorized at the other node to another number: rated at that number") {
    // The same session id reused for Bulgaria (issue 21: a reused id re-decides the call).
    auto again = n.b.authorize_call(n.w.request("7201", "0035929001234", "s-1"));
    REQUIRE(again.code == ReturnCode::ok);
    n.w.clock->advance(seconds(100));
    const AccountingResult r = n.stop_on(n.w.calls, "s-1", 100);
    REQUIRE(r.outcome == AccountingOutcome::recorded);
    CHECK(r.charged == money("0.10"));  // Bulgaria: 100 s at 0.06 / 60 s, per second
    CHECK(n.a_store().copy_counts().stale_groups == 1);
    auto cdrs = n.w.cdrs();
    REQUIRE(cdrs.size() == 1);
    CHECK(cdrs[0].destination == "Bulgaria");
  }
  SUBCASE("stopped at the other node first: the retransmission is a duplicate") {
    n.w.clock->advance(seconds(30));
    REQUIRE(n.stop_on(n.b, "s-1", 30).outcome == AccountingOutcome::recorded);
    CHECK(n.stop_on(n.w.calls, "s-1", 30).outcome == AccountingOutcome::duplicate);
    CHECK(n.a_store().copy_counts().stale_groups == 1);
    CHECK(n.w.cdrs().size() == 1);
    CHECK(n.w.card("7201").balance == money("4.90"));  // charged once
  }
  SUBCASE("released by the other node's Accounting-On: the Stop is not booked on the copy") {
    REQUIRE(n.record(n.b, AccountingKind::accounting_on, "") == AccountingOutcome::sessions_closed);
    REQUIRE(n.row("s-1").state == ReservationState::released);
    n.w.clock->advance(seconds(30));
    n.stop_on(n.w.calls, "s-1", 30);
    CHECK(n.a_store().copy_counts().stale_groups == 1);
    CHECK(n.a_store().copy_counts().stops_on_copies == 0);
  }
  CHECK(n.w.ledger_mismatches().empty());
}

TEST_CASE("a node whose copies keep being outdated stops trying them for a while") {
  // Every call's Start reaches the other node (a balancer alternating the nodes), so each of
  // node A's copies is outdated: its Stops, one at a time, are all booked from the rows, and
  // A tries its copies only after growing gaps (1, 2, 4, … groups), not at every Stop.
  TwoNodes n;
  n.w.add_card("7501", "500", 40);
  constexpr int kCalls = 40;
  for (int i = 0; i < kCalls; ++i) {
    const std::string session = "b-" + std::to_string(i);
    n.authorize("7501", "00442071234567", session);
  }
  n.w.clock->advance(seconds(4));
  for (int i = 0; i < kCalls; ++i)
    REQUIRE(n.record(n.b, AccountingKind::start, "b-" + std::to_string(i)) ==
            AccountingOutcome::recorded);
  n.w.clock->advance(seconds(50));
  for (int i = 0; i < kCalls; ++i)
    REQUIRE(n.stop_on(n.w.calls, "b-" + std::to_string(i), 50).outcome ==
            AccountingOutcome::recorded);
  const auto counts = n.a_store().copy_counts();
  CHECK(counts.stops_on_copies == 0);
  CHECK(counts.stale_groups >= 2);
  CHECK(counts.stale_groups <= 6);  // tried at Stops 1, 3, 6, 11, 20 and 37 of 40
  auto cdrs = n.w.cdrs();
  REQUIRE(cdrs.size() == static_cast<std::size_t>(kCalls));
  for (const Cdr& c : cdrs) CHECK(c.connect_at == at(kT0 + 4));  // B's Starts
  CHECK(n.w.card("7501").balance == money("496.00"));            // 40 × 0.10
  CHECK(n.w.ledger_mismatches().empty());
}

TEST_CASE("Interim-Updates racing on one node leave no copy that differs from its row") {
  // Threads record different usages of one call at once: whichever order the database and
  // the copy see them in, a copy that survives equals the row (a copy whose revision moved
  // under a thread is dropped, not patched).
  TwoNodes n;
  n.w.add_card("7301", "5");
  const SessionKey key{"10.0.0.1", "r-1"};
  n.authorize("7301", "00442071234567", "r-1");
  REQUIRE(n.record(n.w.calls, AccountingKind::start, "r-1") == AccountingOutcome::recorded);
  int kept = 0;
  for (int round = 0; round < 10; ++round) {
    std::vector<std::thread> threads;
    for (std::uint32_t t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        n.record(n.w.calls, AccountingKind::interim, "r-1",
                 10 * static_cast<std::uint32_t>(round) + t);
      });
    }
    for (auto& t : threads) t.join();
    auto copy = n.a_store().reservation_copy(key);
    if (!copy) break;
    ++kept;
    CHECK(copy->second == n.revision("r-1"));
    check_same(copy->first, n.row("r-1"));
  }
  INFO("rounds with a copy: ", kept);
  n.w.clock->advance(seconds(45));
  REQUIRE(n.stop_on(n.w.calls, "r-1", 45).outcome == AccountingOutcome::recorded);
  CHECK(n.w.card("7301").balance == money("4.90"));
  CHECK(n.w.ledger_mismatches().empty());
}

TEST_CASE("Stops of one card booked together on copies leave each CDR its own balance") {
  // Twelve calls on one card stopped from twelve threads at once: the groups are booked on
  // the copies, and each CDR's balance_after is the balance its own charge left (the CDRs in
  // id order form the card's ledger), the last one the card's balance.
  TwoNodes n;
  n.w.add_card("7401", "200", 12);  // each call holds 12.00 (7,200 s)
  constexpr int kCalls = 12;
  for (int i = 0; i < kCalls; ++i) n.authorize("7401", "00442071234567", "g-" + std::to_string(i));
  n.w.clock->advance(seconds(200));
  std::vector<std::thread> threads;
  std::atomic<int> recorded{0};
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      // Durations 10 s .. 120 s: prices 0.10 .. 0.20, not all equal.
      auto r =
          n.stop_on(n.w.calls, "g-" + std::to_string(i), 10 * static_cast<std::uint32_t>(i + 1));
      if (r.outcome == AccountingOutcome::recorded) ++recorded;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(recorded == kCalls);
  CHECK(n.a_store().copy_counts().stops_on_copies == kCalls);
  auto cdrs = n.w.cdrs();
  REQUIRE(cdrs.size() == static_cast<std::size_t>(kCalls));
  std::sort(cdrs.begin(), cdrs.end(), [](const Cdr& x, const Cdr& y) { return x.id < y.id; });
  rating::Money balance = money("200");
  for (const Cdr& c : cdrs) {
    balance = balance - c.price;
    CHECK(c.balance_after == balance);
  }
  CHECK(n.w.card("7401").balance == balance);
  CHECK(n.w.ledger_mismatches().empty());
}

}  // namespace prepaid::billing::testing

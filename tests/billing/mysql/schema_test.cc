#include "billing/store/mysql/schema.h"

#include <doctest/doctest.h>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <vector>

#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/migrations.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/store_error.h"
#include "contract_fixtures.h"
#include "mysql/test_database.h"

using prepaid::billing::SchemaMismatch;
using prepaid::billing::StoreError;
using prepaid::billing::StoreUnavailable;
using prepaid::mysql::Connection;
using prepaid::mysql::ConnectionOptions;
using prepaid::mysql::Migration;
using prepaid::mysql::migrations;
using prepaid::mysql::Schema;
using prepaid::mysql::testing::TestDatabase;

namespace {

std::string mismatch_message(Schema& schema) {
  try {
    schema.check();
  } catch (const SchemaMismatch& e) {
    return e.what();
  }
  return "no SchemaMismatch";
}

}  // namespace

TEST_CASE("init creates the schema on an empty database and refuses a second time") {
  // Proves init/version/check/upgrade on a fresh database and that init never reapplies.
  TestDatabase db(false);
  Schema schema(db.options());
  CHECK(schema.version() == 0);
  CHECK(mismatch_message(schema).find("prepaidctl db init") != std::string::npos);

  CHECK(schema.init() == schema.expected_version());
  CHECK(schema.version() == migrations().back().version);
  CHECK_NOTHROW(schema.check());
  CHECK(schema.upgrade().empty());
  CHECK_THROWS_AS(schema.init(), SchemaMismatch);
  CHECK(schema.version() == schema.expected_version());
}

TEST_CASE("the start-up check refuses an older and a newer schema with a clear message") {
  // Proves upgrade applies only missing steps and a newer database is refused, not touched.
  TestDatabase db(true);
  std::vector<Migration> newer = migrations();
  const int next = newer.back().version + 1;
  newer.push_back(Migration{next, "999_test_step.sql",
                            "CREATE TABLE test_step (id INT PRIMARY KEY) ENGINE=InnoDB;\n"
                            "INSERT INTO test_step VALUES (1);\n"});

  Schema future_code(db.options(), newer);
  CHECK(mismatch_message(future_code).find("prepaidctl db upgrade") != std::string::npos);
  CHECK(future_code.upgrade() == std::vector<int>{next});
  CHECK_NOTHROW(future_code.check());
  CHECK(future_code.upgrade().empty());

  Schema current_code(db.options());
  const std::string message = mismatch_message(current_code);
  CHECK(message.find("newer") != std::string::npos);
  CHECK(message.find(std::to_string(next)) != std::string::npos);
  CHECK_THROWS_AS(current_code.upgrade(), SchemaMismatch);
  CHECK(current_code.version() == next);
}

TEST_CASE("upgrade from version 1 keeps live reservations and their tariff snapshots") {
  // Proves 002 and 003 apply on top of a populated version-1 database: snapshots move to
  // tariff_snapshot (one row per distinct text), reservations keep them, cards get version 0,
  // and each reservation's is_open follows its state (1 while it holds money).
  TestDatabase db(false);
  const std::vector<Migration> first_only{migrations().front()};
  Schema old_code(db.options(), first_only);
  CHECK(old_code.init() == 1);
  {
    Connection c(db.options(), true);
    const auto run = [&](const std::string& text) {
      c.guard("seed", [&] { c.prepare_once(text)->execute(); });
    };
    run("INSERT INTO tariff (name, currency, time_zone, base_price_list, rounding_method, "
        "rounding_decimals, international_prefix, version, updated_at) "
        "VALUES ('t', 'EUR', 'UTC', 'base', 'up', -1, '00', 3, 1)");
    run("INSERT INTO card (number, pin, kind, status, currency, tariff, balance, credit_limit, "
        "max_concurrent, activation, validity_days, created_at) "
        "VALUES ('1001', '1234', 'card', 'active', 'EUR', 't', 5000000, 0, 2, 'manual', 0, 1)");
    const std::string reservation =
        "INSERT INTO reservation (card_id, nas, session_id, calling, called, digits, "
        "destination, granted_s, amount, currency, tariff, tariff_version, tariff_snapshot, "
        "state, created_at, expires_at) VALUES (1, 'nas', '";
    run(reservation +
        "s1', '1', '2', '2', 'X', 60, 100, 'EUR', 't', 3, 'snapshot A', "
        "'started', 1, 100)");
    run(reservation +
        "s2', '1', '2', '2', 'X', 60, 100, 'EUR', 't', 3, 'snapshot A', "
        "'reserved', 2, 100)");
    run(reservation +
        "s3', '1', '3', '3', 'Y', 60, 100, 'EUR', 't', 3, 'snapshot B', "
        "'reserved', 3, 100)");
    run(reservation +
        "s4', '1', '3', '3', 'Y', 60, 100, 'EUR', 't', 3, 'snapshot B', "
        "'settled', 4, 100)");
    c.commit();
  }

  Schema schema(db.options());
  CHECK(mismatch_message(schema).find("prepaidctl db upgrade") != std::string::npos);
  std::vector<int> later;  // every migration after the first, in order
  for (const Migration& m : migrations())
    if (m.version > 1) later.push_back(m.version);
  CHECK(schema.upgrade() == later);
  CHECK_NOTHROW(schema.check());

  Connection c(db.options(), true);
  const auto rows = [&](const std::string& text) {
    std::vector<std::string> out;
    c.guard("read", [&] {
      std::unique_ptr<sql::ResultSet> rs(c.prepare_once(text)->executeQuery());
      while (rs->next()) out.push_back(std::string(rs->getString(1)));
    });
    return out;
  };
  CHECK(rows("SELECT text FROM tariff_snapshot ORDER BY text") ==
        std::vector<std::string>{"snapshot A", "snapshot B"});
  CHECK(
      rows("SELECT CONCAT(r.session_id, '=', s.text) FROM reservation r "
           "JOIN tariff_snapshot s ON s.sha256 = r.snapshot_sha256 ORDER BY r.session_id") ==
      std::vector<std::string>{"s1=snapshot A", "s2=snapshot A", "s3=snapshot B", "s4=snapshot B"});
  CHECK(rows("SELECT CONCAT(session_id, '=', is_open) FROM reservation ORDER BY session_id") ==
        std::vector<std::string>{"s1=1", "s2=1", "s3=1", "s4=0"});
  CHECK(rows("SELECT CONCAT(number, ':', version) FROM card") ==
        std::vector<std::string>{"1001:0"});
  // Version 7: the stored procedures of version 2 are gone (one booking implementation);
  // CDRs carry review and unbilled, cards their wrong-PIN lock, with neutral values.
  CHECK(rows("SELECT ROUTINE_NAME FROM information_schema.ROUTINES "
             "WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME")
            .empty());
  CHECK(rows("SELECT CONCAT(number, ':', pin_failures, ':', COALESCE(locked_until, '-')) "
             "FROM card") == std::vector<std::string>{"1001:0:-"});
  // Version 4: the first reservation_card dropped. Version 5: reservation_state dropped,
  // reservation_open led by is_open, the card_id foreign key on a reservation_card (card_id).
  CHECK(rows("SELECT CONCAT(INDEX_NAME, ':', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX)) "
             "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND "
             "TABLE_NAME = 'reservation' GROUP BY INDEX_NAME ORDER BY INDEX_NAME") ==
        std::vector<std::string>{"PRIMARY:id", "reservation_card:card_id",
                                 "reservation_open:is_open,card_id,expires_at,amount",
                                 "reservation_session:nas,session_id"});
  CHECK(rows("SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
             "CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'reservation'") ==
        std::vector<std::string>{"reservation_card"});
}

TEST_CASE("upgrade from version 5 restarts validities at the activation and keeps every rate") {
  // Proves 006 applies on a populated version-5 database: a card recharged before its first
  // use expires 180 days after its activation (not the recharge), one never activated has no
  // expiry, correct expiries are left alone (version unchanged), changed ones get version + 1;
  // rates keep their buy rates, with no buy currency (the tariff's).
  TestDatabase db(false);
  const std::vector<Migration> up_to_5(migrations().begin(), migrations().begin() + 5);
  Schema old_code(db.options(), up_to_5);
  CHECK(old_code.init() == 5);
  constexpr long long kDay = 86400;
  {
    Connection c(db.options(), true);
    const auto run = [&](const std::string& text) {
      c.guard("seed", [&] { c.prepare_once(text)->execute(); });
    };
    run("INSERT INTO tariff (name, currency, time_zone, base_price_list, rounding_method, "
        "rounding_decimals, international_prefix, version, updated_at) "
        "VALUES ('t', 'BGN', 'Europe/Sofia', 'base', 'up', -1, '00', 3, 1)");
    run("INSERT INTO price_list (tariff_id, name) VALUES (1, 'base')");
    run("INSERT INTO rate (price_list_id, prefix, destination, rate, rate_unit_s, connect_fee, "
        "first_increment_s, increment_s, grace_s, buy_rate) VALUES "
        "(1, '44', 'United Kingdom', 120000, 60, 0, 60, 60, 0, 21000), "
        "(1, '359', 'Bulgaria', 60000, 60, 0, 60, 60, 0, NULL)");
    const std::string card =
        "INSERT INTO card (number, pin, kind, status, currency, tariff, balance, credit_limit, "
        "max_concurrent, activation, validity_days, created_at, activated_at, "
        "last_recharged_at, expires_at, version) VALUES ";
    // Recharged at day 1, never used: version 5 started the validity at the recharge.
    run(card + "('2001', '1111', 'card', 'new', 'BGN', 't', 0, 0, 1, 'first_use', 180, 0, " +
        "NULL, " + std::to_string(kDay) + ", " + std::to_string(181 * kDay) + ", 3)");
    // Recharged at day 1, first used at day 179: expired at day 181 under version 5.
    run(card + "('2002', '2222', 'card', 'active', 'BGN', 't', 0, 0, 1, 'first_use', 180, 0, " +
        std::to_string(179 * kDay) + ", " + std::to_string(kDay) + ", " +
        std::to_string(181 * kDay) + ", 4)");
    // Activated at day 1, recharged at day 50: already right.
    run(card + "('2003', '3333', 'card', 'active', 'BGN', 't', 0, 0, 1, 'first_use', 180, 0, " +
        std::to_string(kDay) + ", " + std::to_string(50 * kDay) + ", " +
        std::to_string(230 * kDay) + ", 7)");
    // Never expires.
    run(card + "('2004', '4444', 'booth', 'active', 'BGN', 't', 0, 0, 1, 'at_creation', 0, 0, " +
        std::to_string(kDay) + ", NULL, NULL, 2)");
    c.commit();
  }

  Schema schema(db.options());
  CHECK(mismatch_message(schema).find("prepaidctl db upgrade") != std::string::npos);
  std::vector<int> later;  // 6 and every migration after it
  for (const Migration& m : migrations())
    if (m.version > 5) later.push_back(m.version);
  REQUIRE_FALSE(later.empty());
  CHECK(later.front() == 6);
  CHECK(schema.upgrade() == later);
  CHECK_NOTHROW(schema.check());

  Connection c(db.options(), true);
  const auto rows = [&](const std::string& text) {
    std::vector<std::string> out;
    c.guard("read", [&] {
      std::unique_ptr<sql::ResultSet> rs(c.prepare_once(text)->executeQuery());
      while (rs->next()) out.push_back(std::string(rs->getString(1)));
    });
    return out;
  };
  CHECK(rows("SELECT CONCAT(number, ':', COALESCE(expires_at DIV 86400, '-'), ':', version) "
             "FROM card ORDER BY number") ==
        std::vector<std::string>{"2001:-:4", "2002:359:5", "2003:230:7", "2004:-:2"});
  CHECK(rows("SELECT CONCAT(prefix, ':', COALESCE(buy_rate, '-'), ':', "
             "COALESCE(buy_currency, '-')) FROM rate ORDER BY prefix") ==
        std::vector<std::string>{"359:-:-", "44:21000:-"});
}

TEST_CASE(
    "upgrade from version 7 keeps call charges booked as ledger rows, books new ones in CDRs") {
  // Proves 008 on a populated version-7 database: a call charged with its ledger row stays one
  // entry of the ledger (its CDR has no balance) and the check still balances; a Stop booked
  // after it writes its CDR with the balance and no ledger row, and is listed after the old
  // entries, before a recharge made after it; v_ledger shows all of them.
  TestDatabase db(false);
  const std::vector<Migration> up_to_7(migrations().begin(), migrations().begin() + 7);
  Schema old_code(db.options(), up_to_7);
  CHECK(old_code.init() == 7);
  {
    Connection c(db.options(), true);
    const auto run = [&](const std::string& text) {
      c.guard("seed", [&] { c.prepare_once(text)->execute(); });
    };
    run("INSERT INTO tariff (name, currency, time_zone, base_price_list, rounding_method, "
        "rounding_decimals, international_prefix, version, updated_at) "
        "VALUES ('t', 'EUR', 'UTC', 'base', 'up', -1, '00', 3, 1)");
    run("INSERT INTO card (number, pin, kind, status, currency, tariff, balance, credit_limit, "
        "max_concurrent, activation, validity_days, created_at, version) "
        "VALUES ('3001', '1234', 'card', 'active', 'EUR', 't', 9500000, 0, 2, 'manual', 0, 1, 1)");
    run("INSERT INTO ledger (card_id, at, kind, amount, balance_after, currency, actor, reason, "
        "reference) VALUES (1, 100, 'batch_load', 10000000, 10000000, 'EUR', 'alice', 'batch', "
        "'batch:1')");
    run("INSERT INTO cdr (card_id, card_number, nas, session_id, calling, called, digits, "
        "destination, prefix, price_list, rule, call_at, duration_s, billed_s, price, currency, "
        "rate, rate_unit_s, connect_fee, rating_detail, tariff, tariff_version, from_snapshot, "
        "disconnect_cause, recorded_at) VALUES (1, '3001', 'nas', 'old', '1', '0044201', "
        "'44201', 'UK', '44', 'base', '', 200, 60, 60, 500000, 'EUR', 500000, 60, 0, 'base', "
        "'t', 3, 1, '10', 260)");
    run("INSERT INTO ledger (card_id, at, kind, amount, balance_after, currency, actor, reason, "
        "reference) VALUES (1, 260, 'call_charge', -500000, 9500000, 'EUR', 'radius', "
        "'call to 0044201', 'cdr:1')");
    c.commit();
  }

  Schema schema(db.options());
  CHECK(mismatch_message(schema).find("prepaidctl db upgrade") != std::string::npos);
  const auto applied = schema.upgrade();  // 8, then the later versions
  REQUIRE_FALSE(applied.empty());
  CHECK(applied.front() == 8);
  CHECK_NOTHROW(schema.check());

  using namespace prepaid::billing;
  using prepaid::billing::testing::at;
  using prepaid::billing::testing::money;
  prepaid::mysql::MySqlStore store(db.options());
  const auto ledger = [&] {
    auto tx = store.begin();
    auto list = tx->list_ledger(1, Page{});
    CHECK(tx->ledger_mismatches().empty());
    tx->commit();
    std::vector<std::string> out;
    for (const auto& e : list)
      out.push_back(std::string(to_string(e.kind)) + " " + e.amount.to_string(2) + " " +
                    e.balance_after.to_string(2) + " " + e.reference);
    return out;
  };
  CHECK(ledger() ==
        std::vector<std::string>{"batch_load 10.00 10.00 batch:1", "call_charge -0.50 9.50 cdr:1"});
  {
    auto tx = store.begin();
    const auto old = tx->find_cdr(SessionKey{"nas", "old"});
    REQUIRE(old);
    CHECK_FALSE(old->balance_after);
    const auto card = tx->find_card("3001", false);
    REQUIRE(card);
    tx->commit();
    Settlement s;
    s.cdr = prepaid::billing::testing::make_cdr(*card, "nas", "new");
    s.cdr.price = money("0.25");
    s.at = at(prepaid::billing::testing::kT0);
    REQUIRE(store.settle(s).outcome == SettleOutcome::settled);
    CHECK(s.cdr.balance_after == money("9.25"));
  }
  {
    auto tx = store.begin();
    auto card = tx->lock_card("3001");
    REQUIRE(card);
    LedgerEntry e = prepaid::billing::testing::ledger_row(card->id, "1");
    e.balance_after = money("10.25");
    e.at = at(0);  // an earlier clock: the order is the writes'
    tx->insert_ledger(e);
    card->balance = money("10.25");
    tx->update_card(*card);
    tx->commit();
  }
  CHECK(ledger() ==
        std::vector<std::string>{"batch_load 10.00 10.00 batch:1", "call_charge -0.50 9.50 cdr:1",
                                 "call_charge -0.25 9.25 cdr:2", "recharge 1.00 10.25 "});

  Connection c(db.options(), true);
  const auto rows = [&](const std::string& text) {
    std::vector<std::string> out;
    c.guard("read", [&] {
      std::unique_ptr<sql::ResultSet> rs(c.prepare_once(text)->executeQuery());
      while (rs->next()) out.push_back(std::string(rs->getString(1)));
    });
    return out;
  };
  // The new call wrote no ledger row; the old one keeps its own.
  CHECK(rows("SELECT CONCAT(kind, ' ', reference) FROM ledger WHERE kind = 'call_charge'") ==
        std::vector<std::string>{"call_charge cdr:1"});
  CHECK(rows("SELECT CONCAT(session_id, ' ', COALESCE(balance_after, '-')) FROM cdr "
             "ORDER BY id") == std::vector<std::string>{"old -", "new 9250000"});
  CHECK(rows("SELECT CONCAT(kind, ' ', amount, ' ', balance_after, ' ', actor, ' ', reason, "
             "' ', reference) FROM v_ledger ORDER BY kind, amount") ==
        std::vector<std::string>{"batch_load 10.000000 10.000000 alice batch batch:1",
                                 "call_charge -0.500000 9.500000 radius call to 0044201 cdr:1",
                                 "call_charge -0.250000 9.250000 radius call to 004420123 cdr:2",
                                 "recharge 1.000000 10.250000 alice test "});
}

TEST_CASE("an unreachable server is StoreUnavailable, distinct from other store errors") {
  // Proves the RADIUS path can tell "database down" (retransmit) from a fatal error.
  ConnectionOptions options = ConnectionOptions::from_env("prepaid_unreachable");
  options.url = "unix:///nonexistent/mysqld.sock";
  options.connect_timeout_s = 2;
  CHECK_THROWS_AS(Schema(options).version(), StoreUnavailable);

  options.url = "tcp://127.0.0.1:1";
  CHECK_THROWS_AS(Schema(options).version(), StoreUnavailable);

  ConnectionOptions bad = ConnectionOptions::from_env("prepaid_x");
  bad.password = "wrong password";
  try {
    Schema(bad).version();
    FAIL("a wrong password connected");
  } catch (const StoreUnavailable&) {
    FAIL("access denied must not look like an outage");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("wrong password") == std::string::npos);
  }
}

TEST_CASE("database names that could inject SQL are refused before connecting") {
  // Proves identifiers that cannot be bound as parameters are validated.
  ConnectionOptions options = ConnectionOptions::from_env("x");
  for (const char* name : {"a`b", "a;DROP DATABASE mysql", "", "a b", "db-1"}) {
    options.database = name;
    CHECK_THROWS_AS(Schema{options}, StoreError);
  }
}

// The Store contract suite against MySQL/MariaDB, plus what only the MySQL store does.
#include "billing/store/mysql/mysql_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/row_mapper.h"
#include "billing/store/mysql/statements.h"
#include "mysql/index_reads.h"
#include "mysql/test_database.h"
#include "store_contract.h"

namespace prepaid::billing::testing {

struct MySqlBackend {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());
};

TEST_CASE_TEMPLATE_INSTANTIATE(store_cards, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_rollback, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_bulk_cards, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_card_list, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_ledger, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_ledger_cdrs, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_reservations, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_cdrs, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_cdr_sums, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_tariffs, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_operators, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_metacharacters, MySqlBackend);

namespace {

// Kills, from outside, every server connection that uses `database` (what a server restart or
// a DBA's KILL does to a pool). Uses the mariadb client, as an operator would.
void kill_connections(const std::string& database) {
  const std::string client =
      "mariadb --no-defaults -N -S \"$PREPAID_DB_SOCKET\" -u\"$PREPAID_DB_USER\" "
      "-p\"$PREPAID_DB_PASSWORD\"";
  const std::string command =
      client +
      " -e \"SELECT CONCAT('KILL ', id, ';') FROM information_schema.processlist WHERE db = '" +
      database + "'\" | " + client;
  REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("a pooled connection killed by the server is replaced; a transaction cut short fails") {
  // Proves reconnection before a transaction's first statement, and StoreUnavailable after it.
  MySqlBackend b;
  Card card = make_card("900000000001", "1");
  {
    auto tx = b.store->begin();
    tx->insert_card(card);
    tx->commit();
  }
  kill_connections(b.db.options().database);
  {
    auto tx = b.store->begin();  // its pooled connection is dead: replaced at the first statement
    CHECK(tx->find_card(card.number, false));
    tx->commit();
  }
  auto tx = b.store->begin();
  auto locked = tx->lock_card(card.number);
  REQUIRE(locked);
  kill_connections(b.db.options().database);
  locked->balance = money("1000");
  CHECK_THROWS_AS(tx->update_card(*locked), StoreUnavailable);
  tx.reset();
  auto check = b.store->begin();
  CHECK(check->find_card(card.number, false)->balance == card.balance);  // nothing was applied
}

TEST_CASE("the store refuses a database whose schema is not the expected one") {
  // Proves the start-up check runs when a MySqlStore opens.
  mysql::testing::TestDatabase empty{false};
  CHECK_THROWS_AS(mysql::MySqlStore{empty.options()}, SchemaMismatch);
}

TEST_CASE("a replaced price list leaves no old rates behind after the commit") {
  // Proves the swap-then-purge import deletes the replaced rows (no growth per import).
  MySqlBackend b;
  TariffRecord t = make_tariff("retail");
  std::vector<rating::Rate> rates;
  for (int i = 0; i < 2500; ++i) rates.push_back(make_rate(std::to_string(100000 + i), "x", "0.1"));
  for (int round = 0; round < 2; ++round) {
    auto tx = b.store->begin();
    if (round == 0) tx->insert_tariff(t);
    tx->replace_price_list(t.id, "base", rates);
    tx->commit();
  }
  CHECK(b.store->row_count("rate") == 2500);
  CHECK(b.store->row_count("price_list") == 1);
  auto tx = b.store->begin();
  CHECK(tx->list_rates(t.id, "base").size() == 2500);
  CHECK(tx->delete_price_list(t.id, "base"));
  tx->commit();
  CHECK(b.store->row_count("rate") == 0);
  CHECK_THROWS_AS(b.store->row_count("card; DROP TABLE card"), StoreError);
}

TEST_CASE("Accounting-On reads a NAS's open sessions, not every call the NAS ever carried") {
  // A gateway that reboots sends Accounting-On: its unclosed sessions are read to be closed.
  // The gateway carried thousands of calls before; the read must go through the open
  // reservations (is_open = 1 in index reservation_open: at most the calls in progress), not
  // the NAS's history (index reservation_session), its card's or the whole table. With
  // schema 4 the statement forced reservation_state (state, expires_at): left to the
  // optimizer it went through the card's index (6,003 rows read), and forced through
  // reservation_session it read 5,003; either fails.
  MySqlBackend b;
  Card card = make_card("900000000071", "1");
  insert_card_with_opening(*b.store, card);
  mysql::Connection conn(b.db.options(), true);
  mysql::testing::add_reservations(conn, card.id, "192.0.2.7", "past-", "", kT0 - 100000, 5000);
  mysql::testing::add_reservations(conn, card.id, "192.0.2.7", "open-", "started", kT0 + 1000, 2);
  mysql::testing::add_reservations(conn, card.id, "192.0.2.8", "other-", "reserved", kT0 + 1000,
                                   1000);
  conn.guard("analyze", [&] { conn.prepare_once("ANALYZE TABLE reservation")->execute(); });

  const std::int64_t before = mysql::testing::index_rows_read(conn);
  int rows = 0;
  conn.guard("unclosed", [&] {
    sql::PreparedStatement& ps = conn.prepared(mysql::StatementId::reservation_unclosed_at_nas);
    mysql::Binder(ps).text("192.0.2.7").instant(at(kT0 + 2000));
    std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
    while (rs->next()) ++rows;
  });
  CHECK(mysql::testing::index_rows_read(conn) - before < 1500);
  CHECK(rows == 2);
  auto tx = b.store->begin();
  CHECK(tx->unclosed_reservations_at("192.0.2.7", at(kT0 + 2000)).size() == 2);
  CHECK(tx->unclosed_reservations_at("192.0.2.8", at(kT0 + 2000)).size() == 1000);
}

TEST_CASE("the online sessions are read from the open reservations, not every call ever made") {
  // `prepaidctl online` and GET /v1/online on a callshop in use: the list must go through the
  // system's open reservations (is_open = 1 in reservation_open: at most the calls in
  // progress), with or without a card, not through every card's history. 1,000 cards with 50
  // past calls and 10 open ones each (the open ones newest, as in a database in use): left to
  // the optimizer, the list without a card read the table in id order until it had 50 open
  // ones (50,049 index entries); with schema 5's index and without STRAIGHT_JOIN it read every
  // card first, then each one's open reservations (21,001); now it reads the 10,000 open ones.
  MySqlBackend b;
  std::vector<Card> cards;
  for (int k = 0; k < 1000; ++k) cards.push_back(make_card(std::to_string(900000001000 + k), "1"));
  {
    auto tx = b.store->begin();
    tx->insert_cards(cards);
    tx->commit();
  }
  mysql::Connection conn(b.db.options(), true);
  // The past calls first: in a database in use the open ones are the newest (highest ids).
  mysql::testing::add_reservations_to_every_card(conn, "192.0.2.7", "past-", "", kT0 - 100000, 50);
  mysql::testing::add_reservations_to_every_card(conn, "192.0.2.7", "open-", "started", kT0 + 1000,
                                                 10);
  conn.guard("analyze", [&] { conn.prepare_once("ANALYZE TABLE reservation")->execute(); });

  const CardId one = cards[7].id;
  for (const std::optional<CardId> which : {std::optional<CardId>{}, std::optional{one}}) {
    CAPTURE(which.has_value());
    const std::int64_t before = mysql::testing::index_rows_read(conn);
    int rows = 0;
    conn.guard("online", [&] {
      sql::PreparedStatement& ps = conn.prepared(mysql::StatementId::reservation_open_list);
      mysql::Binder(ps).instant(at(kT0)).opt_i64(which).opt_i64(which).u32(50).i64(0);
      std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
      while (rs->next()) ++rows;
    });
    CHECK(mysql::testing::index_rows_read(conn) - before < 15000);
    CHECK(rows == (which ? 10 : 50));
  }
  auto tx = b.store->begin();
  CHECK(tx->open_reservations(at(kT0), std::nullopt, Page{9990, 50}).size() == 10);
  const auto mine = tx->open_reservations(at(kT0), one, Page{0, 50});
  REQUIRE(mine.size() == 10);
  CHECK(mine.front().card_id == one);
}

}  // namespace prepaid::billing::testing

#include "mysql/index_reads.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <optional>
#include <stdexcept>

namespace prepaid::mysql::testing {

std::int64_t index_rows_read(Connection& conn) {
  std::int64_t n = -1;
  conn.guard("status", [&] {
    std::unique_ptr<sql::ResultSet> rs(
        conn.prepare_once("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_next', "
                          "'Handler_read_prev', 'Handler_read_rnd_next')")
            ->executeQuery());
    int seen = 0;
    std::int64_t sum = 0;
    while (rs->next()) {
      sum += rs->getInt64(2);
      ++seen;
    }
    if (seen == 3) n = sum;
  });
  if (n < 0) throw std::runtime_error("the server did not report the Handler_read_* counts");
  return n;
}

namespace {

// Inserts reservations as add_reservations describes them: `count` for `card`, or, without
// one, for every card of the database.
void insert_reservations(Connection& conn, std::optional<billing::CardId> card,
                         const std::string& nas, const std::string& prefix,
                         const std::string& state, std::int64_t at, int count) {
  // The card id: bound, or each card's from the join (what the rows come from gives `seq`).
  const std::string card_id = card ? "?" : "c.id";
  const std::string source = card ? "seq_1_to_1000000" : "card c JOIN seq_1_to_10000 s";
  conn.guard("add_reservations", [&] {
    auto ps = conn.prepare_once(
        "INSERT INTO reservation (card_id, nas, session_id, calling, called, digits, "
        "destination, granted_s, amount, currency, tariff, tariff_version, snapshot_sha256, "
        "state, created_at, started_at, expires_at, usage_s, last_interim_at, closed_at) "
        "SELECT " +
        card_id + ", ?, CONCAT(?, " + card_id +
        ", '-', seq), '1', '2', '2', 'd', 60, 1000, 'EUR', 'retail', 1, 'x', "
        "IF(? <> '', ?, IF(seq % 2 = 0, 'expired', 'settled')), ?, ?, ?, 60, NULL, "
        "IF(? <> '', NULL, ?) FROM " +
        source + " WHERE seq <= ?");
    int k = 1;
    if (card) ps->setInt64(k++, *card);
    ps->setString(k++, nas);
    if (card) ps->setInt64(k++, *card);
    ps->setString(k++, prefix);
    ps->setString(k++, state);
    ps->setString(k++, state);
    for (int n = 0; n < 3; ++n) ps->setInt64(k++, at);
    ps->setString(k++, state);
    ps->setInt64(k++, at);
    ps->setInt(k++, count);
    ps->execute();
  });
  conn.commit();
}

}  // namespace

void add_reservations(Connection& conn, billing::CardId card, const std::string& nas,
                      const std::string& prefix, const std::string& state, std::int64_t at,
                      int count) {
  insert_reservations(conn, card, nas, prefix, state, at, count);
}

void add_reservations_to_every_card(Connection& conn, const std::string& nas,
                                    const std::string& prefix, const std::string& state,
                                    std::int64_t at, int count) {
  insert_reservations(conn, std::nullopt, nas, prefix, state, at, count);
}

}  // namespace prepaid::mysql::testing

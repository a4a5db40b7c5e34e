#include "mysql/index_reads.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <stdexcept>

namespace prepaid::mysql::testing {

std::int64_t index_rows_read(Connection& conn) {
  std::int64_t n = -1;
  conn.guard("status", [&] {
    std::unique_ptr<sql::ResultSet> rs(
        conn.prepare_once("SHOW SESSION STATUS LIKE 'Handler_read_next'")->executeQuery());
    if (rs->next()) n = rs->getInt64(2);
  });
  if (n < 0) throw std::runtime_error("the server did not report Handler_read_next");
  return n;
}

void add_reservations(Connection& conn, billing::CardId card, const std::string& nas,
                      const std::string& prefix, const std::string& state, std::int64_t at,
                      int count) {
  conn.guard("add_reservations", [&] {
    auto ps = conn.prepare_once(
        "INSERT INTO reservation (card_id, nas, session_id, calling, called, digits, "
        "destination, granted_s, amount, currency, tariff, tariff_version, snapshot_sha256, "
        "state, created_at, started_at, expires_at, usage_s, last_interim_at, closed_at) "
        "SELECT ?, ?, CONCAT(?, seq), '1', '2', '2', 'd', 60, 1000, 'EUR', 'retail', 1, 'x', "
        "IF(? <> '', ?, IF(seq % 2 = 0, 'expired', 'settled')), ?, ?, ?, 60, NULL, "
        "IF(? <> '', NULL, ?) FROM seq_1_to_1000000 WHERE seq <= ?");
    ps->setInt64(1, card);
    ps->setString(2, nas);
    ps->setString(3, prefix);
    ps->setString(4, state);
    ps->setString(5, state);
    for (int k = 6; k <= 8; ++k) ps->setInt64(k, at);
    ps->setString(9, state);
    ps->setInt64(10, at);
    ps->setInt(11, count);
    ps->execute();
  });
  conn.commit();
}

}  // namespace prepaid::mysql::testing

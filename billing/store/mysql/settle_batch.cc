#include "billing/store/mysql/settle_batch.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <cppconn/exception.h>

#include "billing/store/mysql/row_mapper.h"
#include "billing/store/mysql/statements.h"
#include "billing/store/store_error.h"

namespace prepaid::mysql {

namespace {

using S = StatementId;
using ResultPtr = std::unique_ptr<sql::ResultSet>;

// Runs `work(ps)` on statement `id` repeated `rows` times (prepared once per size and
// connection), turning driver errors into the store's.
template <class Work>
auto with_rows(Connection& conn, StatementId id, std::size_t rows, Work&& work) {
  sql::PreparedStatement& ps = conn.prepared_rows(id, rows);
  return conn.guard(statement(id).tag, [&] { return work(ps); });
}

struct ReservationRow {
  billing::CardId card_id = 0;
  std::string state;
};

using IdPairs = std::vector<std::pair<std::int64_t, std::int64_t>>;

// Booth calls' costs among `cdrs`, summed per shop: [shop id, micro-units] pairs (each shop
// has a booth call among them: the pairs fit the CDRs' count). Empty when none is a booth's.
IdPairs upstream_debits(const std::vector<const billing::Cdr*>& cdrs) {
  std::map<std::int64_t, rating::Money> costs;
  for (const billing::Cdr* cdr : cdrs)
    if (cdr->upstream_shop && cdr->upstream_cost) costs[*cdr->upstream_shop] += *cdr->upstream_cost;
  IdPairs debits;
  for (const auto& [id, money] : costs) debits.emplace_back(id, money.micros());
  return debits;
}

// What a booking's CDR insert returned (RETURNING id, nas, session_id, balance_after), by key.
struct BookedCdr {
  billing::CdrId id = 0;
  std::optional<rating::Money> balance_after;
};
using BookedCdrs = std::map<std::pair<std::string, std::string>, BookedCdr>;

// Executes the booking `ps` (bound), reads the CDRs it returned, then the COMMIT's outcome
// (Connection::drain_results throws when it failed).
BookedCdrs execute_booking(sql::PreparedStatement& ps) {
  BookedCdrs out;
  {
    ResultPtr rs(ps.executeQuery());
    while (rs->next()) {
      RowMapper m(*rs);
      BookedCdr row;
      row.id = m.i64();
      auto nas = m.text();
      auto session = m.text();
      row.balance_after = m.opt_money();
      out[{std::move(nas), std::move(session)}] = row;
    }
  }
  Connection::drain_results(ps);
  return out;
}

// The row the booking returned for `cdr`; a CDR booked without one is the database's error.
const BookedCdr& booked_row(const BookedCdrs& rows, const billing::Cdr& cdr) {
  auto row = rows.find({cdr.key.nas, cdr.key.session_id});
  if (row == rows.end())
    throw billing::StoreError("settle batch: no CDR id returned for " + cdr.key.nas + "/" +
                              cdr.key.session_id);
  return row->second;
}

// The booking of the Stops `booked` (indexes into items, each decided `settled` in `out`, its
// balance_after set) in one round trip: the reservations settled, the balances, the CDRs (each
// with the balance it left: the call's ledger entry, schema 8; their ids come back with their
// keys), the commit. Sets each booked CDR's id in `out` and in its Settlement, only once
// drain_results has seen the commit succeed (it throws otherwise).
void book(Connection& conn, const std::vector<billing::Settlement*>& items,
          const std::vector<std::size_t>& booked,
          const std::map<billing::CardId, rating::Money>& new_balance,
          std::vector<billing::SettleResult>& out) {
  IdPairs closing;  // reservation id, closed at
  std::vector<const billing::Cdr*> cdrs;
  for (auto i : booked) {
    if (items[i]->reservation)
      closing.emplace_back(*items[i]->reservation, items[i]->at.time_since_epoch().count());
    items[i]->cdr.balance_after = out[i].balance_after;
    cdrs.push_back(&items[i]->cdr);
  }
  // A card is charged by at least one of the CDRs: its pairs fit their count.
  IdPairs balances;  // card id, micro-units
  for (const auto& [id, money] : new_balance) balances.emplace_back(id, money.micros());
  const IdPairs debits = upstream_debits(cdrs);
  BookedCdrs returned;
  const StatementId booking = debits.empty() ? S::settle_book_commit_cards : S::settle_book_commit;
  with_rows(conn, booking, booked.size(), [&](sql::PreparedStatement& ps) {
    Binder b(ps);
    b.padded_cases(closing, booked.size()).padded_cases(balances, booked.size());
    if (!debits.empty()) b.padded_cases(debits, booked.size());
    for (auto i : booked) b.cdr(items[i]->cdr);
    returned = execute_booking(ps);
  });
  for (auto i : booked) out[i].cdr = booked_row(returned, items[i]->cdr).id;
  for (auto i : booked) items[i]->cdr.id = out[i].cdr;
}

}  // namespace

std::vector<billing::SettleResult> settle_together(Connection& conn,
                                                   const std::vector<billing::Settlement*>& items) {
  std::vector<billing::SettleResult> out(items.size());
  if (items.empty()) return out;
  conn.set_autocommit(false);

  // 1. The cards, locked in ascending id order (as every batch does: no lock-order cycles),
  //    then their balances and the reservations' states, read after the locks (READ
  //    COMMITTED: the latest commits). One round trip.
  std::set<billing::CardId> card_set;
  std::set<billing::ReservationId> reservation_ids;
  for (const auto* s : items) {
    card_set.insert(s->cdr.card_id);
    if (s->reservation) reservation_ids.insert(*s->reservation);
  }
  const std::vector<billing::CardId> card_ids(card_set.begin(), card_set.end());
  if (card_ids.size() > kMaxGroupRows)
    throw billing::StoreError("settle batch: at most 64 cards at a time");
  const std::vector<billing::ReservationId> reservation_list(reservation_ids.begin(),
                                                             reservation_ids.end());
  std::map<billing::CardId, rating::Money> balance;
  std::map<billing::ReservationId, ReservationRow> reservations;
  // Both lists padded to one length (a reservation is one Stop's, a card one or more's).
  const std::size_t id_rows = padded_rows(std::max(card_ids.size(), reservation_list.size()));
  with_rows(conn, S::settle_lock_and_states, id_rows, [&](sql::PreparedStatement& ps) {
    // The card ids twice (the lock, then the read), then the reservation ids.
    Binder(ps)
        .padded_ids(card_ids, id_rows)
        .padded_ids(card_ids, id_rows)
        .padded_ids(reservation_list, id_rows);
    {
      ResultPtr rs(ps.executeQuery());
      while (rs->next()) {
        RowMapper m(*rs);  // kind, id, balance or card id, state
        const std::string kind = m.text();
        const auto id = m.i64();
        if (kind == "card") {
          balance[id] = m.money();
        } else {
          ReservationRow row;
          row.card_id = m.i64();
          row.state = m.text();
          reservations[id] = std::move(row);
        }
      }
    }
    Connection::drain_results(ps);
  });

  // 2. Each Stop in order, against the balances as the Stops before it left them.
  std::vector<std::size_t> booked;  // indexes into items
  std::set<billing::ReservationId> settled_here;
  std::map<billing::CardId, rating::Money> new_balance;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const billing::Settlement& s = *items[i];
    auto card = balance.find(s.cdr.card_id);
    if (card == balance.end()) {
      out[i].outcome = billing::SettleOutcome::missing;
      continue;
    }
    if (s.reservation) {
      auto r = reservations.find(*s.reservation);
      if (r == reservations.end() || r->second.card_id != s.cdr.card_id) {
        out[i].outcome = billing::SettleOutcome::missing;
        continue;
      }
      if (r->second.state == "settled" || settled_here.count(*s.reservation)) {
        out[i].outcome = billing::SettleOutcome::duplicate;
        continue;
      }
      settled_here.insert(*s.reservation);
    }
    if (!s.cdr.price.is_zero()) {
      card->second = card->second - s.cdr.price;
      new_balance[s.cdr.card_id] = card->second;
    }
    out[i].outcome = billing::SettleOutcome::settled;
    out[i].balance_after = card->second;
    booked.push_back(i);
  }
  if (booked.empty()) {
    conn.commit();  // nothing written; ends the transaction and its locks
    return out;
  }

  book(conn, items, booked, new_balance, out);
  return out;
}

void settle_rated_together(Connection& conn, const std::vector<RatedStop*>& items) {
  if (items.empty()) return;
  conn.set_autocommit(false);

  // 1. The cards of the keys' reservations, locked in ascending id order (found through the
  //    keys, sorted in the statement), then the reservations with their snapshots and their
  //    cards' balances, read after the locks. One round trip.
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto* item : items) keys.emplace_back(item->key->nas, item->key->session_id);
  const std::size_t rows = padded_rows(keys.size());
  std::map<std::pair<std::string, std::string>, billing::Reservation> found;
  std::map<billing::CardId, rating::Money> balance;
  with_rows(conn, S::settle_lock_and_read_keys, rows, [&](sql::PreparedStatement& ps) {
    Binder b(ps);
    for (int twice = 0; twice < 2; ++twice) {  // the lock's keys, then the read's
      for (std::size_t i = 0; i < rows; ++i) {
        const auto& k = keys[std::min(i, keys.size() - 1)];  // padded with the last key
        b.text(k.first).text(k.second);
      }
    }
    {
      ResultPtr rs(ps.executeQuery());
      while (rs->next()) {
        RowMapper m(*rs);  // the reservation's columns, then its card's balance
        billing::Reservation r = m.reservation();
        balance[r.card_id] = m.money();
        auto key = std::make_pair(r.key.nas, r.key.session_id);
        found.emplace(std::move(key), std::move(r));
      }
    }
    Connection::drain_results(ps);
  });
  if (balance.size() > kMaxGroupRows)
    throw billing::StoreError("settle batch: at most 64 cards at a time");

  // 2. Each Stop in order: rated on its reservation as read under the lock, against the
  //    balances as the Stops before it left them.
  std::vector<billing::Settlement*> settlements;
  std::vector<billing::SettleResult> out;
  std::vector<std::size_t> booked;   // indexes into settlements
  std::vector<std::size_t> item_of;  // settlement index -> item index
  std::set<billing::ReservationId> settled_here;
  std::map<billing::CardId, rating::Money> new_balance;
  for (std::size_t i = 0; i < items.size(); ++i) {
    RatedStop& item = *items[i];
    item.result.reset();
    auto row = found.find({item.key->nas, item.key->session_id});
    if (row == found.end()) continue;  // no reservation: the caller's other path
    const billing::Reservation& r = row->second;
    if (r.state == billing::ReservationState::settled || settled_here.count(r.id)) {
      item.result = billing::SettleResult{billing::SettleOutcome::duplicate, 0, {}};
      continue;
    }
    billing::Settlement& s = *item.settlement;
    if ((*item.rate)(r, s) != billing::StopVerdict::book) continue;  // rated elsewhere
    s.cdr.card_id = r.card_id;
    s.reservation = r.id;
    settled_here.insert(r.id);
    rating::Money& left = balance.at(r.card_id);
    if (!s.cdr.price.is_zero()) {
      left = left - s.cdr.price;
      new_balance[r.card_id] = left;
    }
    billing::SettleResult result;
    result.outcome = billing::SettleOutcome::settled;
    result.balance_after = left;
    item.result = result;
    booked.push_back(settlements.size());
    item_of.push_back(i);
    settlements.push_back(&s);
    out.push_back(result);
  }
  if (booked.empty()) {
    conn.commit();  // nothing written; ends the transaction and its locks
    return;
  }

  // 3. The booking, as settle_together's.
  book(conn, settlements, booked, new_balance, out);
  for (std::size_t j = 0; j < settlements.size(); ++j) items[item_of[j]]->result = out[j];
}

bool settle_known_together(Connection& conn, const std::vector<RatedStop*>& items,
                           const std::vector<ReservationCopies::Copy>& known) {
  if (items.size() != known.size())
    throw billing::StoreError("settle batch: a copy for each Stop, or none");
  if (items.empty()) return true;
  conn.set_autocommit(false);

  // 1. Each Stop rated on its copy; the prices summed per card (every card of a booked Stop
  //    is locked by the booking, charged or not), and each Stop's balance_after as the
  //    card's balance after the group plus the prices of the group's later Stops on it.
  std::vector<std::size_t> booked;  // indexes into items
  std::vector<const billing::Cdr*> cdrs;
  std::map<billing::CardId, rating::Money> charged;
  for (std::size_t i = 0; i < items.size(); ++i) {
    RatedStop& item = *items[i];
    item.result.reset();
    const billing::Reservation& r = known[i].reservation;
    billing::Settlement& s = *item.settlement;
    if ((*item.rate)(r, s) != billing::StopVerdict::book) continue;  // rated elsewhere
    s.cdr.card_id = r.card_id;
    s.reservation = r.id;
    charged[r.card_id] += s.cdr.price;
    booked.push_back(i);
    cdrs.push_back(&s.cdr);
  }
  if (booked.empty()) return true;  // nothing to write: no transaction was opened
  std::vector<rating::Money> later(items.size());
  {
    std::map<billing::CardId, rating::Money> after;  // the prices of the Stops after this one
    for (auto k = booked.rbegin(); k != booked.rend(); ++k) {
      const billing::Cdr& cdr = items[*k]->settlement->cdr;
      rating::Money& sum = after[cdr.card_id];
      later[*k] = sum;
      sum += cdr.price;
    }
  }
  IdPairs prices;  // card id, micro-units
  for (const auto& [id, money] : charged) prices.emplace_back(id, money.micros());
  IdPairs closing, revisions;  // reservation id, closed at / the copy's revision
  for (auto i : booked) {
    closing.emplace_back(known[i].reservation.id,
                         items[i]->settlement->at.time_since_epoch().count());
    revisions.emplace_back(known[i].reservation.id, known[i].revision);
  }
  const IdPairs debits = upstream_debits(cdrs);

  // 2. The booking, in one round trip; the CDRs' ids and balances come back before the
  //    COMMIT, and are handed out only once drain_results has seen it succeed.
  const std::size_t rows = booked.size();
  const StatementId id =
      debits.empty() ? S::settle_book_known_commit_cards : S::settle_book_known_commit;
  BookedCdrs returned;
  bool stale = false;
  with_rows(conn, id, rows, [&](sql::PreparedStatement& ps) {
    Binder b(ps);
    b.padded_pairs(prices, rows).padded_cases(prices, rows);
    b.padded_cases(closing, rows).padded_pairs(revisions, rows);
    b.i64(static_cast<std::int64_t>(rows));
    if (!debits.empty()) b.padded_cases(debits, rows);
    for (auto i : booked) b.cdr_balance_from_card(items[i]->settlement->cdr, later[i]);
    try {
      returned = execute_booking(ps);
    } catch (const sql::SQLException& e) {
      // The booking's own refusal (SIGNAL, error 1644): a row moved past its copy, and the
      // statement rolled back before it. Anything else is the database's: thrown on.
      if (e.getErrorCode() != 1644 ||
          std::string_view(e.what()).find(kKnownCopyStale) == std::string_view::npos)
        throw;
      stale = true;
    }
  });
  if (stale) {
    conn.rollback();
    return false;
  }
  for (auto i : booked) {
    billing::Cdr& cdr = items[i]->settlement->cdr;
    const BookedCdr& row = booked_row(returned, cdr);
    if (!row.balance_after)
      throw billing::StoreError("settle batch: no balance returned for " + cdr.key.nas + "/" +
                                cdr.key.session_id);
    cdr.id = row.id;
    cdr.balance_after = row.balance_after;
    items[i]->result =
        billing::SettleResult{billing::SettleOutcome::settled, row.id, *row.balance_after};
  }
  return true;
}

}  // namespace prepaid::mysql

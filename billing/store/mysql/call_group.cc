#include "billing/store/mysql/call_group.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/json_rows.h"
#include "billing/store/mysql/row_mapper.h"
#include "billing/store/mysql/statements.h"
#include "billing/store/store_error.h"
#include "billing/operators/token_digest.h"
#include "billing/validation.h"

namespace prepaid::mysql {
namespace {

using S = StatementId;
using ResultPtr = std::unique_ptr<sql::ResultSet>;

// The reads take their rows as one JSON array (one prepared text for any number of rows). The
// card statement of the reservations comes in a few sizes only (padded_rows); the insert has
// one text per number of rows (up to kMaxGroupRows, on the lane's one connection), so that a
// group's reservations are one statement.
std::int64_t seconds_of(rating::Instant t) {
  return t.time_since_epoch().count();
}

// Printable ASCII of at most `max` characters: what the JSON_TABLE columns hold exactly (a
// longer value would be cut there and could match another row).
bool printable_ascii(std::string_view s, std::size_t max) {
  if (s.size() > max) return false;
  for (const char ch : s) {
    if (ch < 0x20 || ch > 0x7e) return false;
  }
  return true;
}

// The JSON array a JSON_TABLE statement reads: a row [index, ...] per item, then what
// `fields` adds. Throws StoreError (naming `tag`) for an item that is not groupable().
template <class Item, class Fields>
std::string json_rows(std::span<Item* const> items, std::string_view tag, Fields&& fields) {
  JsonRows rows;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!groupable(*items[k]))
      throw billing::StoreError(std::string(tag) + ": a request not groupable");
    fields(rows.row().number(static_cast<std::int64_t>(k)), *items[k]);
  }
  return rows.str();
}

// Runs JSON_TABLE statement `id` (autocommit) on one array with a row per item: its index,
// then what `fields` adds; hands each result row to `map` with the item its index names.
template <class Item, class Fields, class Map>
void read_by_json(Connection& conn, StatementId id, std::span<Item* const> items, Fields&& fields,
                  Map&& map) {
  conn.set_autocommit(true);
  const std::string rows = json_rows(items, statement(id).tag, fields);
  sql::PreparedStatement& ps = conn.prepared(id);
  conn.guard(statement(id).tag, [&] {
    Binder(ps).text(rows);
    ResultPtr rs(ps.executeQuery());
    while (rs->next()) {
      RowMapper m(*rs);
      const auto k = static_cast<std::size_t>(m.i64());
      if (k < items.size()) map(m, *items[k]);
    }
  });
}

// What the transaction found for one card: its locked row, its tariff's version and its open
// reservations' sum and count, to which the items accepted so far in this group are added.
struct CardFigures {
  std::int64_t version = 0;
  std::int64_t balance = 0;
  std::int64_t credit_limit = 0;
  std::uint32_t max_concurrent = 0;
  std::int64_t tariff_version = 0;  // 0: the tariff is missing
  std::int64_t reserved = 0;        // open reservations' amounts, with the items accepted
  std::uint32_t open = 0;           // how many, idem
};

// The card ids of `items`, sorted and unique.
std::vector<std::int64_t> card_ids(std::span<CallReserve* const> items) {
  std::set<std::int64_t> ids;
  for (const CallReserve* item : items) ids.insert(item->reservation->card_id);
  return {ids.begin(), ids.end()};
}

// The first round trip of a group's reservations (cards.lock_and_figures): locks the cards
// `ids` (at most kMaxGroupRows) and reads their figures at `earliest`.
std::map<std::int64_t, CardFigures> lock_and_read(Connection& conn,
                                                  const std::vector<std::int64_t>& ids,
                                                  rating::Instant earliest) {
  if (ids.empty() || ids.size() > kMaxGroupRows)
    throw billing::StoreError("cards.lock_and_figures: 1 to 64 cards at a time");
  std::map<std::int64_t, CardFigures> cards;
  const std::size_t rows = padded_rows(ids.size());
  sql::PreparedStatement& ps = conn.prepared_rows(S::cards_lock_and_figures, rows);
  conn.guard(statement(S::cards_lock_and_figures).tag, [&] {
    Binder(ps).padded_ids(ids, rows).instant(earliest).padded_ids(ids, rows);
    {
      ResultPtr rs(ps.executeQuery());
      while (rs->next()) {
        RowMapper m(*rs);
        CardFigures& f = cards[m.i64()];
        f.version = m.i64();
        f.balance = m.i64();
        f.credit_limit = m.i64();
        f.max_concurrent = m.u32();
        f.tariff_version = m.opt_i64().value_or(0);
        f.reserved = m.i64();
        f.open = m.u32();
      }
    }
    Connection::drain_results(ps);
  });
  return cards;
}

// reserve_in's check (billing/calls/call_steps.h) of one item against its card's figures
// (which count the items accepted before it); accepts it (counts it) when it passes. Sums
// that overflow refuse (no such balance can be spent; reserve_in would refuse too).
bool accept(CardFigures& f, const CallReserve& item) {
  const billing::Reservation& r = *item.reservation;
  if (f.version != item.basis.card_version) return false;
  if (f.tariff_version == 0 || f.tariff_version != r.tariff_version) return false;
  if (f.open >= f.max_concurrent) return false;
  std::int64_t free = 0;
  if (__builtin_add_overflow(f.balance, f.credit_limit, &free) ||
      __builtin_sub_overflow(free, f.reserved, &free))
    return false;
  if (free < r.amount.micros()) return false;
  std::int64_t reserved = 0;
  if (__builtin_add_overflow(f.reserved, r.amount.micros(), &reserved)) return false;
  f.reserved = reserved;
  ++f.open;
  return true;
}

// The second round trip (reservations.insert_commit): inserts `rows` (at most kMaxGroupRows),
// commits, then reads their ids.
void insert_and_commit(Connection& conn, std::span<billing::Reservation* const> rows) {
  if (rows.empty() || rows.size() > kMaxGroupRows)
    throw billing::StoreError("reservations.insert_commit: 1 to 64 rows at a time");
  JsonRows keys;  // each key travels in a JSON array (the ids are read back by key)
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (!groupable(rows[k]->key))
      throw billing::StoreError("reservations.insert_commit: a session key not groupable");
    keys.row()
        .number(static_cast<std::int64_t>(k))
        .text(rows[k]->key.nas)
        .text(rows[k]->key.session_id);
  }
  sql::PreparedStatement& ps = conn.prepared_rows(S::reservations_insert_commit, rows.size());
  conn.guard(statement(S::reservations_insert_commit).tag, [&] {
    Binder b(ps);
    for (const billing::Reservation* r : rows) b.reservation(*r);
    b.text(keys.str());
    std::size_t found = 0;
    {
      ResultPtr rs(ps.executeQuery());
      while (rs->next()) {
        const auto k = static_cast<std::size_t>(rs->getInt64(1));
        if (k >= rows.size()) throw billing::StoreError("reservations.insert_commit: unknown row");
        rows[k]->id = rs->getInt64(2);
        ++found;
      }
    }
    Connection::drain_results(ps);
    if (found != rows.size()) throw billing::StoreError("reservations.insert_commit: missing ids");
  });
}

// Inserts the tariff snapshots of `rows` that `snapshot_known` does not know (once each).
void insert_snapshots(Connection& conn, std::span<billing::Reservation* const> rows,
                      const std::function<bool(const std::string&)>& snapshot_known) {
  std::set<std::string> done;
  for (const billing::Reservation* r : rows) {
    if (snapshot_known(r->snapshot_sha256) || !done.insert(r->snapshot_sha256).second) continue;
    sql::PreparedStatement& ps = conn.prepared(S::snapshot_insert);
    conn.guard(statement(S::snapshot_insert).tag, [&] {
      Binder(ps).text(r->snapshot_sha256).text(r->tariff_snapshot).instant(r->created_at);
      ps.executeUpdate();
    });
  }
}

// The first round trip of decide_together: locks the cards of `items` — by id when `ids`
// knows them all (cards.lock_ids_for_calls), else by number (cards.lock_for_calls) — and reads
// each item's card state after the locks.
void lock_and_read_calls(Connection& conn, std::span<CallDecide* const> items, CardIdCache& ids,
                         std::vector<std::optional<billing::CardState>>& states) {
  if (items.empty() || items.size() > kMaxGroupRows)
    throw billing::StoreError("cards.lock_for_calls: 1 to 64 cards at a time");
  std::vector<std::int64_t> locked;
  for (const CallDecide* item : items) {
    const auto id = ids.find(item->number);
    if (!id) {
      locked.clear();
      break;
    }
    locked.push_back(*id);
  }
  const StatementId id = locked.empty() ? S::cards_lock_for_calls : S::cards_lock_ids_for_calls;
  const std::string reads =
      json_rows(items, statement(id).tag, [](JsonRows& row, const CallDecide& d) {
        row.text(d.number).number(seconds_of(d.now)).text(d.key->nas).text(d.key->session_id);
      });
  const std::size_t rows = padded_rows(items.size());
  sql::PreparedStatement& ps = conn.prepared_rows(id, rows);
  states.assign(items.size(), std::nullopt);
  conn.guard(statement(id).tag, [&] {
    Binder b(ps);
    if (locked.empty()) {
      for (std::size_t k = 0; k < rows; ++k) b.text(items[std::min(k, items.size() - 1)]->number);
    } else {
      b.padded_ids(locked, rows);
    }
    b.text(reads);
    {
      ResultPtr rs(ps.executeQuery());
      while (rs->next()) {
        RowMapper m(*rs);
        const auto k = static_cast<std::size_t>(m.i64());
        if (k < items.size()) states[k] = m.card_for_call();
      }
    }
    Connection::drain_results(ps);
  });
  // Each card read must be the row locked: a remembered id that no longer names this number
  // (a database restored or edited by hand) would leave the card read without its lock.
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!states[k]) continue;
    if (!locked.empty() && states[k]->card.id != locked[k]) {
      for (const CallDecide* item : items) ids.forget(item->number);
      throw billing::StoreError("cards.lock_ids_for_calls: a card id remembered is stale");
    }
    ids.remember(items[k]->number, states[k]->card.id);
  }
}

}  // namespace

bool groupable(const billing::SessionKey& key) {
  return printable_ascii(key.nas, billing::SessionKey::kMaxNasLength) &&
         printable_ascii(key.session_id, billing::SessionKey::kMaxSessionIdLength);
}

bool groupable(const ReservationRead& read) {
  return groupable(*read.key);
}

bool groupable(const CallRead& read) {
  return printable_ascii(read.number, billing::kMaxNumberLength) && groupable(*read.key);
}

bool groupable(const CallDecide& item) {
  return printable_ascii(item.number, billing::kMaxNumberLength) && groupable(*item.key);
}

void read_for_calls(Connection& conn, std::span<CallRead* const> reads) {
  read_by_json(
      conn, S::card_for_calls, reads,
      [](JsonRows& row, const CallRead& r) {
        row.text(r.number).number(seconds_of(r.now)).text(r.key->nas).text(r.key->session_id);
      },
      [](RowMapper& m, CallRead& r) { r.result = m.card_for_call(); });
}

void read_reservations(Connection& conn, std::span<ReservationRead* const> reads) {
  read_by_json(
      conn, S::reservations_by_keys, reads,
      [](JsonRows& row, const ReservationRead& r) { row.text(r.key->nas).text(r.key->session_id); },
      [](RowMapper& m, ReservationRead& r) { r.result = m.reservation(); });
}

void reserve_together(Connection& conn, std::span<CallReserve* const> items) {
  conn.set_autocommit(false);
  // Open at the group's earliest instant: the most that any of its requests can see open.
  rating::Instant earliest = items.front()->basis.now;
  for (const CallReserve* item : items) earliest = std::min(earliest, item->basis.now);
  std::map<std::int64_t, CardFigures> cards = lock_and_read(conn, card_ids(items), earliest);

  std::vector<CallReserve*> accepted;
  std::map<std::string, const billing::Reservation*> new_snapshots;
  for (CallReserve* item : items) {
    auto it = cards.find(item->reservation->card_id);
    if (it == cards.end() || !accept(it->second, *item)) {
      item->outcome = billing::ReserveOutcome::changed;
      continue;
    }
    accepted.push_back(item);
    if (!item->snapshot_stored)
      new_snapshots.emplace(item->reservation->snapshot_sha256, item->reservation);
  }
  if (accepted.empty()) {
    conn.commit();  // nothing written; ends the transaction and its locks
    return;
  }
  for (const auto& [sha256, r] : new_snapshots) {
    sql::PreparedStatement& ps = conn.prepared(S::snapshot_insert);
    conn.guard(statement(S::snapshot_insert).tag, [&] {
      Binder(ps).text(sha256).text(r->tariff_snapshot).instant(r->created_at);
      ps.executeUpdate();
    });
  }
  std::vector<billing::Reservation*> rows;
  for (CallReserve* item : accepted) rows.push_back(item->reservation);
  insert_and_commit(conn, rows);
  for (CallReserve* item : accepted) item->outcome = billing::ReserveOutcome::reserved;
}

void decide_together(Connection& conn, std::span<CallDecide* const> items,
                     const std::function<bool(const std::string&)>& snapshot_known,
                     CardIdCache& ids) {
  conn.set_autocommit(false);
  std::vector<std::optional<billing::CardState>> states;
  lock_and_read_calls(conn, items, ids, states);

  // What this group reserved so far on each card: counted as open for the items after it.
  struct Taken {
    rating::Money amount;
    std::uint32_t calls = 0;
  };
  std::map<billing::CardId, Taken> taken;
  std::vector<billing::Reservation*> accepted;
  for (std::size_t k = 0; k < items.size(); ++k) {
    CallDecide& item = *items[k];
    item.found = states[k].has_value();
    item.verdict = billing::LockedVerdict::elsewhere;
    if (!item.found) continue;
    billing::CardState& st = *states[k];
    if (auto t = taken.find(st.card.id); t != taken.end()) {
      try {
        st.reserved = st.reserved + t->second.amount;
      } catch (const rating::MoneyOverflow&) {
        continue;  // elsewhere: the two-step path decides it
      }
      st.open_calls += t->second.calls;
    }
    billing::Reservation& r = *item.reservation;
    r = billing::Reservation{};
    item.verdict = (*item.decide)(st, r);
    if (item.verdict != billing::LockedVerdict::reserve) continue;
    if (r.card_id != st.card.id || !groupable(r.key))
      throw billing::StoreError("cards.lock_for_calls: a decision for another card or key");
    if (r.snapshot_sha256.empty()) r.snapshot_sha256 = billing::sha256_hex(r.tariff_snapshot);
    Taken& t = taken[st.card.id];
    t.amount = t.amount + r.amount;  // within the card's balance: cannot overflow
    ++t.calls;
    accepted.push_back(&r);
  }
  if (accepted.empty()) {
    conn.commit();  // nothing written; ends the transaction and its locks
    return;
  }
  insert_snapshots(conn, accepted, snapshot_known);
  insert_and_commit(conn, accepted);
}

}  // namespace prepaid::mysql

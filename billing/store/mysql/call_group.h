#pragma once
/// @file call_group.h
/// @brief The authorization steps of several concurrent calls done together, in one round trip
/// for the reads and one transaction for the reservations (internal to the MySQL store).
///
/// MySqlStore hands these functions the requests that GroupCommit (group_commit.h) gathered:
/// the RADIUS threads that asked at the same moment. Under load most of the database's work
/// per statement (parsing, optimising, the commit) is then shared by a group instead of paid
/// by each call; the answers are the ones each request would have got alone.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "billing/calls/call_steps.h"
#include "billing/calls/card_state.h"
#include "billing/store/mysql/card_id_cache.h"
#include "billing/calls/reservation.h"
#include "billing/calls/session_key.h"
#include "rating/time_zone.h"

namespace prepaid::mysql {

class Connection;

/// @brief One authorization's committed read of its card (Store::read_card_for_call).
struct CallRead {
  std::string_view number;
  const billing::SessionKey* key = nullptr;
  rating::Instant now;
  std::optional<billing::CardState> result;  ///< set by read_for_calls; empty: no such card
};

/// True when `read` can be read with others: its number (at most 32 characters) and session
/// key (SessionKey's limits) are printable ASCII — they travel in a JSON array into columns
/// of those sizes; the others are read alone.
bool groupable(const CallRead& read);

/// Reads the cards of `reads` in one statement (autocommit, READ COMMITTED: what
/// card.for_call_by_number reads for each, at each request's own `now` and session key).
/// Throws StoreError if one is not groupable().
void read_for_calls(Connection& conn, std::span<CallRead* const> reads);

/// @brief One Stop's committed read of its reservation (Store::read_reservation).
struct ReservationRead {
  const billing::SessionKey* key = nullptr;
  std::optional<billing::Reservation> result;  ///< set by read_reservations; empty: none
};

/// True when `key` can be looked up with others: printable ASCII within SessionKey's limits.
bool groupable(const billing::SessionKey& key);

/// The same for a Stop's reservation read: its key is groupable().
bool groupable(const ReservationRead& read);

/// Reads the reservations of `reads` (with their tariff snapshots) in one statement
/// (autocommit, READ COMMITTED: what reservation.by_key reads for each). Throws StoreError
/// if a key is not groupable().
void read_reservations(Connection& conn, std::span<ReservationRead* const> reads);

/// @brief One reservation to make (Store::reserve): the decision's reservation and basis.
struct CallReserve {
  billing::Reservation* reservation = nullptr;
  billing::GrantBasis basis;
  bool snapshot_stored = false;  ///< its tariff snapshot is known to be in the database
  billing::ReserveOutcome outcome = billing::ReserveOutcome::changed;
};

/// Reserves `items` (at most 64, each with a groupable() session key) in ONE transaction of
/// two round trips and commits it: locks their cards (in id order) and, in a statement of its
/// own after the locks, reads the cards' figures, their tariff versions and their open
/// reservations' sum and count at the earliest `basis.now` of the group (never fewer than any
/// item would see at its own instant); then checks each item in turn as reserve_in does
/// (billing/calls/call_steps.h), counting the items accepted before it on the same card,
/// inserts the accepted ones, commits, and only then reads their ids. Items refused get `changed`. Throws
/// StoreDuplicate when a session key is already taken (nothing is committed: the caller then
/// reserves each alone, which says which one), and the store's other errors; the caller rolls
/// back after an exception.
void reserve_together(Connection& conn, std::span<CallReserve* const> items);

/// @brief One authorization decided under its card's row lock and reserved in the same
/// transaction (Store::decide_and_reserve).
struct CallDecide {
  std::string_view number;
  const billing::SessionKey* key = nullptr;
  rating::Instant now;
  const billing::CallDecider* decide = nullptr;
  billing::Reservation* reservation = nullptr;  ///< filled by `decide`; its id once stored
  bool found = false;                           ///< set by decide_together: the card exists
  billing::LockedVerdict verdict = billing::LockedVerdict::elsewhere;  ///< when found
};

/// True when `item` can be decided with others: as groupable(CallRead).
bool groupable(const CallDecide& item);

/// Decides `items` (at most 64, each groupable()) in ONE transaction of two round trips and
/// commits it: locks their cards — in id order when `ids` knows every one's id
/// (cards.lock_ids_for_calls), else in number order (cards.lock_for_calls) — and, in a
/// statement of its own after the locks, reads for each what card.for_calls reads (a card read
/// that was not locked — a stale id — throws StoreError and forgets the group's ids); then hands
/// each item in turn its card's state — with the reservations accepted before it in this group
/// on the same card added to the open ones — to its decider; inserts the reservations of those
/// that answered reserve (their tariff snapshots first, unless `snapshot_known`), commits, and
/// only then reads their ids. Throws the store's errors (StoreDuplicate when a session key is
/// taken, StoreConflict on a deadlock with a group that locks in id order): nothing is
/// committed, the caller rolls back and decides each alone.
void decide_together(Connection& conn, std::span<CallDecide* const> items,
                     const std::function<bool(const std::string&)>& snapshot_known,
                     CardIdCache& ids);

}  // namespace prepaid::mysql

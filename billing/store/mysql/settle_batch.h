#pragma once
/// @file settle_batch.h
/// @brief settle_together: several rated Stops booked in one transaction (internal to the
/// MySQL store, which groups concurrent Store::settle calls with GroupCommit).
///
/// The same booking as settle_in (billing/calls/call_steps.h, one Stop), for n Stops at once
/// (on at most 64 cards) in two round trips: lock the cards (ascending id) and read their
/// balances and the reservations' states; decide each Stop in order — missing card or
/// reservation → missing; reservation already settled (before or earlier in this batch) →
/// duplicate; otherwise booked, its price taken from the card's balance as it stands after the
/// Stops before it — then one compound statement that closes the reservations, updates the
/// balances (version + 1 per card), inserts the CDRs (one multi-row insert; each CDR carries
/// the balance it left: it is the call's ledger row, billing/call_charge.h) and commits; the
/// CDRs' ids come back from the insert, and are handed out only once the commit is known to
/// have succeeded. Every id and value is a bound parameter (an IN list, a CASE per row):
/// MariaDB spends less on them than on a join on a JSON array.
///
/// Anything the database refuses (a CDR whose (nas, session_id) already exists, a deadlock,
/// a lost connection) throws: the caller rolls back and books the Stops one by one, where
/// each gets its own answer (a batch whose commit went through before the connection was
/// lost is then found booked: duplicate, never charged twice).

#include <optional>
#include <vector>

#include "billing/calls/call_steps.h"
#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/reservation_copies.h"

namespace prepaid::mysql {

/// Books `items` on `conn` (manual-commit mode) and commits; the answer of each, in order
/// (settled ones get their Settlement::cdr.id set). Throws StoreError / StoreConflict /
/// StoreUnavailable / StoreDuplicate; nothing is committed unless the commit itself went
/// through.
std::vector<billing::SettleResult> settle_together(Connection& conn,
                                                   const std::vector<billing::Settlement*>& items);

/// @brief A Stop to rate under its card's row lock and book (Store::rate_and_settle).
struct RatedStop {
  const billing::SessionKey* key = nullptr;
  const billing::StopRater* rate = nullptr;
  billing::Settlement* settlement = nullptr;  ///< filled by `rate`, then booked
  /// The answer: nullopt when the key has no reservation or `rate` answered elsewhere.
  std::optional<billing::SettleResult> result;
};

/// Rates and books `items` on `conn` (manual-commit mode) in two round trips, as
/// rate_and_settle_in does each: lock the cards of the keys' reservations (found through the
/// keys, in ascending id order) and read the reservations (with their tariff snapshots) and the
/// cards' balances after the locks; then, for each Stop in order, no reservation → nullopt;
/// settled (before, or earlier in this batch) → duplicate; otherwise its rater's answer — book
/// (against the balance as the Stops before it left it) or elsewhere (nullopt); then the
/// booking as settle_together's. Sets each item's result. Throws as settle_together does.
void settle_rated_together(Connection& conn, const std::vector<RatedStop*>& items);

/// Rates and books `items` as settle_rated_together does, but on `known` (known[i]: the copy
/// of items[i]'s reservation this node kept, ReservationCopies) instead of a read: one round
/// trip, settle.book_known_commit[_cards] — the cards' balances lowered by their Stops'
/// prices (locked there, in ascending id order), the reservations settled where the row's
/// revision is still the copy's, the CDRs (their balance_after read from the locked card
/// plus the group's later Stops on it, and returned), the commit. A Stop its rater does not
/// book here gets no result (the caller's other path reads it under the lock).
///
/// Returns false, with nothing written and no item's result set, when a reservation's row
/// is no longer at its copy's revision (changed since by another node or path): the caller
/// reads and books the group (settle_rated_together). Throws as settle_together does.
bool settle_known_together(Connection& conn, const std::vector<RatedStop*>& items,
                           const std::vector<ReservationCopies::Copy>& known);

}  // namespace prepaid::mysql

#pragma once
/// @file call_steps.h
/// @brief The call path's single-step store operations (Store::reserve, Store::settle, …):
/// their inputs and outcomes, and their reference implementation on a Transaction.
///
/// An authorization decides on a committed read of the card (Store::read_card_for_call) and
/// then reserves in one atomic step that re-checks, under the card's row lock, that what the
/// decision was based on still holds (GrantBasis). A Stop rates from a committed read of its
/// reservation and books the call in one atomic step (Settlement). On MySQL each step is one
/// round trip; the money decisions are still made under the card's row lock.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/cdr.h"
#include "billing/calls/reservation.h"
#include "billing/calls/session_key.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

class Transaction;
struct Card;
struct CardState;

/// @brief What a grant was computed from; Store::reserve re-checks it under the row lock.
struct GrantBasis {
  std::int64_t card_version = 0;  ///< CardState::card_version of the read
  rating::Instant now{};          ///< reservations open at this instant count
};

/// @brief The outcome of Store::reserve. Only `reserved` wrote anything.
enum class ReserveOutcome {
  reserved,   ///< inserted and committed; Reservation::id is set
  changed,    ///< the card, its tariff's version, its open reservations or its free balance
              ///< no longer allow it: read again and decide again
  duplicate,  ///< the reservation's SessionKey already has one
};

/// @brief What a CallDecider answers (Store::decide_and_reserve). Only `reserve` writes.
enum class LockedVerdict {
  reserve,    ///< store the Reservation the decider filled
  refuse,     ///< decided: a refusal, nothing to store
  elsewhere,  ///< not decided here (a first use, a repeated request, a tariff not loaded yet):
              ///< nothing written; the caller decides on its other path
};

/// Decides one authorization on `st`, the card read under its row lock (its open
/// reservations include those reserved before it in the same transaction), filling `r` when
/// it answers reserve. It must have no other lasting effect and must not wait on anything:
/// a group of requests waits for it under their cards' locks, and it may be called again for
/// the same request (when a group is redone request by request).
using CallDecider = std::function<LockedVerdict(const CardState& st, Reservation& r)>;

/// @brief A rated call to book (Store::settle): its CDR and the reservation it closes. The CDR
/// is the call's ledger row (call_charge.h): the booking sets its balance_after.
struct Settlement {
  Cdr cdr;  ///< rated; card_id, card_number, key, price, currency are used for the booking
  /// The reservation closed as settled (nullopt: a call without one).
  std::optional<ReservationId> reservation;
  rating::Instant at{};  ///< the reservation's closed_at
};

/// @brief What a StopRater answers (Store::rate_and_settle). Only `book` writes.
enum class StopVerdict {
  book,       ///< book the Settlement the rater filled
  elsewhere,  ///< not decided here (an expired reservation, a price above what it holds, an
              ///< unreadable snapshot): nothing written; the caller takes its other path
};

/// Rates one Stop on `r`, its call's reservation as read under the card's row lock (not
/// settled), filling `s` (its CDR's card is r's, its reservation r) when it answers book. Like
/// a CallDecider it must have no other lasting effect and must not wait on anything: a group
/// of Stops waits for it under their cards' locks, and it may be called again for the same
/// Stop (when a group is redone request by request).
using StopRater = std::function<StopVerdict(const Reservation& r, Settlement& s)>;

/// @brief The outcome of Store::settle. Only `settled` wrote anything.
enum class SettleOutcome {
  settled,    ///< CDR (the ledger entry), balance (price ≠ 0) and reservation committed
  duplicate,  ///< the reservation was already settled or the (nas, session_id) has a CDR
  missing,    ///< no such card, or the reservation is not the card's
};

/// @brief What Store::settle did.
struct SettleResult {
  SettleOutcome outcome = SettleOutcome::missing;
  CdrId cdr = 0;                ///< when settled
  rating::Money balance_after;  ///< when settled: the card's balance after the charge
};

/// @brief The outcome of Store::start_call (Accounting-Start).
enum class StartOutcome {
  started,         ///< reserved → started
  no_reservation,  ///< the SessionKey has none
  not_reserved,    ///< already started or closed: nothing changed
  expired,         ///< still reserved but no longer open (never revived): nothing changed
};

/// @brief The outcome of Store::record_call_usage (Interim-Update).
enum class UsageOutcome {
  recorded,        ///< usage_s and last_interim_at written
  no_reservation,  ///< the SessionKey has none
  closed,          ///< the reservation is settled, released or expired: nothing changed
};

// ---- Reference implementations on a Transaction (MemoryStore uses them; MySqlStore has
// one-round-trip versions that must behave the same — the contract suite runs on both).
// Each commits `tx` when it wrote something; a caller passes a fresh transaction.

/// Store::reserve in `tx`.
ReserveOutcome reserve_in(Transaction& tx, Reservation& r, const GrantBasis& basis);
/// Store::decide_and_reserve in `tx`.
std::optional<LockedVerdict> decide_and_reserve_in(Transaction& tx, std::string_view number,
                                                   const SessionKey& key, rating::Instant now,
                                                   const CallDecider& decide, Reservation& r);
/// Store::settle in `tx`.
SettleResult settle_in(Transaction& tx, Settlement& s);
/// Store::rate_and_settle in `tx`.
std::optional<SettleResult> rate_and_settle_in(Transaction& tx, const SessionKey& key,
                                               rating::Instant now, const StopRater& rate,
                                               Settlement& s);
/// The booking part of a settlement, in the caller's transaction, with `card` locked in it and
/// read there (its balance is updated): inserts the CDR with the balance it leaves
/// (Cdr::balance_after: the CDR is the call's ledger row; false when it is a duplicate: nothing
/// written), then the balance when the price is not zero, a booth call's cost on its shop's
/// upstream (Cdr::upstream_cost), then closes the reservation. Does not commit.
bool book_call(Transaction& tx, Card& card, Settlement& s);
/// Store::start_call in `tx`.
StartOutcome start_call_in(Transaction& tx, const SessionKey& key, rating::Instant started_at,
                           std::uint32_t grace_s, rating::Instant now);
/// Store::record_call_usage in `tx`.
UsageOutcome record_call_usage_in(Transaction& tx, const SessionKey& key, std::uint32_t usage_s,
                                  rating::Instant at);

}  // namespace prepaid::billing

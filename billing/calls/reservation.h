#pragma once
/// @file reservation.h
/// @brief Reservation: money set aside for a call from its authorization until its Stop.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/nas_identity.h"
#include "billing/calls/session_key.h"
#include "billing/cards/card.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using ReservationId = std::int64_t;

/// @brief Where a reservation is in its life.
///
/// reserved (authorized) → started (Accounting-Start seen) → settled (Stop charged). A
/// reservation that is reserved or started and whose expires_at has not passed is *open*: it
/// counts against the free balance and the concurrent-call limit. Past expires_at it stops
/// counting by itself (a lost Stop never locks a card); a sweep may then mark it `expired`.
/// `released`: closed without a charge (Accounting-On/Off with no known usage).
enum class ReservationState { reserved, started, settled, released, expired };
std::string_view to_string(ReservationState state);  ///< "reserved", "started", …
std::optional<ReservationState> parse_reservation_state(std::string_view text);

/// @brief Money reserved for one call (one SessionKey) on one card.
struct Reservation {
  ReservationId id = 0;
  CardId card_id = 0;
  std::string card_number;          ///< for display (online sessions); filled by reads
  SessionKey key;                   ///< unique: one reservation per (nas, session_id)
  std::string calling;              ///< Calling-Station-Id (ANI) as received, may be empty
  NasIdentity nas_identity;         ///< how the NAS named the call (Disconnect-Request)
  std::string called;               ///< Called-Station-Id as received
  std::string digits;               ///< called number normalised by the tariff's number plan
  std::string destination;          ///< name of the matched rate ("United Kingdom Mobile")
  std::uint32_t granted_s = 0;      ///< seconds granted (h323-credit-time / Session-Timeout)
  rating::Money amount;             ///< price of granted_s: what is set aside
  std::string currency;             ///< the card's currency
  std::string tariff;               ///< tariff name at authorization
  std::int64_t tariff_version = 0;  ///< its version at authorization
  /// format_tariff_text(tariff.restricted_to(digits)): the tariff this call was granted
  /// under, so its Stop is rated at the price it was granted even if the tariff changed.
  /// Empty in listings (not read). Stored once per distinct text (keyed by snapshot_sha256).
  std::string tariff_snapshot;
  /// SHA-256 (hex) of tariff_snapshot: the key it is stored under. Filled by the stores on
  /// insert when empty; callers that know it (the tariff cache memoises it) may set it.
  std::string snapshot_sha256;
  /// A booth call of a shop with an upstream account and a cost tariff (shop_upstream.h): the
  /// shop whose upstream balance pays the call's cost, what the grant costs there (held while
  /// the call is open) and the cost tariff restricted to the number, with which the Stop
  /// prices the cost. nullopt / 0 / "" for other calls.
  std::optional<std::int64_t> upstream_shop;
  rating::Money upstream_hold;
  std::string upstream_snapshot;
  ReservationState state = ReservationState::reserved;
  rating::Instant created_at{};
  std::optional<rating::Instant> started_at;  ///< Accounting-Start (connect) instant
  /// After this instant the reservation no longer counts: created_at + answer window +
  /// granted_s + grace, or, once started, started_at + granted_s + grace.
  rating::Instant expires_at{};
  std::uint32_t usage_s = 0;  ///< last Acct-Session-Time reported by an Interim-Update
  std::optional<rating::Instant> last_interim_at;
  std::optional<rating::Instant> closed_at;  ///< when settled / released / expired

  /// True when it still counts against the balance at `now`.
  bool open_at(rating::Instant now) const {
    return (state == ReservationState::reserved || state == ReservationState::started) &&
           expires_at > now;
  }
};

}  // namespace prepaid::billing

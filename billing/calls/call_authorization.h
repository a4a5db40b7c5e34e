#pragma once
/// @file call_authorization.h
/// @brief The values of the RADIUS authorization path: AccountLookup, CallRequest,
/// CallDecision.

#include <cstdint>
#include <optional>
#include <string>

#include "billing/calls/card_state.h"
#include "billing/calls/chap_response.h"
#include "billing/calls/digest_response.h"
#include "billing/calls/reservation.h"
#include "billing/calls/session_key.h"
#include "billing/cards/card.h"
#include "billing/return_code.h"
#include "rating/currency.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief A committed read of a card for one call (Store::read_card_for_call). lookup_account()
/// returns it so that authorize_call() for the same request decides on it without reading
/// again; the reservation step re-checks it under the card's row lock, so it may be stale.
struct CardRead {
  CardState state;  ///< with the PIN: never log it
  SessionKey key;   ///< the SessionKey the read looked for (CardState::existing)
};

/// @brief What the module's authorize step needs before FreeRADIUS verifies the password:
/// whether the account exists and may call, and its PIN for control:Cleartext-Password (so
/// that FreeRADIUS's own pap/chap/digest modules check it). Read-only: nothing is changed.
struct AccountLookup {
  /// ok when the card exists and its status allows calls (a `new` card with first-use
  /// activation is ok); invalid_account, disabled (also: dropped, or waiting for manual
  /// activation), expired, invalid_argument (malformed number) otherwise.
  ReturnCode code = ReturnCode::invalid_account;
  /// The cleartext PIN; set whenever the card exists, empty otherwise. Never log it.
  std::string pin;
  std::optional<CardStatus> status;  ///< effective status, when the card exists
  std::optional<CardKind> kind;      ///< when the card exists
  /// balance + credit_limit − open reservations, in the card's currency, when it exists.
  std::optional<rating::Amount> free_balance;
  std::string message;  ///< human-readable reason (no secrets)
  /// The read itself, whenever the card exists: pass it to authorize_call() for the same
  /// request.
  std::optional<CardRead> read;
};

/// @brief An authorization request: stage 1 (no called number) or stage 2 / single stage.
struct CallRequest {
  std::string account;  ///< card/account number as keyed (User-Name); digits only
  /// When set, the core checks it (ReturnCode::invalid_pin on mismatch). Leave it empty when
  /// FreeRADIUS already verified the password with Cleartext-Password from lookup_account().
  std::optional<std::string> pin;
  /// A CHAP answer instead of the PIN (RADIUS CHAP): when set and `pin` is not, the core
  /// checks it against the card's PIN the same way (ReturnCode::invalid_pin on mismatch).
  std::optional<ChapResponse> chap;
  /// A SIP digest answer instead (draft-sterman): when set and `pin` is not, the core checks
  /// it against the card's PIN too; on a mismatch CallService::authorize_with_pin leaves the
  /// request to the other path (FreeRADIUS's digest module then decides), never refuses it.
  std::optional<DigestResponse> digest;
  /// Identifies the call; required for stage 2 (it keys the reservation), ignored in stage 1.
  SessionKey key;
  /// Called-Station-Id. Empty = stage 1 (authentication only: no reservation).
  std::string called;
  std::string calling;  ///< Calling-Station-Id (ANI), recorded, may be empty
  /// How the NAS named the call (kept with the reservation for a Disconnect-Request).
  NasIdentity nas_identity;
  /// When the call is set up; defaults to the service's clock. The grant is priced from here.
  std::optional<rating::Instant> at;
};

/// @brief The answer to a CallRequest.
struct CallDecision {
  ReturnCode code = ReturnCode::invalid_account;
  /// Stage 2 with code ok: seconds the call may last (h323-credit-time, Session-Timeout);
  /// > 0. Otherwise 0.
  std::uint32_t granted_s = 0;
  /// Free balance before this call's reservation: balance + credit_limit − other open
  /// reservations (h323-credit-amount). Set whenever the card exists.
  std::optional<rating::Amount> free_balance;
  /// Stage 2 with code ok: the price of granted_s, now set aside. Zero otherwise.
  rating::Money reserved;
  std::string destination;                   ///< stage 2: name of the matched rate, when it matched
  std::optional<ReservationId> reservation;  ///< stage 2 with code ok
  /// True when this repeats an authorization of the same SessionKey whose call had not
  /// started: it was decided afresh (destination, time, balance) and its decision replaced
  /// the earlier one in the same reservation (or, refused, released it).
  bool repeated = false;
  /// True when this request activated the card (first use).
  bool activated = false;
  /// A wrong PIN that locked the card (CallPolicy::pin_attempts): until when.
  std::optional<rating::Instant> locked_until;
  std::string message;  ///< human-readable reason (no secrets), for the log
  /// What the caller is told of a refusal (Reply-Message), when more precise than the code's
  /// own text ("Account not activated" for a disabled code); empty otherwise.
  std::string reply_message;
};

}  // namespace prepaid::billing

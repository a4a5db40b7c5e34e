#pragma once
/// @file accounting_event.h
/// @brief The values of the RADIUS accounting path: AccountingEvent and AccountingResult.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/cdr.h"
#include "billing/return_code.h"
#include "billing/calls/session_key.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// Longest Called-/Calling-Station-Id kept (their columns are 64 wide); longer is refused.
inline constexpr std::size_t kMaxStationLength = 64;

/// @brief Acct-Status-Type, as far as billing cares.
enum class AccountingKind {
  start,           ///< 1: the call was answered; confirms its reservation
  interim,         ///< 3: Interim-Update: records the usage so far
  stop,            ///< 2: rates the call, writes the CDR, debits the ledger
  accounting_on,   ///< 7: the NAS (re)started: close its open sessions
  accounting_off,  ///< 8: the NAS is stopping: close its open sessions
};
std::string_view to_string(AccountingKind kind);  ///< "start", "interim", …

/// @brief One accounting record, already decoded by the front end.
struct AccountingEvent {
  AccountingKind kind = AccountingKind::stop;
  /// The call (same key as its authorization). For accounting_on/off only `key.nas` is used.
  SessionKey key;
  /// User-Name: the card number. Used only when no reservation exists for `key` (a Stop
  /// without authorization is rated against this card with its current tariff).
  std::string account;
  std::string called;                         ///< Called-Station-Id
  std::string calling;                        ///< Calling-Station-Id
  std::optional<rating::Instant> setup_at;    ///< h323-setup-time
  std::optional<rating::Instant> connect_at;  ///< h323-connect-time (answer)
  std::optional<rating::Instant> end_at;      ///< h323-disconnect-time
  /// Acct-Session-Time: the answered duration. When absent, end_at − connect_at, else the
  /// event instant − the reservation's start, else 0.
  std::optional<std::uint32_t> session_time_s;
  /// When it happened: Event-Timestamp, else arrival − Acct-Delay-Time. Required.
  rating::Instant event_at{};
  std::string disconnect_cause;  ///< h323-disconnect-cause / Acct-Terminate-Cause, as text
};

/// @brief What an accounting record did.
enum class AccountingOutcome {
  recorded,         ///< start/interim applied to the reservation, or stop charged (CDR written)
  duplicate,        ///< already applied (repeated or late Stop, Start after Stop): no change
  no_reservation,   ///< start/interim for a call with no open reservation: nothing to update
  sessions_closed,  ///< accounting_on/off: `sessions_closed` sessions of the NAS were closed
  refused,          ///< unusable record (see code and message): nothing changed
};
std::string_view to_string(AccountingOutcome outcome);

/// @brief The result of record_accounting(). Every result means "processed": the front end
/// acknowledges it (Accounting-Response). Only exceptions (StoreUnavailable, StoreError) mean
/// "not processed, let the NAS retransmit".
struct AccountingResult {
  AccountingOutcome outcome = AccountingOutcome::refused;
  /// ok, or why a record was refused: invalid_argument (malformed key or times),
  /// invalid_account (Stop without reservation for an unknown card).
  ReturnCode code = ReturnCode::ok;
  std::optional<CdrId> cdr;           ///< the CDR written by this Stop (or the existing one)
  rating::Money charged;              ///< what this record debited (0 unless a Stop charged)
  std::string currency;               ///< of `charged`
  std::uint32_t billed_s = 0;         ///< billed duration of the Stop
  std::uint32_t sessions_closed = 0;  ///< accounting_on/off
  /// A Stop's review reasons (Cdr::review), "" when none: the front end logs it as a warning.
  std::string review;
  rating::Money unbilled;  ///< a Stop's Cdr::unbilled, in `currency`
  std::string message;
};

}  // namespace prepaid::billing

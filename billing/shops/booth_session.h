#pragma once
/// @file booth_session.h
/// @brief BoothSession and BoothState: a customer's use of a booth, opened at the counter
/// (prepaid with a deposit, or postpaid with a credit limit) and closed at checkout, and the
/// state a booth is in.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/cards/card.h"
#include "billing/shops/shift.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using BoothSessionId = std::int64_t;

/// @brief How a booth session is paid. Stored as text.
enum class SessionKind {
  prepaid,   ///< a deposit taken in cash at the open: calls may spend up to it
  postpaid,  ///< a credit limit: calls may spend up to it, the customer pays at checkout
};

std::string_view to_string(SessionKind kind);  ///< "prepaid", "postpaid"
std::optional<SessionKind> parse_session_kind(std::string_view text);

/// @brief A booth session as stored.
///
/// Opening one moves money on the booth's account so that the ordinary authorization grants
/// exactly what the session allows: a prepaid session's deposit is a ledger row (recharge) on
/// the account, a postpaid session's limit is the account's credit limit. Closing it zeroes
/// what is left with one ledger row (adjustment) and the credit limit: the account is back at
/// 0, the ledger check still holds.
struct BoothSession {
  BoothSessionId id = 0;
  CardId card_id = 0;
  ShiftId shift_id = 0;  ///< the shift in which it was opened (its deposit's cash)
  SessionKind kind = SessionKind::prepaid;
  rating::Money amount;  ///< the deposit (prepaid) or the credit limit (postpaid)
  rating::Instant opened_at{};
  std::string opened_by;
  std::optional<rating::Instant> closed_at;
  std::string closed_by;
  std::optional<ShiftId> closed_in;  ///< the shift in which it was closed
  /// At the close: what its calls cost (deposit − balance left; or − the balance).
  std::optional<rating::Money> spent;
  /// At the close: cash handed over at checkout; > 0 paid by the customer (postpaid), < 0
  /// given back (the rest of a deposit).
  std::optional<rating::Money> settled;

  bool open() const { return !closed_at.has_value(); }
};

/// @brief Where a booth stands, derived from its account and its session (never stored).
enum class BoothState {
  disabled,           ///< its account is disabled or dropped: it authorizes nothing
  free,               ///< no session: calls are refused until the counter opens one
  open,               ///< a session without calls yet
  in_call,            ///< a call in progress (an open reservation)
  awaiting_checkout,  ///< a session whose calls have cost something, none in progress
};

std::string_view to_string(BoothState state);  ///< "disabled", "free", "open", "in_call", …

/// The state of a booth whose account is `account`, with `session` open (or none) and
/// `open_calls` open reservations. `spent` is what the session's calls cost so far.
BoothState booth_state(const Card& account, const std::optional<BoothSession>& session,
                       std::uint32_t open_calls, rating::Money spent);

/// What a session's calls have cost so far, read from its booth's account: deposit − balance
/// (prepaid), − balance (postpaid).
rating::Money session_spent(const BoothSession& session, const Card& account);

}  // namespace prepaid::billing

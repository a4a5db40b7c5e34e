#pragma once
/// @file return_code.h
/// @brief ReturnCode: the outcome of an authorization, with Cisco h323-return-code values.

#include <optional>
#include <string_view>

namespace prepaid::billing {

/// @brief Why a call was (not) authorized. The numeric values ARE the Cisco IVR
/// `h323-return-code` values (docs/radius-voice.md §1.4), so a front end can send
/// `static_cast<int>(code)` as is. Stable: never renumber.
enum class ReturnCode {
  ok = 0,                    ///< proceed
  invalid_account = 1,       ///< no such card/account number
  invalid_pin = 2,           ///< the PIN does not match
  in_use = 3,                ///< the concurrent-call limit is reached
  zero_balance = 4,          ///< nothing left: balance + credit limit − reservations <= 0
  expired = 5,               ///< the card's validity ran out
  credit_limit = 6,          ///< an account with a credit limit has used all of it
  disabled = 7,              ///< disabled, dropped, or not activated yet (manual activation)
  service_unavailable = 8,   ///< the database is unreachable, or the tariff is unusable
  destination_blocked = 9,   ///< the called number matches no rate (unknown or barred)
  retries_exceeded = 10,     ///< locked after too many wrong PINs (right PIN or not)
  invalid_argument = 11,     ///< malformed request (number, session key, …)
  insufficient_balance = 12  ///< some balance, but not enough for the first billing increment
};

/// "OK", "INVALID_ACCOUNT", "INVALID_PIN", … (stable, for logs and the API).
std::string_view to_string(ReturnCode code);
/// Inverse of to_string(); nullopt for unknown text.
std::optional<ReturnCode> parse_return_code(std::string_view text);

}  // namespace prepaid::billing

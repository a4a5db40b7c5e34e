#pragma once
/// @file shift.h
/// @brief Shift and CashMovement: an operator's turn at a shop's counter, from the opening
/// cash float to the cash counted at its close, and the cash put in or taken out meanwhile.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/shops/shop.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using ShiftId = std::int64_t;

/// @brief An operator's shift at a shop. At most one open shift per operator and shop.
struct Shift {
  ShiftId id = 0;
  ShopId shop_id = 0;
  std::string operator_name;
  rating::Instant opened_at{};
  rating::Money opening_float;               ///< cash in the till when it opened (shop's currency)
  std::optional<rating::Instant> closed_at;  ///< nullopt while open
  std::optional<rating::Money> counted;      ///< cash counted at the close
  std::optional<rating::Money> expected;     ///< cash the till should hold at the close
  // Read with it (not stored in the shift row):
  std::string shop;      ///< the shop's name
  std::string currency;  ///< the shop's currency

  bool open() const { return !closed_at.has_value(); }
};

/// @brief Why cash went in or out of the till. Stored as text.
enum class CashReason {
  float_,      ///< cash in: change money added to the till
  withdrawal,  ///< cash out: takings taken to the safe or the bank
  expense,     ///< cash out: paid for something (supplies, a courier)
  deposit,     ///< cash in: a prepaid booth session's deposit (booth_session_service.h)
  payment,     ///< cash in: what a postpaid booth session's customer paid at checkout
  refund,      ///< cash out: the rest of a prepaid session's deposit, given back at checkout
};

/// "float", "withdrawal", "expense", "deposit", "payment", "refund"
std::string_view to_string(CashReason reason);
std::optional<CashReason> parse_cash_reason(std::string_view text);
/// True when an operator may record cash in (`in`) or out (`!in`) by hand for `reason`: a
/// float goes in, withdrawals and expenses go out; deposits, payments and refunds are
/// recorded by booth sessions only.
bool reason_fits(CashReason reason, bool in);

/// Longest note of a cash movement.
inline constexpr std::size_t kMaxCashNoteLength = 255;

/// @brief Cash put in (amount > 0) or taken out (amount < 0) of a shift's till.
struct CashMovement {
  std::int64_t id = 0;
  ShiftId shift_id = 0;
  rating::Instant at{};
  rating::Money amount;  ///< signed: in > 0, out < 0 (shop's currency)
  CashReason reason = CashReason::float_;
  std::string note;
  std::string operator_name;
};

/// @brief Calls counted together: how many, how long, what they cost.
struct CallTally {
  std::uint32_t count = 0;
  std::uint64_t seconds = 0;  ///< their real durations
  rating::Money amount;       ///< their prices
};

/// @brief What the counter did in a shift (shift_counter.h): the calls of the booth sessions
/// opened in it by counter state, and the payments taken in it by method.
struct ShiftCounter {
  CallTally calls;              ///< every call
  CallTally paid;               ///< paid by a payment
  CallTally unserved;           ///< not served: the customer does not pay them, the shop bears them
  CallTally unpaid;             ///< neither (yet)
  std::uint32_t payments = 0;   ///< payments taken, not undone
  std::uint32_t undone = 0;     ///< payments taken and undone since
  rating::Money revenue;        ///< Σ total of the payments (calls + extras + rounding)
  rating::Money cash;           ///< Σ paid in cash
  rating::Money card;           ///< Σ paid by card
  rating::Money deposits;       ///< Σ covered by sessions' deposits
  rating::Money extras;         ///< Σ extra items
  rating::Money rounding;       ///< Σ rounding lines
  rating::Money cash_tendered;  ///< Σ handed over in cash (undone payments too)
  rating::Money change;         ///< Σ change given back
};

/// @brief A shift's report: its counter (calls, payments) and what its till should hold and
/// what was counted.
struct ShiftReport {
  Shift shift;
  std::vector<CashMovement> movements;      ///< oldest first
  rating::Money cash_in;                    ///< sum of the movements in
  rating::Money cash_out;                   ///< sum of the movements out (a positive amount)
  rating::Money expected;                   ///< opening float + cash in − cash out
  std::optional<rating::Money> counted;     ///< at the close
  std::optional<rating::Money> difference;  ///< counted − expected (negative: cash missing)
  ShiftCounter counter;                     ///< set by ShiftService (shift_counter.h)
};

/// The report of `shift` with its movements (sums exact, in micro-units).
ShiftReport make_shift_report(const Shift& shift, std::vector<CashMovement> movements);

}  // namespace prepaid::billing

#pragma once
/// @file payment.h
/// @brief Payment and CallMark: what the counter takes for a booth session's calls — one
/// payment over a selection of its calls and extra items, with its numbered receipt — and the
/// counter state of each booth call (unpaid, paid by a payment, unserved with a reason).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/cdr.h"
#include "billing/counter/checkout.h"
#include "billing/shops/booth_session.h"
#include "billing/shops/shift.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using PaymentId = std::int64_t;

/// @brief A booth call's state at the counter. Stored as text (no row: unpaid).
enum class CallCounterState {
  unpaid,    ///< the default: the customer still owes it
  paid,      ///< paid by a payment (CallMark::payment_id)
  unserved,  ///< not served (wrong number, bad line): the customer does not pay it; the shop
             ///< still bears its cost
};
std::string_view to_string(CallCounterState state);  ///< "unpaid", "paid", "unserved"
std::optional<CallCounterState> parse_call_counter_state(std::string_view text);

/// Longest reason of an unserved call or of an undone payment.
inline constexpr std::size_t kMaxCounterReasonLength = 255;

/// @brief A call's counter state when it is not unpaid.
struct CallMark {
  CdrId cdr_id = 0;
  BoothSessionId session_id = 0;
  CallCounterState state = CallCounterState::paid;
  std::optional<std::int64_t> payment_id;  ///< set when paid
  std::string reason;                      ///< why it is unserved ("" when paid)
  rating::Instant at{};
  std::string operator_name;
};

/// @brief One payment at a shop's counter: the checkout of some calls of one booth session
/// (and extra items), in the operator's open shift, with its receipt. A session's checkout
/// (`booths close`) is its final payment: it pays what is left and applies the deposit.
struct Payment {
  PaymentId id = 0;
  ShopId shop_id = 0;
  std::uint64_t receipt_number = 0;  ///< per shop, from 1, without gaps
  ShiftId shift_id = 0;
  BoothSessionId session_id = 0;
  CardId card_id = 0;  ///< the booth's account
  rating::Instant at{};
  std::string operator_name;
  PaymentMethod method = PaymentMethod::cash;
  rating::Money calls_total;
  rating::Money extras_total;
  rating::Money rounding;
  rating::Money total;
  rating::Money deposit_applied;
  rating::Money deposit_returned;
  rating::Money tendered;
  rating::Money paid;
  rating::Money change;
  std::uint32_t call_count = 0;
  bool final = false;  ///< the session's checkout
  std::string receipt_json;
  std::string receipt_text_40;
  std::string receipt_text_48;
  std::optional<rating::Instant> undone_at;
  std::string undone_by;
  std::string undo_reason;

  bool undone() const { return undone_at.has_value(); }
};

/// @brief Which payments to list, newest first.
struct PaymentFilter {
  std::optional<ShopId> shop;
  std::optional<ShiftId> shift;
  std::optional<BoothSessionId> session;
};

}  // namespace prepaid::billing

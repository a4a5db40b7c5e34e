#pragma once
/// @file checkout.h
/// @brief checkout(): the money of paying at the counter — the selected calls' prices, extra
/// items ("Coffee", 1.00 × 2), the shop's cash rounding, the deposit a prepaid session took,
/// and what the customer hands over by cash or card — worked out exactly, or refused with a
/// specific reason. Pure: no I/O, no clock, integer micro-units only (docs/callshop-receipts.md).
///
///     subtotal   = Σ call prices + Σ unit price × quantity
///     rounding   = the shop's rounding of the subtotal − subtotal      (its own line)
///     total      = subtotal + rounding
///     deposit    = min(deposit taken, total)   covered by the deposit
///     returned   = deposit taken − deposit     the part of the deposit given back
///     to_pay     = total − deposit             what the customer still owes
///     cash:  tendered ≥ to_pay, paid = to_pay, change = tendered − paid
///     card:  tendered = to_pay (a card pays exactly), paid = to_pay, change = 0

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/counter/cash_rounding.h"
#include "billing/result.h"
#include "rating/currency.h"
#include "rating/money.h"

namespace prepaid::billing {

/// How the customer pays what the deposit does not cover.
enum class PaymentMethod { cash, card };
std::string_view to_string(PaymentMethod method);  ///< "cash", "card"
std::optional<PaymentMethod> parse_payment_method(std::string_view text);

/// Most calls one checkout takes.
inline constexpr std::size_t kMaxCheckoutCalls = 1000;
/// Most extra items one checkout takes.
inline constexpr std::size_t kMaxExtraItems = 50;
/// Longest extra item label, in Unicode code points (UTF-8 text).
inline constexpr std::size_t kMaxExtraLabelLength = 32;
/// Largest quantity of one extra item.
inline constexpr std::uint32_t kMaxExtraQuantity = 999;

/// @brief Something sold at the counter besides calls: a label, a unit price and a quantity.
struct ExtraItem {
  std::string label{};  ///< 1..32 code points of UTF-8, no control characters
  rating::Money unit_price{};
  std::uint32_t quantity = 1;  ///< 1..999
};

/// @brief What the counter asks: the shop's currency and rounding, what is bought, what was
/// taken before and what is handed over now. Amounts are in the rounding's currency.
struct CheckoutRequest {
  CashRounding rounding;
  std::vector<rating::Money> call_prices{};  ///< the selected calls' prices, in receipt order
  std::vector<ExtraItem> extras{};
  rating::Money deposit_taken{};  ///< the prepaid session's deposit; 0 for a postpaid one
  rating::Money tendered{};       ///< what the customer hands over (cash) or the card is charged
  PaymentMethod method = PaymentMethod::cash;
};

/// @brief An extra item as it is charged: its amount is unit price × quantity.
struct ExtraLine {
  ExtraItem item{};
  rating::Money amount{};
};

/// @brief The worked-out checkout: every line of the receipt's money part.
struct Checkout {
  rating::Currency currency;
  std::vector<rating::Money> call_prices{};
  std::vector<ExtraLine> extras{};
  rating::Money calls_total{};   ///< Σ call prices
  rating::Money extras_total{};  ///< Σ extra amounts
  rating::Money subtotal{};      ///< calls_total + extras_total: due before rounding
  rating::Money rounding{};      ///< the rounding line: total − subtotal
  CashRoundingMethod rounding_method = CashRoundingMethod::nearest;
  rating::Money rounding_step{};
  rating::Money total{};             ///< total due, a multiple of the step
  rating::Money deposit_taken{};     ///< as requested
  rating::Money deposit_applied{};   ///< what the deposit covers: min(deposit_taken, total)
  rating::Money deposit_returned{};  ///< deposit_taken − deposit_applied: given back
  rating::Money to_pay{};            ///< total − deposit_applied: what remains to pay
  PaymentMethod method = PaymentMethod::cash;
  rating::Money tendered{};  ///< as requested
  rating::Money paid{};      ///< == to_pay
  rating::Money change{};    ///< tendered − paid; always 0 for a card
};

/// The checkout of `request`, or the first thing wrong with it (ErrorCode::invalid_argument,
/// `field` naming the input: "calls", "extras", "deposit", "tendered"), in this order: too many
/// calls or items; a negative price or one finer than the currency's minor unit; a label that
/// is empty, too long, not UTF-8 or has control characters; a quantity 0 or above the bound;
/// a negative or sub-minor-unit deposit or tendered amount; a total beyond Money's range; cash
/// tendered below what remains to pay; a card amount that differs from it.
Result<Checkout> checkout(const CheckoutRequest& request);

}  // namespace prepaid::billing

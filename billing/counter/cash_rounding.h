#pragma once
/// @file cash_rounding.h
/// @brief CashRounding: how a shop rounds a total at the counter — to a step (0.01, 0.05,
/// 0.10, 1.00 of its currency, or any positive whole number of minor units) by a method
/// (nearest, up, down) — and the rounding difference that becomes a line of its own on the
/// receipt. Pure: no I/O, integer micro-units only.

#include <optional>
#include <string_view>

#include "billing/result.h"
#include "rating/currency.h"
#include "rating/money.h"

namespace prepaid::billing {

/// @brief Which way a total that is not a multiple of the step goes.
enum class CashRoundingMethod {
  nearest,  ///< to the nearer multiple; exactly half way goes up (toward +∞): half up
  up,       ///< to the smallest multiple ≥ the total (ceiling)
  down,     ///< to the largest multiple ≤ the total (floor)
};
std::string_view to_string(CashRoundingMethod method);  ///< "nearest", "up", "down"
std::optional<CashRoundingMethod> parse_cash_rounding_method(std::string_view text);

/// @brief A total and what the shop's rounding made of it.
struct RoundedTotal {
  rating::Money unrounded;   ///< the total before rounding
  rating::Money rounded;     ///< a multiple of the step
  rating::Money difference;  ///< rounded − unrounded: the receipt's rounding line (may be < 0)
};

/// @brief A shop's counter rounding: a currency, a step and a method.
class CashRounding {
 public:
  /// The rounding to `step` by `method` in `currency`, or a refusal (field "rounding_step")
  /// when the step is zero, negative or not a whole number of the currency's minor units
  /// (0.005 EUR; 0.5 JPY).
  static Result<CashRounding> make(rating::Currency currency, rating::Money step,
                                   CashRoundingMethod method);
  /// No rounding beyond the minor unit: step = the currency's minor unit, method nearest. An
  /// amount already in whole minor units is left as it is.
  static CashRounding exact(rating::Currency currency);

  const rating::Currency& currency() const { return currency_; }
  rating::Money step() const { return step_; }
  CashRoundingMethod method() const { return method_; }

  /// `total` rounded to a multiple of the step: for any total, |difference| < step,
  /// up ≥ total ≥ down, and rounding a rounded total changes nothing. Nearest is half up:
  /// with step 0.05, 1.025 → 1.05 and 1.024999 → 1.00 (and −1.025 → −1.00). Throws
  /// rating::MoneyOverflow only when the multiple is beyond Money's range.
  RoundedTotal apply(rating::Money total) const;

 private:
  CashRounding(rating::Currency currency, rating::Money step, CashRoundingMethod method)
      : currency_(currency), step_(step), method_(method) {}
  rating::Currency currency_;
  rating::Money step_;
  CashRoundingMethod method_;
};

}  // namespace prepaid::billing

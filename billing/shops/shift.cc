// Shift: cash reasons and the shift report's sums.
#include "billing/shops/shift.h"

namespace prepaid::billing {

using rating::Money;

std::string_view to_string(CashReason reason) {
  switch (reason) {
    case CashReason::float_:
      return "float";
    case CashReason::withdrawal:
      return "withdrawal";
    case CashReason::expense:
      return "expense";
    case CashReason::deposit:
      return "deposit";
    case CashReason::payment:
      return "payment";
    case CashReason::refund:
      return "refund";
  }
  return "float";
}

std::optional<CashReason> parse_cash_reason(std::string_view text) {
  if (text == "float") return CashReason::float_;
  if (text == "withdrawal") return CashReason::withdrawal;
  if (text == "expense") return CashReason::expense;
  if (text == "deposit") return CashReason::deposit;
  if (text == "payment") return CashReason::payment;
  if (text == "refund") return CashReason::refund;
  return std::nullopt;
}

bool reason_fits(CashReason reason, bool in) {
  switch (reason) {
    case CashReason::float_:
      return in;
    case CashReason::withdrawal:
    case CashReason::expense:
      return !in;
    default:
      return false;
  }
}

ShiftReport make_shift_report(const Shift& shift, std::vector<CashMovement> movements) {
  ShiftReport r;
  r.shift = shift;
  r.movements = std::move(movements);
  for (const auto& m : r.movements) {
    if (m.amount > Money())
      r.cash_in += m.amount;
    else
      r.cash_out -= m.amount;
  }
  r.expected = shift.opening_float + r.cash_in - r.cash_out;
  r.counted = shift.counted;
  if (shift.counted) r.difference = *shift.counted - r.expected;
  return r;
}

}  // namespace prepaid::billing

#include "billing/counter/cash_rounding.h"

#include <cstdint>
#include <string>

#include "billing/enum_names.h"

namespace prepaid::billing {
namespace {

constexpr auto kMethodNames = enum_names<CashRoundingMethod>(
    std::pair{CashRoundingMethod::nearest, "nearest"}, std::pair{CashRoundingMethod::up, "up"},
    std::pair{CashRoundingMethod::down, "down"});

}  // namespace

std::string_view to_string(CashRoundingMethod method) {
  return kMethodNames.text(method);
}

std::optional<CashRoundingMethod> parse_cash_rounding_method(std::string_view text) {
  return kMethodNames.parse(text);
}

Result<CashRounding> CashRounding::make(rating::Currency currency, rating::Money step,
                                        CashRoundingMethod method) {
  if (step.is_negative() || step.is_zero())
    return refuse(ErrorCode::invalid_argument, "the rounding step must be positive, not " +
                                                   step.to_string(currency.minor_unit_digits()))
        .about("rounding_step");
  if (!currency.holds_exactly(step))
    return refuse(ErrorCode::invalid_argument,
                  "the rounding step " + step.to_string(currency.minor_unit_digits()) +
                      " is not a whole number of " + std::string(currency.code()) +
                      " minor units (" +
                      currency.minor_unit().to_string(currency.minor_unit_digits()) + ")")
        .about("rounding_step");
  return CashRounding(currency, step, method);
}

CashRounding CashRounding::exact(rating::Currency currency) {
  return CashRounding(currency, currency.minor_unit(), CashRoundingMethod::nearest);
}

RoundedTotal CashRounding::apply(rating::Money total) const {
  const std::int64_t t = total.micros();
  const std::int64_t s = step_.micros();
  // Floored remainder: 0 <= r < s for any sign of t.
  std::int64_t r = t % s;
  if (r < 0) r += s;
  const rating::Money down = total - rating::Money::from_micros(r);  // throws at the range's end
  RoundedTotal out{total, total, rating::Money{}};
  if (r == 0) return out;
  bool go_up = false;
  switch (method_) {
    case CashRoundingMethod::up:
      go_up = true;
      break;
    case CashRoundingMethod::down:
      go_up = false;
      break;
    case CashRoundingMethod::nearest:
      go_up = r >= s - r;  // half up; no 2*r overflow
      break;
  }
  out.rounded = go_up ? down + step_ : down;  // + throws MoneyOverflow at the range's end
  out.difference = out.rounded - total;
  return out;
}

}  // namespace prepaid::billing

// The check of an amount at the counter.
#include "billing/shops/counter_amount.h"

#include "billing/validation.h"
#include "rating/currency.h"

namespace prepaid::billing {

std::optional<Problem> check_counter_amount(rating::Money amount, const std::string& currency,
                                            const char* field, bool zero_ok) {
  if (amount.is_negative() || (!zero_ok && amount.is_zero()))
    return refuse(ErrorCode::invalid_argument,
                  std::string(field) + (zero_ok ? " may not be negative" : " must be positive"))
        .about(field);
  if (amount > rating::Money::from_units(kMaxAmountUnits))
    return refuse(ErrorCode::invalid_argument,
                  std::string(field) + " is above " + std::to_string(kMaxAmountUnits))
        .about(field);
  const auto unit = rating::Currency::from_code(currency);
  if (unit && !unit->holds_exactly(amount))
    return refuse(ErrorCode::invalid_argument,
                  std::string(field) + " " + amount.to_string() + " is finer than the minor unit " +
                      unit->minor_unit().to_string(unit->minor_unit_digits()) + " of " + currency)
        .about(field);
  return std::nullopt;
}

}  // namespace prepaid::billing

#include "admin-cli/json/money_text.h"

#include "rating/currency.h"

namespace prepaid::cli {

std::string money_text(rating::Money money, std::string_view currency) {
  const auto c = rating::Currency::from_code(currency);
  return money.to_string(c ? c->minor_unit_digits() : 2);
}

}  // namespace prepaid::cli

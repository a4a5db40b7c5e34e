#include "rating/number_plan.h"

namespace prepaid::rating {

std::optional<std::string> normalize_number(std::string_view dialed, const NumberPlan& plan) {
  if (!dialed.empty() && dialed.front() == '+') {
    dialed.remove_prefix(1);
  } else if (!plan.international_prefix.empty() &&
             dialed.substr(0, plan.international_prefix.size()) == plan.international_prefix) {
    dialed.remove_prefix(plan.international_prefix.size());
  }
  if (dialed.empty() || dialed.size() > kMaxNumberDigits) return std::nullopt;
  for (char c : dialed) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::string(dialed);
}

}  // namespace prepaid::rating

// Payment and CallMark: the counter states' text.
#include "billing/shops/payment.h"

namespace prepaid::billing {

std::string_view to_string(CallCounterState state) {
  switch (state) {
    case CallCounterState::unpaid:
      return "unpaid";
    case CallCounterState::paid:
      return "paid";
    case CallCounterState::unserved:
      return "unserved";
  }
  return "unpaid";
}

std::optional<CallCounterState> parse_call_counter_state(std::string_view text) {
  if (text == "unpaid") return CallCounterState::unpaid;
  if (text == "paid") return CallCounterState::paid;
  if (text == "unserved") return CallCounterState::unserved;
  return std::nullopt;
}

}  // namespace prepaid::billing

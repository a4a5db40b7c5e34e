#include "billing/disconnect/disconnect_attempt.h"

namespace prepaid::billing {

std::string_view to_string(DisconnectReason reason) {
  switch (reason) {
    case DisconnectReason::operator_request:
      return "operator";
    case DisconnectReason::card_disabled:
      return "card-disabled";
    case DisconnectReason::card_dropped:
      return "card-dropped";
    case DisconnectReason::booth_stopped:
      return "booth-stopped";
    case DisconnectReason::booth_disabled:
      return "booth-disabled";
  }
  return "operator";
}

std::optional<DisconnectReason> parse_disconnect_reason(std::string_view text) {
  for (auto r : {DisconnectReason::operator_request, DisconnectReason::card_disabled,
                 DisconnectReason::card_dropped, DisconnectReason::booth_stopped,
                 DisconnectReason::booth_disabled})
    if (to_string(r) == text) return r;
  return std::nullopt;
}

}  // namespace prepaid::billing

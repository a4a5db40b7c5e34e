// Booth sessions: kinds, what they cost so far, and a booth's derived state.
#include "billing/shops/booth_session.h"

namespace prepaid::billing {

using rating::Money;

std::string_view to_string(SessionKind kind) {
  return kind == SessionKind::prepaid ? "prepaid" : "postpaid";
}

std::optional<SessionKind> parse_session_kind(std::string_view text) {
  if (text == "prepaid") return SessionKind::prepaid;
  if (text == "postpaid") return SessionKind::postpaid;
  return std::nullopt;
}

std::string_view to_string(BoothState state) {
  switch (state) {
    case BoothState::disabled:
      return "disabled";
    case BoothState::free:
      return "free";
    case BoothState::open:
      return "open";
    case BoothState::in_call:
      return "in_call";
    case BoothState::awaiting_checkout:
      return "awaiting_checkout";
  }
  return "free";
}

Money session_spent(const BoothSession& session, const Card& account) {
  return session.kind == SessionKind::prepaid ? session.amount - account.balance : -account.balance;
}

BoothState booth_state(const Card& account, const std::optional<BoothSession>& session,
                       std::uint32_t open_calls, Money spent) {
  if (account.status == CardStatus::disabled || account.status == CardStatus::dropped)
    return BoothState::disabled;
  if (!session) return BoothState::free;
  if (open_calls > 0) return BoothState::in_call;
  return spent > Money() ? BoothState::awaiting_checkout : BoothState::open;
}

}  // namespace prepaid::billing

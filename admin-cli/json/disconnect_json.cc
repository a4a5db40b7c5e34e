#include "admin-cli/json/disconnect_json.h"

#include "admin-cli/command/instant_text.h"
#include "dynauth/error_cause.h"

namespace prepaid::cli {

nlohmann::json nas_client_json(const billing::NasClient& n) {
  return {{"nas", n.nas},
          {"dae_address", n.dae_address},
          {"dae_port", n.dae_port},
          {"created_at", instant_text(n.created_at)},
          {"updated_at", instant_text(n.updated_at)}};
}

nlohmann::json disconnect_attempt_json(const billing::DisconnectAttempt& a) {
  nlohmann::json cause = nullptr;
  nlohmann::json cause_name = nullptr;
  if (a.error_cause) {
    cause = *a.error_cause;
    cause_name = std::string(dynauth::error_cause_name(*a.error_cause));
  }
  return {{"id", a.id},
          {"at", instant_text(a.at)},
          {"actor", a.actor},
          {"reason", std::string(to_string(a.reason))},
          {"nas", a.key.nas},
          {"session_id", a.key.session_id},
          {"card", a.card_number},
          {"dae_address", a.dae_address},
          {"dae_port", a.dae_port},
          {"outcome", std::string(dynauth::to_string(a.outcome))},
          {"error_cause", cause},
          {"error_cause_name", cause_name},
          {"attempts", a.attempts},
          {"elapsed_ms", a.elapsed_ms},
          {"detail", a.detail}};
}

}  // namespace prepaid::cli

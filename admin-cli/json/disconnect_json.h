#pragma once
/// @file disconnect_json.h
/// @brief JSON of NAS clients (never their secret) and of Disconnect-Request attempts.

#include <nlohmann/json.hpp>

#include "billing/disconnect/disconnect_attempt.h"
#include "billing/disconnect/nas_client.h"

namespace prepaid::cli {

/// {"nas", "dae_address", "dae_port", "created_at", "updated_at"}: no secret, ever.
nlohmann::json nas_client_json(const billing::NasClient& nas);
/// {"id", "at", "actor", "reason", "nas", "session_id", "card", "dae_address", "dae_port",
///  "outcome", "error_cause", "error_cause_name", "attempts", "elapsed_ms", "detail"}
nlohmann::json disconnect_attempt_json(const billing::DisconnectAttempt& attempt);

}  // namespace prepaid::cli

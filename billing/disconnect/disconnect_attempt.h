#pragma once
/// @file disconnect_attempt.h
/// @brief DisconnectAttempt: the record of one Disconnect-Request sent for a call in progress.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/reservation.h"
#include "billing/calls/session_key.h"
#include "dynauth/disconnect_outcome.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief Why a call was stopped.
enum class DisconnectReason {
  operator_request,  ///< `calls disconnect` / POST /v1/calls/disconnect
  card_disabled,     ///< `cards disable` with the call in progress
  card_dropped,      ///< `cards drop` with the call in progress
  booth_stopped,     ///< `booths stop`: the counter stops a booth's call
  booth_disabled,    ///< `booths disable` with the booth's call in progress
};
std::string_view to_string(DisconnectReason reason);  ///< "operator", "card-disabled", …
std::optional<DisconnectReason> parse_disconnect_reason(std::string_view text);

/// @brief One Disconnect-Request and its answer. The call's reservation is not touched: the
/// NAS's Stop settles it as usual.
struct DisconnectAttempt {
  std::int64_t id = 0;
  rating::Instant at{};  ///< when it was sent
  std::string actor;     ///< the operator who asked
  DisconnectReason reason = DisconnectReason::operator_request;
  SessionKey key;                               ///< the call (NAS, session id)
  std::optional<ReservationId> reservation_id;  ///< its reservation
  std::string card_number;
  std::string dae_address;  ///< where it was sent
  std::uint16_t dae_port = 0;
  dynauth::Outcome outcome = dynauth::Outcome::error;
  std::optional<std::uint32_t> error_cause;  ///< the NAK's Error-Cause (RFC 5176 §3.5)
  std::uint32_t attempts = 0;                ///< datagrams sent
  std::uint32_t elapsed_ms = 0;
  std::string detail;  ///< for people: the Error-Cause's name, "no answer after …", …
};

/// @brief Which attempts to list, newest first.
struct DisconnectFilter {
  std::string nas;          ///< exact NAS, "" for any
  std::string session_id;   ///< exact session id (with nas), "" for any
  std::string card_number;  ///< exact card, "" for any
};

}  // namespace prepaid::billing

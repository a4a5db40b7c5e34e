#pragma once
/// @file call_request.h
/// @brief From an Access-Request to billing's CallRequest (or a refusal of malformed input).

#include <string>
#include <variant>

#include "billing/calls/call_authorization.h"
#include "radius-module/module_config.h"
#include "radius-module/request_view.h"

namespace prepaid::radius {

/// @brief Why a request cannot become a CallRequest: h323-return-code 11 and what is wrong.
struct MalformedRequest {
  std::string what;  ///< for the log, e.g. "Called-Station-Id \"12a4\" is not a number"
};

/// The dialed number as rating expects it: clean_dialed_number(), then the gateways'
/// international prefix (config) replaced by '+'; must then be '+' and/or digits, at most
/// rating::kMaxNumberDigits digits. nullopt otherwise.
std::optional<std::string> called_number(std::string_view called, const ModuleConfig& config);

/// How the NAS named the call: User-Name (as sent, realm included), Acct-Session-Id and
/// NAS-IP-Address (dotted text) as it sent them, each left empty when absent or unusable
/// (NasIdentity::sanitized). Kept with the reservation for a Disconnect-Request.
billing::NasIdentity nas_identity(const RequestView& request);

/// Builds the CallRequest of an Access-Request that passed authentication:
/// - account: RequestView::account() (Stripped-User-Name, else User-Name); stage 1 when
///   Called-Station-Id is absent or empty;
/// - key: NAS (RequestView::nas(): the packet's source address) + the session id found by
///   config.session_key (required for stage 2);
/// - called: called_number(); calling: Calling-Station-Id cleaned, may be empty;
/// - at: the packet's arrival (whole seconds); pin: unset (FreeRADIUS checked it).
std::variant<billing::CallRequest, MalformedRequest> call_request_from(const RequestView& request,
                                                                       const ModuleConfig& config);

}  // namespace prepaid::radius

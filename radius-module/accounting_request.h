#pragma once
/// @file accounting_request.h
/// @brief From an Accounting-Request to billing's AccountingEvent, or the reason to acknowledge
/// it without effect (another call leg, a failed attempt, a malformed record).

#include <string>
#include <variant>
#include <vector>

#include "billing/calls/accounting_event.h"
#include "radius-module/module_config.h"
#include "radius-module/prepaid_api.h"
#include "radius-module/request_view.h"

namespace prepaid::radius {

/// @brief A record that is acknowledged but not billed, and why.
struct NotBilled {
  prepaid_log_level level = PREPAID_LOG_NONE;  ///< NONE for the expected (other legs)
  std::string why;
};

/// @brief The event and what was dropped from it on the way (logged as warnings).
struct AccountingTranslation {
  billing::AccountingEvent event;
  std::vector<std::string> warnings;  ///< e.g. "h323-connect-time \"...\" is not a time stamp"
};

/// Builds the AccountingEvent of an Accounting-Request:
/// - kind from Acct-Status-Type (Start, Stop, Interim-Update, Accounting-On/Off); Failed and
///   other types are NotBilled;
/// - legs: a Cisco leg other than the one config.legs bills for this NAS is NotBilled;
/// - key: NAS + session id (config.session_key); a call record without one is NotBilled
///   (warning): nothing can be settled safely;
/// - times: h323-setup/connect/disconnect-time when they parse and the clock is trusted
///   (a broken or untrusted one is dropped with a warning, Acct-Session-Time still counts);
/// - event_at: Event-Timestamp, else arrival − Acct-Delay-Time;
/// - disconnect_cause: "Q.850 <n>" from h323-disconnect-cause, else
///   "Acct-Terminate-Cause <n>".
std::variant<AccountingTranslation, NotBilled> accounting_event_from(const RequestView& request,
                                                                     const ModuleConfig& config);

/// Longest Acct-Delay-Time honoured (a larger one is taken as a broken client: ignored).
inline constexpr std::uint32_t kMaxAcctDelay_s = 7 * 86400;

}  // namespace prepaid::radius

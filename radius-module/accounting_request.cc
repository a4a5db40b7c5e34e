#include "radius-module/accounting_request.h"

#include <chrono>

#include "radius-module/attribute_numbers.h"
#include "radius-module/call_leg.h"
#include "radius-module/call_request.h"
#include "radius-module/dialed_number.h"
#include "radius-module/disconnect_cause.h"
#include "radius-module/h323_time.h"

namespace prepaid::radius {

namespace {

using std::chrono::seconds;

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 64)) {
    out.push_back(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
  }
  if (text.size() > 64) out += "...";
  return out + "\"";
}

std::optional<billing::AccountingKind> kind_of(std::uint32_t status) {
  switch (status) {
    case status_type::kStart:
      return billing::AccountingKind::start;
    case status_type::kStop:
      return billing::AccountingKind::stop;
    case status_type::kInterimUpdate:
      return billing::AccountingKind::interim;
    case status_type::kAccountingOn:
      return billing::AccountingKind::accounting_on;
    case status_type::kAccountingOff:
      return billing::AccountingKind::accounting_off;
    default:
      return std::nullopt;
  }
}

// A Cisco time VSA, dropped with a warning when broken or untrusted.
std::optional<rating::Instant> time_vsa(const RequestView& request, unsigned number,
                                        std::string_view name, std::vector<std::string>& warnings) {
  const auto value = request.cisco(number, name);
  if (!value || value->empty()) return std::nullopt;
  const auto parsed = parse_h323_time(*value);
  if (!parsed) {
    warnings.push_back(std::string(name) + " " + quoted(*value) + " is not a time stamp: ignored");
    return std::nullopt;
  }
  if (!parsed->trusted) {
    warnings.push_back(std::string(name) + " " + quoted(*value) +
                       " comes from an unsynchronised clock ('*'): ignored");
    return std::nullopt;
  }
  return std::chrono::floor<seconds>(parsed->at);
}

}  // namespace

std::variant<AccountingTranslation, NotBilled> accounting_event_from(const RequestView& request,
                                                                     const ModuleConfig& config) {
  const auto status = request.integer(0, attr::kAcctStatusType);
  if (!status) return NotBilled{PREPAID_LOG_WARN, "no Acct-Status-Type"};
  if (*status == status_type::kFailed) {
    return NotBilled{PREPAID_LOG_NONE, "Acct-Status-Type Failed (a call that did not connect)"};
  }
  const auto kind = kind_of(*status);
  if (!kind) {
    return NotBilled{PREPAID_LOG_NONE,
                     "Acct-Status-Type " + std::to_string(*status) + " is not billed"};
  }

  AccountingTranslation out;
  billing::AccountingEvent& e = out.event;
  e.kind = *kind;
  e.key.nas = request.nas();

  // event_at: Event-Timestamp, else arrival - Acct-Delay-Time.
  if (const auto stamp = request.integer(0, attr::kEventTimestamp)) {
    e.event_at = rating::Instant{seconds{*stamp}};
  } else {
    auto at = std::chrono::floor<seconds>(request.received());
    if (const auto delay = request.integer(0, attr::kAcctDelayTime)) {
      if (*delay <= kMaxAcctDelay_s) {
        at -= seconds{*delay};
      } else {
        out.warnings.push_back("Acct-Delay-Time " + std::to_string(*delay) +
                               " is implausible: ignored");
      }
    }
    e.event_at = at;
  }

  if (e.kind == billing::AccountingKind::accounting_on ||
      e.kind == billing::AccountingKind::accounting_off) {
    return out;
  }

  std::optional<CallOrigin> origin;
  if (const auto text = request.cisco(cisco::kCallOrigin, "h323-call-origin")) {
    origin = parse_call_origin(*text);
    if (!origin) {
      return NotBilled{PREPAID_LOG_WARN, "h323-call-origin " + quoted(*text) + " is unknown"};
    }
  }
  if (!config.legs.bills(e.key.nas, origin)) {
    return NotBilled{PREPAID_LOG_NONE,
                     "the " + std::string(to_string(*origin)) + " leg is not billed"};
  }

  auto id = config.session_key.session_id(request);
  if (!id) {
    return NotBilled{PREPAID_LOG_WARN,
                     "no usable session id (h323-conf-id, Cisco-AVPair call-id, "
                     "Acct-Session-Id): nothing billed"};
  }
  e.key.session_id = std::move(*id);
  if (!e.key.valid()) {
    return NotBilled{PREPAID_LOG_WARN, "session key " + quoted(e.key.nas + "/" + e.key.session_id) +
                                           " is not printable ASCII or too long"};
  }

  if (const auto user = request.account()) e.account = std::string(*user);
  if (const auto called = request.text(0, attr::kCalledStationId); called && !called->empty()) {
    if (auto number = called_number(*called, config)) {
      e.called = std::move(*number);
    } else {
      e.called = std::string(called->substr(0, 64));
      out.warnings.push_back("Called-Station-Id " + quoted(*called) + " is not a number");
    }
  }
  if (const auto calling = request.text(0, attr::kCallingStationId)) {
    if (auto number = clean_dialed_number(*calling)) e.calling = std::move(*number);
  }
  e.setup_at = time_vsa(request, cisco::kSetupTime, "h323-setup-time", out.warnings);
  e.connect_at = time_vsa(request, cisco::kConnectTime, "h323-connect-time", out.warnings);
  e.end_at = time_vsa(request, cisco::kDisconnectTime, "h323-disconnect-time", out.warnings);
  if (const auto session_time = request.integer(0, attr::kAcctSessionTime)) {
    e.session_time_s = *session_time;
  }
  if (const auto cause = request.cisco(cisco::kDisconnectCause, "h323-disconnect-cause")) {
    if (const auto q850 = parse_disconnect_cause(*cause)) {
      e.disconnect_cause = "Q.850 " + std::to_string(*q850);
    } else {
      out.warnings.push_back("h323-disconnect-cause " + quoted(*cause) + " is not hex: ignored");
    }
  }
  if (e.disconnect_cause.empty()) {
    if (const auto cause = request.integer(0, attr::kAcctTerminateCause)) {
      e.disconnect_cause = "Acct-Terminate-Cause " + std::to_string(*cause);
    }
  }
  return out;
}

}  // namespace prepaid::radius

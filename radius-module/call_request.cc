#include "radius-module/call_request.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "radius-module/attribute_numbers.h"
#include "radius-module/dialed_number.h"
#include "rating/number_plan.h"

namespace prepaid::radius {

namespace {

// Printable excerpt of untrusted text for a log line.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 64)) {
    out.push_back(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
  }
  if (text.size() > 64) out += "...";
  return out + "\"";
}

}  // namespace

billing::NasIdentity nas_identity(const RequestView& request) {
  billing::NasIdentity id;
  if (const auto user = request.text(0, attr::kUserName)) id.user_name = std::string(*user);
  if (const auto sid = request.text(0, attr::kAcctSessionId))
    id.acct_session_id = std::string(*sid);
  if (const auto ip = request.integer(0, attr::kNasIpAddress)) {
    id.nas_ip_address = std::to_string(*ip >> 24) + "." + std::to_string((*ip >> 16) & 0xff) + "." +
                        std::to_string((*ip >> 8) & 0xff) + "." + std::to_string(*ip & 0xff);
  }
  return id.sanitized();
}

std::optional<std::string> called_number(std::string_view called, const ModuleConfig& config) {
  auto number = clean_dialed_number(called);
  if (!number) return std::nullopt;
  const std::string& prefix = config.international_prefix;
  if (!prefix.empty() && number->size() > prefix.size() && number->starts_with(prefix)) {
    // Appended, not `"+" + substr`: GCC 12 at -O3 reports a false -Wrestrict on the latter.
    std::string international(1, '+');
    international.append(*number, prefix.size());
    number = std::move(international);
  }
  const std::string_view digits =
      std::string_view(*number).substr(number->starts_with('+') ? 1 : 0);
  if (digits.empty() || digits.size() > rating::kMaxNumberDigits ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return number;
}

std::variant<billing::CallRequest, MalformedRequest> call_request_from(const RequestView& request,
                                                                       const ModuleConfig& config) {
  billing::CallRequest out;
  const auto user = request.account();
  if (!user || user->empty()) return MalformedRequest{"no User-Name"};
  out.account = std::string(*user);

  const auto called = request.text(0, attr::kCalledStationId);
  // Only a Cisco IVR's stage 1 comes without a number: a request that lost it must not be
  // answered as one (an Accept without a time limit).
  if (called && called->empty()) return MalformedRequest{"Called-Station-Id is empty"};
  if (!called && request.text(0, attr::kDigestResponse)) {
    return MalformedRequest{
        "a SIP request without Called-Station-Id (the dialed number; Kamailio: auth_extra)"};
  }
  if (called) {
    auto number = called_number(*called, config);
    if (!number) {
      return MalformedRequest{"Called-Station-Id " + quoted(*called) + " is not a number"};
    }
    out.called = std::move(*number);
    auto id = config.session_key.session_id(request);
    if (!id) {
      return MalformedRequest{
          "no usable session id (looked for h323-conf-id, Cisco-AVPair "
          "call-id, Acct-Session-Id)"};
    }
    out.key = billing::SessionKey{request.nas(), std::move(*id)};
    if (!out.key.valid()) {
      return MalformedRequest{"session key " + quoted(out.key.nas + "/" + out.key.session_id) +
                              " is not printable ASCII or too long"};
    }
  } else if (auto id = config.session_key.session_id(request)) {
    out.key = billing::SessionKey{request.nas(), std::move(*id)};  // informative in stage 1
  }
  if (const auto calling = request.text(0, attr::kCallingStationId)) {
    if (auto number = clean_dialed_number(*calling)) out.calling = std::move(*number);
  }
  out.nas_identity = nas_identity(request);
  out.at = std::chrono::floor<std::chrono::seconds>(request.received());
  return out;
}

}  // namespace prepaid::radius

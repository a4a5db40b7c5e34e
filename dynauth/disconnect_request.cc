#include "dynauth/disconnect_request.h"

#include <arpa/inet.h>

#include "dynauth/authenticator.h"

namespace prepaid::dynauth {

std::optional<Packet> disconnect_packet(const CallIdentity& call, std::uint8_t identifier,
                                        std::uint32_t event_timestamp) {
  if (call.user_name.empty() && call.acct_session_id.empty()) return std::nullopt;
  if (call.user_name.size() > 253 || call.acct_session_id.size() > 253) return std::nullopt;
  Packet p;
  p.code = static_cast<std::uint8_t>(Code::disconnect_request);
  p.identifier = identifier;
  p.attributes.push_back({attr::kMessageAuthenticator, Bytes(16, 0)});
  if (!call.user_name.empty())
    p.attributes.push_back({attr::kUserName, text_value(call.user_name)});
  if (!call.acct_session_id.empty())
    p.attributes.push_back({attr::kAcctSessionId, text_value(call.acct_session_id)});
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, call.nas_ip_address.c_str(), &v4) == 1) {
    const auto* b = reinterpret_cast<const std::uint8_t*>(&v4);
    p.attributes.push_back({attr::kNasIpAddress, Bytes(b, b + 4)});
  } else if (inet_pton(AF_INET6, call.nas_ip_address.c_str(), &v6) == 1) {
    const auto* b = reinterpret_cast<const std::uint8_t*>(&v6);
    p.attributes.push_back({attr::kNasIpv6Address, Bytes(b, b + 16)});
  } else {
    return std::nullopt;
  }
  p.attributes.push_back({attr::kEventTimestamp, integer_value(event_timestamp)});
  return p;
}

std::optional<Bytes> signed_disconnect_request(const CallIdentity& call, std::uint8_t identifier,
                                               std::uint32_t event_timestamp,
                                               std::string_view secret) {
  const auto packet = disconnect_packet(call, identifier, event_timestamp);
  if (!packet) return std::nullopt;
  auto wire = encode(*packet);
  if (!wire || !sign_request(*wire, secret)) return std::nullopt;
  return wire;
}

}  // namespace prepaid::dynauth

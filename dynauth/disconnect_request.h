#pragma once
/// @file disconnect_request.h
/// @brief An RFC 5176 Disconnect-Request (code 40) for one call, built and signed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dynauth/packet.h"

namespace prepaid::dynauth {

/// @brief What identifies the call to its NAS, as the NAS sent it in its own requests.
struct CallIdentity {
  std::string user_name;        ///< User-Name as the NAS sent it ("" to leave it out)
  std::string acct_session_id;  ///< Acct-Session-Id as the NAS sent it ("" to leave it out)
  /// NAS-IP-Address (an IPv4 address) or NAS-IPv6-Address (an IPv6 one) as the NAS sent it;
  /// required: RFC 5176 §3 wants one NAS identification attribute.
  std::string nas_ip_address;
};

/// The request, unsigned: Message-Authenticator (zeros, first, as RFC 3579 and the
/// BlastRADIUS advice put it), User-Name, Acct-Session-Id, NAS-IP-Address or
/// NAS-IPv6-Address, Event-Timestamp. nullopt when there is no session identification
/// (neither User-Name nor Acct-Session-Id), the NAS address is not an IP address, or a value
/// is longer than an attribute holds (253 octets).
std::optional<Packet> disconnect_packet(const CallIdentity& call, std::uint8_t identifier,
                                        std::uint32_t event_timestamp);

/// The packet encoded and signed with `secret` (authenticator.h); nullopt as above or when
/// MD5 is not available.
std::optional<Bytes> signed_disconnect_request(const CallIdentity& call, std::uint8_t identifier,
                                               std::uint32_t event_timestamp,
                                               std::string_view secret);

}  // namespace prepaid::dynauth

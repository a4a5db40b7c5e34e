#pragma once
/// @file nas_identity.h
/// @brief NasIdentity: how the NAS itself named a call (User-Name, Acct-Session-Id,
/// NAS-IP-Address as it sent them), kept with the call's reservation so that a
/// Disconnect-Request (RFC 5176) can name the call the way the NAS will recognise it.

#include <cstddef>
#include <string>

namespace prepaid::billing {

/// @brief The call as its NAS named it in the authorization request. Each part may be empty
/// (the NAS did not send it). Not used to key anything: the reservation's SessionKey does that
/// (the NAS-IP-Address a packet claims is never trusted to identify the NAS).
struct NasIdentity {
  std::string user_name;        ///< User-Name as sent (not stripped of a realm)
  std::string acct_session_id;  ///< Acct-Session-Id as sent
  std::string nas_ip_address;   ///< NAS-IP-Address as sent, dotted IPv4 text

  static constexpr std::size_t kMaxUserName = 128;
  static constexpr std::size_t kMaxAcctSessionId = 128;
  static constexpr std::size_t kMaxNasIpAddress = 45;

  /// This with every part that is not printable ASCII (0x20..0x7e) or is longer than its
  /// column cleared: what cannot be stored is not kept, and the call is never refused for it.
  NasIdentity sanitized() const;
  bool operator==(const NasIdentity&) const = default;
};

}  // namespace prepaid::billing

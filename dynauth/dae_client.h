#pragma once
/// @file dae_client.h
/// @brief Sends a Disconnect-Request to a NAS's dynamic-authorization (DAE) port over UDP,
/// with retries, and reports the verified answer. Bounded: it returns within
/// tries × timeout (plus the time to build the packet), whatever the NAS does.

#include <chrono>
#include <cstdint>
#include <string>

#include "dynauth/disconnect_outcome.h"
#include "dynauth/disconnect_request.h"

namespace prepaid::dynauth {

/// @brief Where a NAS listens for dynamic authorization, and the secret it shares with us.
struct DaeTarget {
  std::string address;        ///< an IPv4 or IPv6 address (no names: nothing to resolve)
  std::uint16_t port = 3799;  ///< RFC 5176 §3.1's port
  std::string secret;         ///< never logged
};

/// @brief How long to wait for an answer and how many datagrams to send.
struct RetryPolicy {
  std::chrono::milliseconds timeout{2000};  ///< per try, 100 ms .. 30 s
  unsigned tries = 3;                       ///< 1..10 (the same datagram, RFC 5176 §2.3)

  static constexpr std::chrono::milliseconds kMinTimeout{100};
  static constexpr std::chrono::milliseconds kMaxTimeout{30000};
  static constexpr unsigned kMaxTries = 10;
  bool valid() const {
    return timeout >= kMinTimeout && timeout <= kMaxTimeout && tries >= 1 && tries <= kMaxTries;
  }
};

/// Sends the Disconnect-Request for `call` to `target`, signed with its secret, stamped
/// `event_timestamp` (Unix seconds), from an ephemeral UDP port connected to the target (so
/// only its datagrams are read). Each try waits `timeout` for an answer with the request's
/// identifier; an answer whose Response Authenticator or Message-Authenticator does not
/// verify is discarded (RFC 5176 §3) and, if no valid one follows, reported as `bad_answer`.
DisconnectResult send_disconnect(const DaeTarget& target, const CallIdentity& call,
                                 const RetryPolicy& policy, std::uint32_t event_timestamp);

}  // namespace prepaid::dynauth

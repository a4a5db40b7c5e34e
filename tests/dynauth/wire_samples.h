#pragma once
// Packets captured or computed outside this code, for known-answer tests.
//
// kRadclientRequest: what FreeRADIUS 3.2.1's radclient sent (captured on a loopback UDP
// socket) for
//   printf '%s\n' 'Message-Authenticator = 0x00' 'User-Name = "710000000001"'
//     'Acct-Session-Id = "000B5571"' 'NAS-IP-Address = 127.0.0.1'
//     'Event-Timestamp = 1765000000' |
//   radclient -r 1 -t 1 127.0.0.1:39799 disconnect s3cr3t-dae
// (it picked identifier 159). kAck / kNak503: its answers, Message-Authenticator first,
// signed with the same secret by Python's hashlib/hmac (RFC 5176 §3, RFC 3579 §3.2).

#include <string>

#include "dynauth/packet.h"

namespace prepaid::dynauth::testing {

inline constexpr const char* kSecret = "s3cr3t-dae";
inline constexpr std::uint8_t kIdentifier = 159;
inline constexpr std::uint32_t kTimestamp = 1765000000;

inline constexpr const char* kRadclientRequest =
    "289f004aa13e96ee9fa1021f09048298d11bbde550123994d5c09c67f1a3aec959df3c3b5893010e37313030"
    "30303030303030312c0a303030423535373104067f00000137066933c340";
inline constexpr const char* kAck =
    "299f0026b1ff15b17b89f2382518197f6ca4d8ee5012e59634aedf85a5ad8695309af29e34df";
inline constexpr const char* kNak503 =
    "2a9f002c424add21f6b979c0c0aa8195522fcbe15012754ecf331b4beefb3c1d4c0466ec33596506000001f7";

inline Bytes from_hex(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

inline Authenticator authenticator_of(const Bytes& wire) {
  Authenticator a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = wire[4 + i];
  return a;
}

}  // namespace prepaid::dynauth::testing

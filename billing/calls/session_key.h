#pragma once
/// @file session_key.h
/// @brief SessionKey: identifies one call on one NAS, for reservations and idempotent accounting.

#include <cstddef>
#include <string>

namespace prepaid::billing {

/// @brief The identity of a call: the NAS that carries it and the NAS's id for the call.
///
/// The same key must be used for the authorization and for every accounting record of the
/// call: a repeated authorization is decided afresh into the same reservation (until the
/// call starts), and accounting is idempotent on the key (a CDR has a UNIQUE (nas,
/// session_id)).
struct SessionKey {
  std::string nas;         ///< the NAS's source address as the RADIUS module saw it (never an
                           ///< attribute the packet claims); 1..kMaxNasLength printable ASCII
  std::string session_id;  ///< h323-conf-id (Cisco), SIP Call-ID, or Acct-Session-Id;
                           ///< 1..kMaxSessionIdLength printable ASCII characters

  static constexpr std::size_t kMaxNasLength = 64;
  static constexpr std::size_t kMaxSessionIdLength = 128;

  /// True when both parts are non-empty, short enough and printable ASCII (0x20..0x7e).
  bool valid() const;
  bool operator==(const SessionKey&) const = default;
};

}  // namespace prepaid::billing

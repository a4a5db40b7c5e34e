#pragma once
/// @file nas_client.h
/// @brief NasClient: where a NAS accepts dynamic authorization (RFC 5176) and its secret.

#include <cstdint>
#include <string>

#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief One NAS's dynamic-authorization settings.
///
/// `nas` is the gateway as the call path knows it: the source address of its RADIUS
/// requests, which every reservation records (SessionKey::nas). The DAE address is often the
/// same host, but need not be (a gateway with a management address). The secret is the one
/// the NAS expects on Disconnect-Requests (its `client` / `aaa server radius dynamic-author`
/// key), kept in the database like the PINs: it is never listed, logged or audited.
struct NasClient {
  std::string nas;          ///< source address of the NAS's requests (reservation.nas)
  std::string dae_address;  ///< IPv4 or IPv6 address it listens on for Disconnect-Requests
  std::uint16_t dae_port = 3799;
  std::string secret;  ///< 1..128 printable ASCII characters; empty in listings
  rating::Instant created_at{};
  rating::Instant updated_at{};

  static constexpr std::uint16_t kDefaultPort = 3799;
  static constexpr std::size_t kMaxSecret = 128;
};

}  // namespace prepaid::billing

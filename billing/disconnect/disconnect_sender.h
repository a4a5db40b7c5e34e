#pragma once
/// @file disconnect_sender.h
/// @brief DisconnectSender: what sends a Disconnect-Request and waits for its answer (UDP in
/// production, a stand-in in the services' tests).

#include <cstdint>

#include "dynauth/dae_client.h"

namespace prepaid::billing {

/// @brief Sends one Disconnect-Request; bounded by the policy; never throws.
class DisconnectSender {
 public:
  virtual ~DisconnectSender() = default;
  virtual dynauth::DisconnectResult send(const dynauth::DaeTarget& target,
                                         const dynauth::CallIdentity& call,
                                         const dynauth::RetryPolicy& policy,
                                         std::uint32_t event_timestamp) = 0;
};

/// @brief Over UDP (dynauth::send_disconnect).
class UdpDisconnectSender final : public DisconnectSender {
 public:
  dynauth::DisconnectResult send(const dynauth::DaeTarget& target,
                                 const dynauth::CallIdentity& call,
                                 const dynauth::RetryPolicy& policy,
                                 std::uint32_t event_timestamp) override {
    return dynauth::send_disconnect(target, call, policy, event_timestamp);
  }
};

}  // namespace prepaid::billing

#pragma once
/// @file dae_listener.h
/// @brief The simulated gateway's dynamic-authorization (RFC 5176) listener: a UDP port on a
/// loopback address that receives Disconnect-Requests, checks them with its secret, records
/// them, and answers ACK, NAK with an Error-Cause, or nothing; after an ACK it runs a hook
/// (the gateway's Stop for the call, as a real NAS ends the call it was told to end).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dynauth/packet.h"

namespace prepaid::radius::testing {

/// @brief One Disconnect-Request as the simulated NAS received it.
struct DaeReceived {
  dynauth::Bytes wire;
  std::uint8_t code = 0;
  /// Its Request Authenticator and Message-Authenticator verify with the NAS's secret.
  bool authentic = false;
  bool message_authenticator = false;  ///< it carries one
  std::string user_name;
  std::string acct_session_id;
  std::string nas_ip_address;  ///< dotted text of NAS-IP-Address
  std::optional<std::uint32_t> event_timestamp;
};

/// @brief How the NAS answers.
enum class DaeMode { ack, nak, silent };

class DaeListener {
 public:
  /// Listens on `address` (a loopback address), an ephemeral port; `secret` is the NAS's.
  DaeListener(std::string address, std::string secret);
  ~DaeListener();
  DaeListener(const DaeListener&) = delete;
  DaeListener& operator=(const DaeListener&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& address() const { return address_; }

  void answer_ack() { set(DaeMode::ack, std::nullopt); }
  void answer_nak(std::uint32_t error_cause) { set(DaeMode::nak, error_cause); }
  void stay_silent() { set(DaeMode::silent, std::nullopt); }
  /// Runs after each ACK sent, on the listener's thread (a radcli client made there).
  void on_ack(std::function<void(const DaeReceived&)> hook);

  std::vector<DaeReceived> received() const;
  /// Waits (at most `timeout`) until `count` requests were received and their hooks ran.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  void set(DaeMode mode, std::optional<std::uint32_t> cause);
  void run();

  std::string address_;
  std::string secret_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  DaeMode mode_ = DaeMode::ack;
  std::optional<std::uint32_t> cause_;
  std::function<void(const DaeReceived&)> hook_;
  std::vector<DaeReceived> received_;
  std::size_t handled_ = 0;
  std::thread thread_;
};

}  // namespace prepaid::radius::testing

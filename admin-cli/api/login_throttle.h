#pragma once
/// @file login_throttle.h
/// @brief LoginThrottle: growing waits after failed console logins, per operator name and
/// per client address, so that guessing passwords gets slower with every miss.
///
/// A name that failed n times in a row must wait min(2^(n-1), 300) s after its last failure
/// before its next attempt; an address may fail 5 times freely (several people share a
/// counter PC), then waits min(2^(n-6), 300) s. An attempt made too early is refused without
/// looking at its password (and is not counted). A success clears its name and address.
/// Entries are forgotten 15 minutes after their last failure; at most 100,000 are kept.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace prepaid::cli {

/// @brief Failed-login counters. Thread-safe.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LoginThrottle(std::function<Clock::time_point()> now = &Clock::now);

  /// How long `name` from `address` must still wait; zero when it may try now.
  std::chrono::seconds wait(std::string_view name, std::string_view address);
  void failed(std::string_view name, std::string_view address);
  void succeeded(std::string_view name, std::string_view address);

  /// The wait after `failures` misses in a row of a name (of an address: see above).
  static std::chrono::seconds name_delay(unsigned failures);
  static std::chrono::seconds address_delay(unsigned failures);

 private:
  struct Count {
    unsigned failures = 0;
    Clock::time_point last{};
  };
  void forget_old(Clock::time_point now);

  std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  std::map<std::string, Count, std::less<>> names_;
  std::map<std::string, Count, std::less<>> addresses_;
};

}  // namespace prepaid::cli

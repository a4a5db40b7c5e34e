#pragma once
/// @file source_guard.h
/// @brief SourceGuard: stops answering a gateway address that guesses PINs (the
/// `source_pin_failures` and `source_pin_window` options).
///
/// Each wrong PIN seen from an address is counted in a window that starts at its first one;
/// once `limit` are counted, the address's Access-Requests get no answer until the window
/// ends (the guesser waits for timeouts; a real gateway retransmits or fails over). The card
/// itself is locked by the billing core (CallPolicy::pin_attempts): this slows a guesser who
/// tries many cards. Each radiusd counts on its own, in memory. Thread-safe.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace prepaid::radius {

class SourceGuard {
 public:
  using Clock = std::chrono::steady_clock;

  /// `limit` = 0: never blocks.
  SourceGuard(unsigned limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  /// True while `source` is blocked at `now`.
  bool blocked(std::string_view source, Clock::time_point now);

  /// Counts a wrong PIN from `source`; true when this one blocks it (log it once).
  bool wrong_pin(std::string_view source, Clock::time_point now);

  /// Addresses tracked (bounded: see kMaxSources).
  std::size_t tracked() const;

  /// Most addresses tracked at once; past it, the windows that ended are forgotten first and,
  /// if none has, the count starts again for everyone (a flood of addresses cannot make the
  /// map grow without bound).
  static constexpr std::size_t kMaxSources = 100000;

 private:
  struct Window {
    Clock::time_point start;
    unsigned failures = 0;
  };

  const unsigned limit_;
  const std::chrono::seconds window_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace prepaid::radius

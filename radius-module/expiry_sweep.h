#pragma once
/// @file expiry_sweep.h
/// @brief ExpirySweep: when the module marks expired reservations `expired` (the
/// `expire_interval` option).
///
/// A reservation whose Stop never comes stops counting against its card at its expiry
/// (granted time + grace) whatever its row says; its row stays `reserved` or `started` until
/// CallService::expire_reservations marks it. The module does that itself, on the accounting
/// path, once per interval per radiusd: the first accounting request after the interval has
/// passed claims the turn (one thread only, without a lock) and runs the sweep after its own
/// work. Several radiusd on one database sweep independently; the sweep is idempotent.

#include <atomic>
#include <chrono>
#include <limits>

namespace prepaid::radius {

class ExpirySweep {
 public:
  using Clock = std::chrono::steady_clock;

  /// `interval_s` = 0: never due. Otherwise the first turn is due `interval_s` after `start`.
  ExpirySweep(unsigned interval_s, Clock::time_point start)
      : interval_(std::chrono::seconds(interval_s)),
        next_(interval_s ? (start + interval_).time_since_epoch().count() : kNever) {}

  /// True for exactly one caller per interval: the one that moves the next turn on to
  /// `now + interval`. Callers that lose the race, or come early, get false.
  bool claim(Clock::time_point now) {
    const auto at = now.time_since_epoch().count();
    auto due = next_.load(std::memory_order_relaxed);
    while (at >= due) {
      if (next_.compare_exchange_weak(due, (now + interval_).time_since_epoch().count(),
                                      std::memory_order_relaxed)) {
        return true;
      }
    }
    return false;
  }

 private:
  static constexpr Clock::rep kNever = std::numeric_limits<Clock::rep>::max();
  Clock::duration interval_;
  std::atomic<Clock::rep> next_;
};

}  // namespace prepaid::radius

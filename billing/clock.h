#pragma once
/// @file clock.h
/// @brief Clock: where the services read "now" (the system clock, or a hand-set one in tests).

#include <atomic>
#include <chrono>

#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief A source of the current instant (whole UTC seconds).
///
/// Several RADIUS nodes compare their clocks through the database (reservation expiry), so
/// run NTP on every node.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual rating::Instant now() const = 0;
};

/// @brief The operating system's clock.
class SystemClock final : public Clock {
 public:
  rating::Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

/// @brief A clock set by hand (tests, simulations). Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(rating::Instant start) : s_(start.time_since_epoch().count()) {}
  rating::Instant now() const override { return rating::Instant(std::chrono::seconds(s_.load())); }
  void set(rating::Instant at) { s_ = at.time_since_epoch().count(); }
  void advance(std::chrono::seconds by) { s_ += by.count(); }

 private:
  std::atomic<long long> s_;
};

}  // namespace prepaid::billing

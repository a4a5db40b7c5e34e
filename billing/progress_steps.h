#pragma once
/// @file progress_steps.h
/// @brief ProgressSteps: passes a growing count on to a progress callback at a bounded rate
/// (at most once per hundredth of the total, and once at the total).

#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>

namespace prepaid::billing {

/// @brief Forwards counts of done work to `report` when they reach the next hundredth of
/// `total`, and the first count that reaches `total` (once): at most 101 calls whatever the
/// number of counts given, and a caller that counts up to the total always reports it.
class ProgressSteps {
 public:
  ProgressSteps(std::uint64_t total, std::function<void(std::uint64_t done)> report)
      : total_(total),
        step_(std::max<std::uint64_t>(1, total / 100)),
        next_(step_),
        report_(std::move(report)) {}

  /// `done` units of `total` are done (counts given should not decrease).
  void operator()(std::uint64_t done) {
    if (!report_ || finished_) return;
    if (done >= total_) {
      finished_ = true;
      report_(done);
    } else if (done >= next_) {
      report_(done);
      next_ = (done / step_ + 1) * step_;
    }
  }

 private:
  std::uint64_t total_;
  std::uint64_t step_;
  std::uint64_t next_;
  bool finished_ = false;
  std::function<void(std::uint64_t)> report_;
};

}  // namespace prepaid::billing

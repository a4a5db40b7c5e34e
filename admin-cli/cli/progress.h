#pragma once
/// @file progress.h
/// @brief Progress: stages, counts and elapsed time of long commands (imports), on stderr.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace prepaid::cli {

/// @brief Prints each stage as it starts, counts within a stage (at most one line per
/// `count_interval`, and each stage's last count), a "still working" line when nothing was
/// printed for two seconds, and the total time at the end.
class Progress {
 public:
  explicit Progress(std::ostream& err,
                    std::chrono::milliseconds count_interval = std::chrono::milliseconds(500));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void stage(std::string_view what);
  /// "lines read: 120000 of 250000 (48 %)", unless a count line was printed less than
  /// count_interval ago; always when done == total (once per units and total).
  void count(std::string_view units, std::uint64_t done, std::uint64_t total);
  /// Prints "done in N.N s" and stops the ticker.
  void finish();

 private:
  void tick();
  /// Prints "prepaidctl: [elapsed] line" (mutex_ held).
  void print(std::string_view line);

  std::ostream& err_;
  const std::chrono::milliseconds count_interval_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_output_ = started_;
  std::chrono::steady_clock::time_point last_count_{};
  std::string last_complete_;  ///< units and total of the last complete count printed
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread ticker_;
};

}  // namespace prepaid::cli

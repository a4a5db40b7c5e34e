#pragma once
/// @file progress.h
/// @brief Progress: stages and elapsed time of long commands (imports), on stderr.

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <string_view>
#include <thread>

namespace prepaid::cli {

/// @brief Prints each stage as it starts, a "still working" line every two seconds while a
/// stage runs, and the total time at the end.
class Progress {
 public:
  explicit Progress(std::ostream& err);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void stage(std::string_view what);
  /// Prints "done in N.N s" and stops the ticker.
  void finish();

 private:
  void tick();

  std::ostream& err_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread ticker_;
};

}  // namespace prepaid::cli

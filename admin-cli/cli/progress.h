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
#include <vector>

namespace prepaid::cli {

/// @brief Prints each stage as it starts, counts within a stage (at most one line per
/// `count_interval`, and each stage's last count), a "still working" line when nothing was
/// printed for two seconds, and the total time at the end.
///
/// Nothing is printed during the first `hold` of a command: its lines are kept, then printed
/// (with the times they happened at) once the command has run that long, or at a successful
/// finish. A command refused quickly — bad input, a missing tariff — so prints nothing but
/// its refusal; a long one still shows its progress while it runs.
class Progress {
 public:
  explicit Progress(std::ostream& err,
                    std::chrono::milliseconds count_interval = std::chrono::milliseconds(500),
                    std::chrono::milliseconds hold = std::chrono::milliseconds(1000));
  ~Progress();  ///< without finish(): as finish(false)
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void stage(std::string_view what);
  /// "lines read: 120000 of 250000 (48 %)", unless a count line was printed less than
  /// count_interval ago; always when done == total (once per units and total).
  void count(std::string_view units, std::uint64_t done, std::uint64_t total);
  /// A line as it is, without the elapsed time ("read deck.csv: 12 lines, 300 bytes").
  void note(std::string_view line);
  /// Stops the ticker. When the command `succeeded`: prints the lines still held, then
  /// "done in N.N s". When it was refused: drops the lines still held and prints nothing.
  void finish(bool succeeded = true);

 private:
  void tick();
  /// Prints "prepaidctl: [elapsed] line", or holds it (mutex_ held).
  void print(std::string_view line);
  /// Writes or holds a whole line (mutex_ held).
  void emit(std::string line);
  /// Writes the held lines and prints from now on (mutex_ held).
  void release();

  std::ostream& err_;
  const std::chrono::milliseconds count_interval_;
  const std::chrono::milliseconds hold_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_output_ = started_;
  std::chrono::steady_clock::time_point last_count_{};
  std::string last_complete_;      ///< units and total of the last complete count printed
  std::vector<std::string> held_;  ///< lines not printed yet (during the hold)
  bool live_ = false;              ///< the hold is over: lines go out as they come
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread ticker_;
};

}  // namespace prepaid::cli

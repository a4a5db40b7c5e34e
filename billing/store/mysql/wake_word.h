#pragma once
/// @file wake_word.h
/// @brief WakeWord: an int that one thread sleeps on until another changes it and wakes it
/// (a Linux futex; internal to the MySQL store's GroupCommit).
///
/// Why not `std::atomic<int>::wait`: libstdc++ spins before it sleeps, and part of that spin is
/// `sched_yield`. With 64 RADIUS threads on 2 cores every yield is a context switch to another
/// runnable thread, paid by every waiting request (perf showed ~6 % of the whole machine's
/// time in those yields under the benchmark). A waiting request here waits for a database
/// round trip, never for a few nanoseconds: it should sleep at once.

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

namespace prepaid::mysql {

class WakeWord {
 public:
  explicit WakeWord(int value) : value_(value) {}
  WakeWord(const WakeWord&) = delete;
  WakeWord& operator=(const WakeWord&) = delete;

  int load() const { return value_.load(std::memory_order_acquire); }
  void store(int value) { value_.store(value, std::memory_order_release); }
  bool compare_exchange(int expected, int desired) {
    return value_.compare_exchange_strong(expected, desired, std::memory_order_acq_rel);
  }

  /// Sleeps while the value is `expected` (returns at once when it is not). May return early
  /// (a signal, a spurious wake): callers check the value again.
  void wait(int expected) const {
    if (load() != expected) return;
    ::syscall(SYS_futex, word(), FUTEX_WAIT_PRIVATE, expected, nullptr, nullptr, 0);
  }

  /// Wakes the thread sleeping in wait(), if one is.
  void wake() { ::syscall(SYS_futex, word(), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0); }

 private:
  static_assert(sizeof(std::atomic<int>) == sizeof(int) && std::atomic<int>::is_always_lock_free,
                "a futex word is a plain int");
  int* word() const { return reinterpret_cast<int*>(const_cast<std::atomic<int>*>(&value_)); }

  std::atomic<int> value_;
};

}  // namespace prepaid::mysql

#pragma once
/// @file group_commit.h
/// @brief GroupCommit: lets the threads that submit work at the same moment share one
/// database transaction (internal to the MySQL store).
///
/// A thread submits its job and waits. When no group is running, the submitting thread becomes
/// the leader: it takes every job waiting at that moment (at most `max_group_size`, oldest
/// first, its own among them) and hands them to `run`, on its own thread. The others wait
/// until a leader has run theirs, or lead the next group when one finishes. Under no
/// concurrency a job runs alone, at once; under load the jobs that arrive while a group
/// commits form the next group, so each commit serves many requests.
///
/// By default one group runs at a time. With `max_running` > 1, a further group starts while
/// others run, but only once `min_overlap` jobs wait: a group has a fixed cost (a statement,
/// a commit, round trips), so a second group started at once for the few jobs that arrived
/// would be small and dear, while one that waits for nothing leaves the machine idle during
/// the running group's round trip (docs/performance.md, "Overlapping Stop groups"). Each
/// running group has a slot, 0 .. max_running − 1, that no other running group has: `run`
/// may use one resource per slot (MySqlStore gives each slot its connection).
///
/// `run(std::vector<Job*>&)` or `run(std::vector<Job*>&, std::size_t slot)` sets the result
/// or the error of every job it is given; if it throws, every job of the group gets that
/// exception. GroupCommit then marks them done.

#include <algorithm>
#include <array>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "billing/store/mysql/wake_word.h"

namespace prepaid::mysql {

/// @brief What GroupCommit needs of a job: an error slot, set by `run`, and the signal its
/// submitting thread waits on (each waits on its own: finishing a group wakes the threads of
/// that group and the next leader, not every waiting thread).
///
/// The signal is a futex word (WakeWord), not a condition variable: a woken thread whose job
/// is done returns without taking GroupCommit's mutex (with a condition variable, every thread
/// of a finished group would queue on that mutex, one context switch more each, while the next
/// leader waits among them). It is shared with the leader, which wakes the thread after its
/// job is done: the job itself may be gone by then, the signal is not.
struct GroupJob {
  enum : int { waiting = 0, lead = 1, done = 2 };
  std::exception_ptr error;
  std::shared_ptr<WakeWord> signal = std::make_shared<WakeWord>(waiting);
};

template <class Job>
class GroupCommit {
 public:
  explicit GroupCommit(std::size_t max_group_size, std::size_t max_running = 1,
                       std::size_t min_overlap = 1)
      : max_group_size_(max_group_size ? max_group_size : 1),
        max_running_(std::clamp<std::size_t>(max_running, 1, kMaxSlots)),
        min_overlap_(min_overlap ? min_overlap : 1) {}

  /// The most groups that may run at once.
  static constexpr std::size_t kMaxSlots = 8;

  /// Runs `job` (alone or with others) through `run` and returns when it is done; rethrows the
  /// job's error.
  template <class Run>
  void submit(Job& job, Run&& run) {
    WakeWord& signal = *job.signal;
    std::unique_lock lock(mutex_);
    waiting_.push_back(&job);
    for (;;) {
      const int seen = signal.load();
      if (seen == GroupJob::done) break;
      if (may_lead()) {
        lead(lock, job, run);
        continue;
      }
      if (seen == GroupJob::lead) {
        // Asked to lead, but the group it was asked for cannot start (another thread took its
        // jobs, or too few wait while others run): wait again.
        signal.compare_exchange(GroupJob::lead, GroupJob::waiting);
        continue;
      }
      lock.unlock();
      signal.wait(GroupJob::waiting);
      lock.lock();
    }
    lock.unlock();
    if (job.error) std::rethrow_exception(job.error);
  }

  /// Groups run so far (for tests and figures).
  std::size_t groups_run() const {
    std::lock_guard lock(mutex_);
    return groups_run_;
  }

  /// The most groups that may run at once (slots 0 .. max_running() − 1).
  std::size_t max_running() const { return max_running_; }

  /// The most groups that ran at the same moment so far (for tests).
  std::size_t most_running() const {
    std::lock_guard lock(mutex_);
    return most_running_;
  }

 private:
  using Signal = std::shared_ptr<WakeWord>;

  // Whether a waiting job's thread may lead a group now (called with the mutex held).
  bool may_lead() const {
    if (waiting_.empty()) return false;
    return running_ == 0 || (running_ < max_running_ && waiting_.size() >= min_overlap_);
  }

  // Takes the waiting jobs (oldest first, `job` among them or already done), runs them
  // without the lock, marks them done and wakes their threads, then asks the oldest waiting
  // job's thread to lead the next group. Returns with `lock` held.
  template <class Run>
  void lead(std::unique_lock<std::mutex>& lock, Job& job, Run& run) {
    std::vector<Job*> group;
    std::vector<Signal> signals;
    while (!waiting_.empty() && group.size() < max_group_size_) {
      group.push_back(waiting_.front());
      signals.push_back(waiting_.front()->signal);
      waiting_.pop_front();
    }
    std::size_t slot = 0;
    while (slots_[slot]) ++slot;  // running_ < max_running_: one is free
    slots_[slot] = true;
    most_running_ = std::max(most_running_, ++running_);
    lock.unlock();
    try {
      if constexpr (std::is_invocable_v<Run&, std::vector<Job*>&, std::size_t>)
        run(group, slot);
      else
        run(group);
    } catch (...) {
      const auto error = std::current_exception();
      for (Job* j : group) j->error = error;
    }
    lock.lock();
    slots_[slot] = false;
    --running_;
    ++groups_run_;
    Signal next = may_lead() ? waiting_.front()->signal : nullptr;
    lock.unlock();
    // The next leader first: the next group's statements are what the others wait for.
    if (next && next->compare_exchange(GroupJob::waiting, GroupJob::lead)) next->wake();
    // From here on a job of the group may return and be gone: only the signals are used.
    for (const Signal& s : signals) {
      s->store(GroupJob::done);
      if (s != job.signal) s->wake();
    }
    lock.lock();
  }

  const std::size_t max_group_size_;
  const std::size_t max_running_;
  const std::size_t min_overlap_;
  mutable std::mutex mutex_;
  std::deque<Job*> waiting_;
  std::size_t running_ = 0;
  std::array<bool, kMaxSlots> slots_{};  ///< which slots a running group holds
  std::size_t groups_run_ = 0;
  std::size_t most_running_ = 0;
};

}  // namespace prepaid::mysql

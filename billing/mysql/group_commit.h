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
/// commits form the next group, so each commit serves many requests. One group runs at a
/// time, so `run` may use one resource of its own (MySqlStore gives each kind its connection).
///
/// `run(std::vector<Job*>&)` sets the result or the error of every job it is given; if it
/// throws, every job of the group gets that exception. GroupCommit then marks them done.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

namespace prepaid::mysql {

/// @brief What GroupCommit needs of a job: a done flag and an error slot, set by `run`, and
/// the condition its submitting thread waits on (each waits on its own: finishing a group
/// wakes the threads of that group and the next leader, not every waiting thread).
struct GroupJob {
  bool done = false;
  std::exception_ptr error;
  std::condition_variable wake;
};

template <class Job>
class GroupCommit {
 public:
  explicit GroupCommit(std::size_t max_group_size)
      : max_group_size_(max_group_size ? max_group_size : 1) {}

  /// Runs `job` (alone or with others) through `run` and returns when it is done; rethrows the
  /// job's error.
  template <class Run>
  void submit(Job& job, Run&& run) {
    std::unique_lock lock(mutex_);
    waiting_.push_back(&job);
    while (!job.done) {
      if (!running_ && !waiting_.empty()) {
        std::vector<Job*> group;
        while (!waiting_.empty() && group.size() < max_group_size_) {
          group.push_back(waiting_.front());
          waiting_.pop_front();
        }
        running_ = true;
        lock.unlock();
        try {
          run(group);
        } catch (...) {
          const auto error = std::current_exception();
          for (Job* j : group) j->error = error;
        }
        lock.lock();
        running_ = false;
        ++groups_run_;
        for (Job* j : group) {
          j->done = true;
          if (j != &job) j->wake.notify_one();
        }
        // The oldest waiting job's thread leads the next group.
        if (!waiting_.empty()) waiting_.front()->wake.notify_one();
      } else {
        job.wake.wait(lock);
      }
    }
    lock.unlock();
    if (job.error) std::rethrow_exception(job.error);
  }

  /// Groups run so far (for tests and figures).
  std::size_t groups_run() const {
    std::lock_guard lock(mutex_);
    return groups_run_;
  }

 private:
  const std::size_t max_group_size_;
  mutable std::mutex mutex_;
  std::deque<Job*> waiting_;
  bool running_ = false;
  std::size_t groups_run_ = 0;
};

}  // namespace prepaid::mysql

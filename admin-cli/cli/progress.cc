#include "admin-cli/cli/progress.h"

#include <cstdio>
#include <ostream>
#include <string>

namespace prepaid::cli {
namespace {

std::string seconds_text(std::chrono::steady_clock::duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%01lld s", static_cast<long long>(ms / 1000),
                static_cast<long long>((ms % 1000) / 100));
  return buf;
}

}  // namespace

Progress::Progress(std::ostream& err, std::chrono::milliseconds count_interval,
                   std::chrono::milliseconds hold)
    : err_(err), count_interval_(count_interval), hold_(hold), ticker_([this] { tick(); }) {}

Progress::~Progress() {
  finish(false);
}

void Progress::emit(std::string line) {
  if (!live_) {
    held_.push_back(std::move(line));
    return;
  }
  last_output_ = std::chrono::steady_clock::now();
  err_ << line << std::endl;
}

void Progress::release() {
  if (live_) return;
  live_ = true;
  for (const auto& line : held_) err_ << line << std::endl;
  if (!held_.empty()) last_output_ = std::chrono::steady_clock::now();
  held_.clear();
}

void Progress::print(std::string_view line) {
  emit("prepaidctl: [" + seconds_text(std::chrono::steady_clock::now() - started_) + "] " +
       std::string(line));
}

void Progress::stage(std::string_view what) {
  std::lock_guard lock(mutex_);
  print(what);
}

void Progress::note(std::string_view line) {
  std::lock_guard lock(mutex_);
  emit("prepaidctl: " + std::string(line));
}

void Progress::count(std::string_view units, std::uint64_t done, std::uint64_t total) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const bool complete = done >= total;
  const std::string key = std::string(units) + "/" + std::to_string(total);
  if (complete ? key == last_complete_ : now - last_count_ < count_interval_) return;
  if (complete) last_complete_ = key;
  last_count_ = now;
  std::string line =
      std::string(units) + ": " + std::to_string(done) + " of " + std::to_string(total);
  if (total > 0) line += " (" + std::to_string(done * 100 / total) + " %)";
  print(line);
}

void Progress::finish(bool succeeded) {
  {
    std::lock_guard lock(mutex_);
    if (done_) return;
    done_ = true;
    if (succeeded) {
      release();
      err_ << "prepaidctl: done in " << seconds_text(std::chrono::steady_clock::now() - started_)
           << std::endl;
    } else {
      held_.clear();  // a quick refusal: its message alone
    }
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!done_) {
    const auto now = std::chrono::steady_clock::now();
    if (!live_) {
      if (now - started_ >= hold_) {
        release();
      } else {
        wake_.wait_until(lock, started_ + hold_, [this] { return done_; });
        continue;
      }
    }
    if (wake_.wait_for(lock, std::chrono::seconds(2), [this] { return done_; })) break;
    const auto later = std::chrono::steady_clock::now();
    if (later - last_output_ < std::chrono::seconds(2)) continue;  // counts are showing
    last_output_ = later;
    err_ << "prepaidctl: … still working (" << seconds_text(later - started_) << ")" << std::endl;
  }
}

}  // namespace prepaid::cli

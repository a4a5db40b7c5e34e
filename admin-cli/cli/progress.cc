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

Progress::Progress(std::ostream& err) : err_(err), ticker_([this] { tick(); }) {}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void Progress::stage(std::string_view what) {
  std::lock_guard lock(mutex_);
  err_ << "prepaidctl: [" << seconds_text(std::chrono::steady_clock::now() - started_) << "] "
       << what << std::endl;
}

void Progress::finish() {
  {
    std::lock_guard lock(mutex_);
    if (done_) return;
    done_ = true;
    err_ << "prepaidctl: done in " << seconds_text(std::chrono::steady_clock::now() - started_)
         << std::endl;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::seconds(2), [this] { return done_; })) {
    err_ << "prepaidctl: … still working ("
         << seconds_text(std::chrono::steady_clock::now() - started_) << ")" << std::endl;
  }
}

}  // namespace prepaid::cli

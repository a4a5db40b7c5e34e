#include "radius-module/source_guard.h"

namespace prepaid::radius {

bool SourceGuard::blocked(std::string_view source, Clock::time_point now) {
  if (limit_ == 0) return false;
  std::lock_guard lock(mutex_);
  const auto it = windows_.find(std::string(source));
  if (it == windows_.end()) return false;
  if (now >= it->second.start + window_) {
    windows_.erase(it);
    return false;
  }
  return it->second.failures >= limit_;
}

bool SourceGuard::wrong_pin(std::string_view source, Clock::time_point now) {
  if (limit_ == 0) return false;
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxSources) {
    std::erase_if(windows_, [&](const auto& item) { return now >= item.second.start + window_; });
    if (windows_.size() >= kMaxSources) windows_.clear();
  }
  Window& w = windows_[std::string(source)];
  if (w.failures == 0 || now >= w.start + window_) w = Window{now, 0};
  ++w.failures;
  return w.failures == limit_;
}

std::size_t SourceGuard::tracked() const {
  std::lock_guard lock(mutex_);
  return windows_.size();
}

}  // namespace prepaid::radius

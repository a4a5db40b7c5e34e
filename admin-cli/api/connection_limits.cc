#include "admin-cli/api/connection_limits.h"

#include <algorithm>

namespace prepaid::cli {

ConnectionLimits::ConnectionLimits(std::size_t total, std::size_t per_address)
    : total_(std::max<std::size_t>(1, total)),
      per_address_(std::clamp<std::size_t>(per_address, 1, std::max<std::size_t>(1, total))) {}

ConnectionLimits::Admission ConnectionLimits::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (open_ >= total_) return Admission::server_full;
  auto& from = by_address_[address];
  if (from >= per_address_) {
    if (from == 0) by_address_.erase(address);
    return Admission::address_full;
  }
  ++from;
  ++open_;
  return Admission::admitted;
}

void ConnectionLimits::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto it = by_address_.find(address);
  if (it == by_address_.end()) return;
  if (--it->second == 0) by_address_.erase(it);
  --open_;
}

std::size_t ConnectionLimits::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t ConnectionLimits::open_from(const std::string& address) const {
  std::lock_guard lock(mutex_);
  const auto it = by_address_.find(address);
  return it == by_address_.end() ? 0 : it->second;
}

}  // namespace prepaid::cli

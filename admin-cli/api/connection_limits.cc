#include "admin-cli/api/connection_limits.h"

#include <poll.h>

#include <algorithm>

namespace prepaid::cli {

bool peer_closed(int fd) {
  if (fd < 0) return false;
  pollfd p{};
  p.fd = fd;
  p.events = POLLRDHUP;
  if (::poll(&p, 1, 0) <= 0) return false;
  return (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

ConnectionLimits::ConnectionLimits(std::size_t total, std::size_t per_address)
    : total_(std::max<std::size_t>(1, total)),
      per_address_(std::clamp<std::size_t>(per_address, 1, std::max<std::size_t>(1, total))) {}

ConnectionLimits::Ticket ConnectionLimits::admit(const std::string& address, int fd) {
  std::lock_guard lock(mutex_);
  if (open_.size() >= total_) return {Admission::server_full};
  if (by_address_.contains(address) && by_address_.at(address) >= per_address_) {
    forget_closed(address);
  }
  auto& from = by_address_[address];
  if (from >= per_address_) return {Admission::address_full};
  ++from;
  const auto id = ++last_id_;
  open_.emplace(id, Connection{address, fd, true});
  return {Admission::admitted, id};
}

void ConnectionLimits::forget_closed(const std::string& address) {
  for (auto& [id, c] : open_) {
    if (!c.counted_for_address || c.address != address || !peer_closed(c.fd)) continue;
    c.counted_for_address = false;
    // An address whose every connection is closed keeps no entry (release erases at 0 too).
    if (--by_address_.at(address) == 0) by_address_.erase(address);
  }
}

void ConnectionLimits::release(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  const auto it = open_.find(id);
  if (it == open_.end()) return;
  if (it->second.counted_for_address) {
    const auto from = by_address_.find(it->second.address);
    if (--from->second == 0) by_address_.erase(from);
  }
  open_.erase(it);
}

std::size_t ConnectionLimits::open() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

std::size_t ConnectionLimits::open_from(const std::string& address) const {
  std::lock_guard lock(mutex_);
  const auto it = by_address_.find(address);
  return it == by_address_.end() ? 0 : it->second;
}

}  // namespace prepaid::cli

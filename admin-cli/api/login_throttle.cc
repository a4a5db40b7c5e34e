// Growing waits after failed console logins.
#include "admin-cli/api/login_throttle.h"

#include <algorithm>

namespace prepaid::cli {
namespace {

constexpr std::chrono::seconds kMostWait{300};
constexpr std::chrono::minutes kForgetAfter{15};
constexpr std::size_t kMostEntries = 100000;
constexpr unsigned kFreeAddressFailures = 5;

std::chrono::seconds doubling(unsigned n) {  // 1, 2, 4, … s, at most kMostWait
  if (n == 0) return std::chrono::seconds{0};
  if (n > 10) return kMostWait;
  return std::min(kMostWait, std::chrono::seconds{1LL << (n - 1)});
}

}  // namespace

LoginThrottle::LoginThrottle(std::function<Clock::time_point()> now) : now_(std::move(now)) {}

std::chrono::seconds LoginThrottle::name_delay(unsigned failures) {
  return doubling(failures);
}

std::chrono::seconds LoginThrottle::address_delay(unsigned failures) {
  return failures <= kFreeAddressFailures ? std::chrono::seconds{0}
                                          : doubling(failures - kFreeAddressFailures);
}

void LoginThrottle::forget_old(Clock::time_point now) {
  for (auto* map : {&names_, &addresses_}) {
    for (auto it = map->begin(); it != map->end();)
      it = now - it->second.last > kForgetAfter ? map->erase(it) : std::next(it);
  }
}

std::chrono::seconds LoginThrottle::wait(std::string_view name, std::string_view address) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  std::chrono::seconds longest{0};
  const auto left = [&](const auto& map, std::string_view key, auto delay) {
    auto it = map.find(key);
    if (it == map.end()) return;
    const auto until = it->second.last + delay(it->second.failures);
    if (until > now) {
      // Rounded up: "Retry-After: 1" when 0.2 s are left.
      const auto s = std::chrono::ceil<std::chrono::seconds>(until - now);
      longest = std::max(longest, s);
    }
  };
  left(names_, name, &LoginThrottle::name_delay);
  left(addresses_, address, &LoginThrottle::address_delay);
  return longest;
}

void LoginThrottle::failed(std::string_view name, std::string_view address) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (names_.size() + addresses_.size() >= kMostEntries) forget_old(now);
  for (auto [map, key] : {std::pair{&names_, name}, std::pair{&addresses_, address}}) {
    if (map->size() >= kMostEntries) continue;  // full of fresh failures: the other key counts
    auto& c = (*map)[std::string(key)];
    c.failures += 1;
    c.last = now;
  }
}

void LoginThrottle::succeeded(std::string_view name, std::string_view address) {
  std::lock_guard lock(mutex_);
  if (auto it = names_.find(name); it != names_.end()) names_.erase(it);
  if (auto it = addresses_.find(address); it != addresses_.end()) addresses_.erase(it);
}

}  // namespace prepaid::cli

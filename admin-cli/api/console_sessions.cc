// The web console's sessions (in memory, ids stored as SHA-256).
#include "admin-cli/api/console_sessions.h"

#include <algorithm>

#include "billing/csprng.h"
#include "billing/operators/token_digest.h"

namespace prepaid::cli {

ConsoleSessions::ConsoleSessions(std::chrono::seconds idle, std::chrono::seconds lifetime,
                                 std::size_t max_sessions, std::function<Clock::time_point()> now)
    : idle_(idle),
      lifetime_(lifetime),
      max_sessions_(std::max<std::size_t>(1, max_sessions)),
      now_(std::move(now)) {}

bool ConsoleSessions::expired(const Entry& e, Clock::time_point now) const {
  return now - e.used >= idle_ || now - e.opened >= lifetime_;
}

OpenedSession ConsoleSessions::open(const std::string& operator_name) {
  OpenedSession opened{billing::random_hex(32), billing::random_hex(32)};
  const auto now = now_();
  std::lock_guard lock(mutex_);
  for (auto it = by_digest_.begin(); it != by_digest_.end();)
    it = expired(it->second, now) ? by_digest_.erase(it) : std::next(it);
  while (by_digest_.size() >= max_sessions_) {
    auto oldest = std::min_element(by_digest_.begin(), by_digest_.end(), [](auto& a, auto& b) {
      return a.second.opened < b.second.opened;
    });
    by_digest_.erase(oldest);
  }
  by_digest_[billing::sha256_hex(opened.id)] =
      Entry{ConsoleSession{operator_name, opened.csrf_token}, now, now};
  return opened;
}

std::optional<ConsoleSession> ConsoleSessions::touch(std::string_view id) {
  if (id.size() != 64) return std::nullopt;
  const auto digest = billing::sha256_hex(id);
  const auto now = now_();
  std::lock_guard lock(mutex_);
  auto it = by_digest_.find(digest);
  if (it == by_digest_.end()) return std::nullopt;
  if (expired(it->second, now)) {
    by_digest_.erase(it);
    return std::nullopt;
  }
  it->second.used = now;
  return it->second.session;
}

void ConsoleSessions::close(std::string_view id) {
  const auto digest = billing::sha256_hex(id);
  std::lock_guard lock(mutex_);
  by_digest_.erase(digest);
}

void ConsoleSessions::close_all_of(std::string_view operator_name) {
  std::lock_guard lock(mutex_);
  for (auto it = by_digest_.begin(); it != by_digest_.end();)
    it = it->second.session.operator_name == operator_name ? by_digest_.erase(it) : std::next(it);
}

std::size_t ConsoleSessions::size() const {
  std::lock_guard lock(mutex_);
  return by_digest_.size();
}

}  // namespace prepaid::cli

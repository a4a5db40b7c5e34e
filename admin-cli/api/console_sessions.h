#pragma once
/// @file console_sessions.h
/// @brief ConsoleSessions: the web console's login sessions, held in the memory of
/// `prepaidctl serve` — each known only by the SHA-256 of its random id (the cookie's
/// value), with its operator, its CSRF token, an idle timeout and an absolute lifetime.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace prepaid::cli {

/// @brief What a live session carries.
struct ConsoleSession {
  std::string operator_name;
  std::string csrf_token;  ///< 64 hex digits; every change made with the cookie sends it
};

/// @brief A session just opened: the cookie's value (shown once, never stored) and its CSRF
/// token.
struct OpenedSession {
  std::string id;  ///< 64 hex digits (256 random bits)
  std::string csrf_token;
};

/// @brief The sessions of one server. Thread-safe.
class ConsoleSessions {
 public:
  using Clock = std::chrono::steady_clock;

  /// `idle`: a session unused this long ends; `lifetime`: it ends this long after its login
  /// whatever its use; at most `max_sessions` live at once (the oldest is dropped first).
  ConsoleSessions(std::chrono::seconds idle, std::chrono::seconds lifetime,
                  std::size_t max_sessions = 10000,
                  std::function<Clock::time_point()> now = &Clock::now);

  /// Opens a session for `operator_name`.
  OpenedSession open(const std::string& operator_name);
  /// The session of cookie value `id`, its idle time restarted; nullopt when unknown or
  /// expired (an expired one is forgotten).
  std::optional<ConsoleSession> touch(std::string_view id);
  /// Ends the session of cookie value `id` (no-op when unknown).
  void close(std::string_view id);
  /// Ends every session of `operator_name` (e.g. its password changed).
  void close_all_of(std::string_view operator_name);
  std::size_t size() const;

 private:
  struct Entry {
    ConsoleSession session;
    Clock::time_point opened;
    Clock::time_point used;
  };
  bool expired(const Entry& e, Clock::time_point now) const;

  std::chrono::seconds idle_;
  std::chrono::seconds lifetime_;
  std::size_t max_sessions_;
  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> by_digest_;  ///< SHA-256 hex of the id → entry
};

}  // namespace prepaid::cli

// ConsoleSessions: idle timeout, absolute lifetime, logout, and ids kept only as hashes.
#include <doctest/doctest.h>

#include "admin-cli/api/console_sessions.h"

using prepaid::cli::ConsoleSessions;
using namespace std::chrono_literals;

namespace {
struct FakeClock {
  ConsoleSessions::Clock::time_point now{};
  std::function<ConsoleSessions::Clock::time_point()> fn() {
    return [this] { return now; };
  }
};
}  // namespace

TEST_CASE("a session lives while used, ends after its idle time") {
  // Proves the idle timeout: each use restarts it, disuse ends the session for good.
  FakeClock clock;
  ConsoleSessions sessions(30min, 12h, 100, clock.fn());
  const auto s = sessions.open("olga");
  CHECK(s.id.size() == 64);
  CHECK(s.csrf_token.size() == 64);
  CHECK(s.id != s.csrf_token);
  clock.now += 29min;
  REQUIRE(sessions.touch(s.id));
  CHECK(sessions.touch(s.id)->operator_name == "olga");
  CHECK(sessions.touch(s.id)->csrf_token == s.csrf_token);
  clock.now += 29min;
  CHECK(sessions.touch(s.id));  // used 29 min ago: still alive
  clock.now += 30min;
  CHECK_FALSE(sessions.touch(s.id));
  clock.now -= 30min;  // even back in time, an ended session stays ended
  CHECK_FALSE(sessions.touch(s.id));
}

TEST_CASE("a session ends at its absolute lifetime however much it is used") {
  // Proves the lifetime bound: steady use does not extend a session past it.
  FakeClock clock;
  ConsoleSessions sessions(30min, 2h, 100, clock.fn());
  const auto s = sessions.open("olga");
  for (int i = 0; i < 7; ++i) {
    clock.now += 17min;
    CHECK(sessions.touch(s.id));
  }
  clock.now += 1min;  // 2 h since the login
  CHECK_FALSE(sessions.touch(s.id));
}

TEST_CASE("logout, logout of every session of an operator, unknown and malformed ids") {
  // Proves close() and close_all_of() end sessions and that nothing else opens one.
  FakeClock clock;
  ConsoleSessions sessions(30min, 12h, 100, clock.fn());
  const auto a = sessions.open("olga");
  const auto b = sessions.open("olga");
  const auto c = sessions.open("ivan");
  CHECK(a.id != b.id);
  sessions.close(a.id);
  CHECK_FALSE(sessions.touch(a.id));
  CHECK(sessions.touch(b.id));
  sessions.close_all_of("olga");
  CHECK_FALSE(sessions.touch(b.id));
  CHECK(sessions.touch(c.id));
  CHECK_FALSE(sessions.touch(std::string(64, '0')));
  CHECK_FALSE(sessions.touch(""));
  CHECK_FALSE(sessions.touch(c.csrf_token));  // the CSRF token is not a session id
  CHECK_FALSE(sessions.touch(c.id + "0"));
}

TEST_CASE("at most max_sessions live at once: the oldest goes first") {
  // Proves the memory bound on sessions.
  FakeClock clock;
  ConsoleSessions sessions(30min, 12h, 3, clock.fn());
  const auto first = sessions.open("a");
  clock.now += 1s;
  const auto second = sessions.open("b");
  clock.now += 1s;
  sessions.open("c");
  clock.now += 1s;
  sessions.open("d");
  CHECK(sessions.size() == 3);
  CHECK_FALSE(sessions.touch(first.id));
  CHECK(sessions.touch(second.id));
}

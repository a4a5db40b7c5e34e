// LoginThrottle: waits grow with each failed login of a name, an address gets 5 free misses,
// a success clears both.
#include <doctest/doctest.h>

#include "admin-cli/api/login_throttle.h"

using prepaid::cli::LoginThrottle;
using namespace std::chrono_literals;

TEST_CASE("the waits of a name double from 1 s up to 300 s") {
  // Proves the growth and the cap of the delays.
  CHECK(LoginThrottle::name_delay(0) == 0s);
  CHECK(LoginThrottle::name_delay(1) == 1s);
  CHECK(LoginThrottle::name_delay(2) == 2s);
  CHECK(LoginThrottle::name_delay(5) == 16s);
  CHECK(LoginThrottle::name_delay(9) == 256s);
  CHECK(LoginThrottle::name_delay(10) == 300s);
  CHECK(LoginThrottle::name_delay(1000) == 300s);
  CHECK(LoginThrottle::address_delay(5) == 0s);
  CHECK(LoginThrottle::address_delay(6) == 1s);
  CHECK(LoginThrottle::address_delay(8) == 4s);
}

TEST_CASE("a failed name must wait, longer after each miss; a success clears it") {
  // Proves wait() after failed() and succeeded(), per name, with time passing.
  LoginThrottle::Clock::time_point now{};
  LoginThrottle throttle([&] { return now; });
  CHECK(throttle.wait("olga", "10.0.0.1") == 0s);
  throttle.failed("olga", "10.0.0.1");
  CHECK(throttle.wait("olga", "10.0.0.2") == 1s);  // the name, from any address
  CHECK(throttle.wait("ivan", "10.0.0.1") == 0s);  // the address has free misses left
  now += 1s;
  CHECK(throttle.wait("olga", "10.0.0.1") == 0s);
  throttle.failed("olga", "10.0.0.1");
  now += 1500ms;
  CHECK(throttle.wait("olga", "10.0.0.1") == 1s);  // 0.5 s left, rounded up
  now += 500ms;
  throttle.failed("olga", "10.0.0.1");
  CHECK(throttle.wait("olga", "10.0.0.1") == 4s);
  throttle.succeeded("olga", "10.0.0.1");
  CHECK(throttle.wait("olga", "10.0.0.1") == 0s);
}

TEST_CASE("an address guessing many names waits after its free misses") {
  // Proves the per-address counter: spraying names from one address is slowed too.
  LoginThrottle::Clock::time_point now{};
  LoginThrottle throttle([&] { return now; });
  for (int i = 0; i < 5; ++i) throttle.failed("name" + std::to_string(i), "10.0.0.9");
  CHECK(throttle.wait("fresh", "10.0.0.9") == 0s);
  throttle.failed("name5", "10.0.0.9");
  CHECK(throttle.wait("fresh", "10.0.0.9") == 1s);
  CHECK(throttle.wait("fresh", "10.0.0.8") == 0s);
  now += 16min;  // forgotten with time
  CHECK(throttle.wait("fresh", "10.0.0.9") == 0s);
}

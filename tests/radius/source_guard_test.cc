// SourceGuard: a gateway address that guesses PINs is not answered for the rest of its window.
#include "radius-module/source_guard.h"

#include <doctest/doctest.h>

using prepaid::radius::SourceGuard;
using std::chrono::seconds;

TEST_CASE("an address is blocked at its limit of wrong PINs, until its window ends") {
  // Proves the count, the block from the limit-th wrong PIN on, its end with the window, and
  // that other addresses are not touched.
  const auto t0 = SourceGuard::Clock::time_point{} + seconds(1000);
  SourceGuard guard(3, seconds(60));
  CHECK_FALSE(guard.wrong_pin("192.0.2.1", t0));
  CHECK_FALSE(guard.wrong_pin("192.0.2.1", t0 + seconds(1)));
  CHECK_FALSE(guard.blocked("192.0.2.1", t0 + seconds(2)));
  CHECK(guard.wrong_pin("192.0.2.1", t0 + seconds(2)));        // the third: blocks
  CHECK_FALSE(guard.wrong_pin("192.0.2.1", t0 + seconds(3)));  // said once
  CHECK(guard.blocked("192.0.2.1", t0 + seconds(59)));
  CHECK_FALSE(guard.blocked("192.0.2.2", t0 + seconds(59)));
  CHECK_FALSE(guard.blocked("192.0.2.1", t0 + seconds(60)));  // the window ended
  // A new window starts with the next wrong PIN.
  CHECK_FALSE(guard.wrong_pin("192.0.2.1", t0 + seconds(61)));
  CHECK_FALSE(guard.blocked("192.0.2.1", t0 + seconds(62)));
}

TEST_CASE("wrong PINs further apart than the window never add up") {
  // Proves a shop whose customers mistype now and then is never blocked.
  const auto t0 = SourceGuard::Clock::time_point{} + seconds(1000);
  SourceGuard guard(2, seconds(10));
  for (int i = 0; i < 20; ++i) {
    CHECK_FALSE(guard.wrong_pin("192.0.2.1", t0 + seconds(11 * i)));
    CHECK_FALSE(guard.blocked("192.0.2.1", t0 + seconds(11 * i + 1)));
  }
}

TEST_CASE("a limit of 0 never blocks, and the map of addresses stays bounded") {
  // Proves the option's 0 and that a flood of addresses cannot grow memory without bound.
  const auto t0 = SourceGuard::Clock::time_point{} + seconds(1000);
  SourceGuard off(0, seconds(60));
  for (int i = 0; i < 10; ++i) CHECK_FALSE(off.wrong_pin("192.0.2.1", t0));
  CHECK_FALSE(off.blocked("192.0.2.1", t0));
  SourceGuard guard(5, seconds(60));
  for (std::size_t i = 0; i < SourceGuard::kMaxSources + 10; ++i)
    guard.wrong_pin("10." + std::to_string(i), t0);
  CHECK(guard.tracked() <= SourceGuard::kMaxSources);
}

#include "radius-module/expiry_sweep.h"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

using prepaid::radius::ExpirySweep;
using std::chrono::seconds;

namespace {
const ExpirySweep::Clock::time_point kStart{seconds(1000)};
}

TEST_CASE("a sweep is due once per interval, first one interval after the start") {
  // Proves the turn comes at start + interval, goes to one caller, and the next turn is an
  // interval after the claim (not after the previous due time: a quiet server sweeps once).
  ExpirySweep sweep(60, kStart);
  CHECK_FALSE(sweep.claim(kStart));
  CHECK_FALSE(sweep.claim(kStart + seconds(59)));
  CHECK(sweep.claim(kStart + seconds(60)));
  CHECK_FALSE(sweep.claim(kStart + seconds(60)));
  CHECK_FALSE(sweep.claim(kStart + seconds(119)));
  CHECK(sweep.claim(kStart + seconds(600)));  // after a quiet time: once, not nine times
  CHECK_FALSE(sweep.claim(kStart + seconds(600)));
  CHECK_FALSE(sweep.claim(kStart + seconds(659)));
  CHECK(sweep.claim(kStart + seconds(660)));
}

TEST_CASE("an interval of 0 never sweeps") {
  ExpirySweep sweep(0, kStart);
  CHECK_FALSE(sweep.claim(kStart));
  CHECK_FALSE(sweep.claim(kStart + seconds(86400 * 365)));
}

TEST_CASE("threads racing for a due turn: one wins each turn") {
  // Proves the claim is atomic: 8 threads claim at the same instants; no instant may be won
  // twice (each win moves the turn one second past it).
  constexpr int kInstants = 2000;
  ExpirySweep sweep(1, kStart);
  std::vector<std::atomic<int>> won(kInstants + 1);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 1; i <= kInstants; ++i) {
        if (sweep.claim(kStart + seconds(i))) won[i].fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  int total = 0, twice = 0;
  for (const auto& w : won) {
    total += w.load();
    if (w.load() > 1) ++twice;
  }
  CHECK(total >= 1);
  CHECK(twice == 0);
}

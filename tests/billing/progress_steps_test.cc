#include "billing/progress_steps.h"

#include <doctest/doctest.h>

#include <vector>

using prepaid::billing::ProgressSteps;

TEST_CASE("progress is passed on once per hundredth of the total and once at the total") {
  // Proves the bound on calls whatever the caller's granularity, and that the total arrives.
  std::vector<std::uint64_t> seen;
  ProgressSteps steps(250000, [&](std::uint64_t done) { seen.push_back(done); });
  for (std::uint64_t done = 1; done <= 250000; ++done) steps(done);
  CHECK(seen.size() == 100);
  CHECK(seen.front() == 2500);
  CHECK(seen.back() == 250000);
  steps(250000);  // the total again: not passed on twice
  CHECK(seen.size() == 100);

  // Coarse steps (a store writing 5000 rows at a time) are each passed on.
  seen.clear();
  ProgressSteps coarse(12000, [&](std::uint64_t done) { seen.push_back(done); });
  for (std::uint64_t done : {5000, 10000, 12000}) coarse(done);
  CHECK(seen == std::vector<std::uint64_t>{5000, 10000, 12000});

  // Nothing to do: the empty total is reported once.
  seen.clear();
  ProgressSteps empty(0, [&](std::uint64_t done) { seen.push_back(done); });
  empty(0);
  empty(0);
  CHECK(seen == std::vector<std::uint64_t>{0});
}

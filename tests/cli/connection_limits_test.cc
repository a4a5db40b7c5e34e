#include "admin-cli/api/connection_limits.h"

#include <doctest/doctest.h>

using prepaid::cli::ConnectionLimits;
using Admission = ConnectionLimits::Admission;

TEST_CASE("connections are counted per address and overall, and freed when they end") {
  // Proves one address cannot take more than its share, nor all addresses more than the total.
  ConnectionLimits limits(5, 2);
  CHECK(limits.admit("10.0.0.1") == Admission::admitted);
  CHECK(limits.admit("10.0.0.1") == Admission::admitted);
  CHECK(limits.admit("10.0.0.1") == Admission::address_full);
  CHECK(limits.open_from("10.0.0.1") == 2);
  CHECK(limits.admit("10.0.0.2") == Admission::admitted);
  CHECK(limits.admit("10.0.0.2") == Admission::admitted);
  CHECK(limits.admit("10.0.0.3") == Admission::admitted);
  CHECK(limits.open() == 5);
  CHECK(limits.admit("10.0.0.4") == Admission::server_full);
  limits.release("10.0.0.1");
  CHECK(limits.admit("10.0.0.4") == Admission::admitted);
  CHECK(limits.admit("10.0.0.1") == Admission::server_full);
  for (const char* a : {"10.0.0.1", "10.0.0.2", "10.0.0.2", "10.0.0.3", "10.0.0.4"})
    limits.release(a);
  CHECK(limits.open() == 0);
  CHECK(limits.open_from("10.0.0.2") == 0);
  limits.release("10.9.9.9");  // never admitted: ignored
  CHECK(limits.open() == 0);
}

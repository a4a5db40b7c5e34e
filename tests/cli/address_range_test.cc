#include "admin-cli/api/address_range.h"

#include <doctest/doctest.h>

using prepaid::cli::AddressRange;

TEST_CASE("IPv4 networks contain exactly their addresses") {
  // Proves prefix matching on bit boundaries, single hosts and the whole space.
  const auto net = AddressRange::parse("10.1.0.0/16");
  REQUIRE(net);
  CHECK(net->contains("10.1.0.1"));
  CHECK(net->contains("10.1.255.255"));
  CHECK_FALSE(net->contains("10.2.0.1"));
  const auto odd = AddressRange::parse("192.168.1.64/27");
  REQUIRE(odd);
  CHECK(odd->contains("192.168.1.95"));
  CHECK_FALSE(odd->contains("192.168.1.96"));
  CHECK_FALSE(odd->contains("192.168.1.63"));
  const auto host = AddressRange::parse("127.0.0.1");
  REQUIRE(host);
  CHECK(host->contains("127.0.0.1"));
  CHECK_FALSE(host->contains("127.0.0.2"));
  CHECK(AddressRange::parse("0.0.0.0/0")->contains("203.0.113.9"));
}

TEST_CASE("IPv6 networks, and IPv4 clients seen through a dual-stack socket") {
  // Proves v6 matching, that v4 and v6 never match each other, and ::ffff:a.b.c.d handling.
  const auto net = AddressRange::parse("fd00::/8");
  REQUIRE(net);
  CHECK(net->contains("fd12:3456::1"));
  CHECK_FALSE(net->contains("fe80::1"));
  CHECK_FALSE(net->contains("10.0.0.1"));
  CHECK(AddressRange::parse("::1")->contains("::1"));
  CHECK_FALSE(AddressRange::parse("::1")->contains("127.0.0.1"));
  CHECK(AddressRange::parse("10.0.0.0/8")->contains("::ffff:10.9.8.7"));
}

TEST_CASE("malformed networks and client addresses are refused") {
  // Proves the allow-list cannot be configured with something that silently matches nothing.
  for (const char* bad : {"", "10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.0/", "10.0.0.0/x",
                          "host.example", "10.0.0.0/8/8", "1.2.3.4 "}) {
    CAPTURE(bad);
    CHECK_FALSE(AddressRange::parse(bad).has_value());
  }
  CHECK_FALSE(AddressRange::parse("10.0.0.0/8")->contains("not-an-address"));
}

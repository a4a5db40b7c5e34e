// Proves the Disconnect-Request is byte for byte what FreeRADIUS's radclient sends for the
// same attributes, identifier and secret, and that a call it cannot name is refused.
#include "dynauth/disconnect_request.h"

#include <doctest/doctest.h>

#include "tests/dynauth/wire_samples.h"

using namespace prepaid::dynauth;
using namespace prepaid::dynauth::testing;

TEST_CASE("a Disconnect-Request equals radclient's for the same call and secret") {
  const CallIdentity call{"710000000001", "000B5571", "127.0.0.1"};
  const auto wire = signed_disconnect_request(call, kIdentifier, kTimestamp, kSecret);
  REQUIRE(wire);
  CHECK(*wire == from_hex(kRadclientRequest));
}

TEST_CASE("the request carries code 40 and the call's attributes, Message-Authenticator first") {
  const auto p = disconnect_packet({"1001", "abc@host", "192.0.2.10"}, 7, 1234);
  REQUIRE(p);
  CHECK(p->code == 40);
  REQUIRE(p->attributes.size() == 5);
  CHECK(p->attributes[0].type == attr::kMessageAuthenticator);
  CHECK(p->find(attr::kUserName)->value == text_value("1001"));
  CHECK(p->find(attr::kAcctSessionId)->value == text_value("abc@host"));
  CHECK(p->find(attr::kNasIpAddress)->value == Bytes{192, 0, 2, 10});
  CHECK(integer_of(*p->find(attr::kEventTimestamp)) == 1234u);
}

TEST_CASE("an IPv6 NAS is named by NAS-IPv6-Address") {
  const auto p = disconnect_packet({"1001", "", "::1"}, 7, 1234);
  REQUIRE(p);
  CHECK(p->find(attr::kNasIpAddress) == nullptr);
  REQUIRE(p->find(attr::kNasIpv6Address));
  CHECK(p->find(attr::kNasIpv6Address)->value.size() == 16);
  CHECK(p->find(attr::kAcctSessionId) == nullptr);
}

TEST_CASE("a call without session identification or NAS address cannot be named") {
  CHECK_FALSE(disconnect_packet({"", "", "127.0.0.1"}, 1, 1));
  CHECK_FALSE(disconnect_packet({"1001", "x", ""}, 1, 1));
  CHECK_FALSE(disconnect_packet({"1001", "x", "gw.example"}, 1, 1));
  CHECK_FALSE(disconnect_packet({std::string(254, 'a'), "x", "127.0.0.1"}, 1, 1));
}

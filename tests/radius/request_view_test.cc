#include "radius-module/request_view.h"

#include <doctest/doctest.h>

#include "radius-module/attribute_numbers.h"
#include "tests/radius/request_fixture.h"

using namespace prepaid::radius;
using prepaid::radius::testing::RequestFixture;

TEST_CASE("attributes are found by vendor and number, with their kind checked") {
  // Proves lookups do not confuse vendors, kinds or absent attributes.
  RequestFixture f;
  f.text(0, attr::kUserName, "1001")
      .integer(0, attr::kAcctStatusType, 2)
      .text(9, cisco::kConfId, "h323-conf-id=AB CD");
  RequestView view(f.request());
  CHECK(view.text(0, attr::kUserName) == "1001");
  CHECK(view.integer(0, attr::kAcctStatusType) == 2u);
  CHECK_FALSE(view.text(0, attr::kAcctStatusType));  // an integer, not text
  CHECK_FALSE(view.integer(0, attr::kUserName));
  CHECK_FALSE(view.text(9, attr::kUserName));
  CHECK(view.cisco(cisco::kConfId, "h323-conf-id") == "AB CD");
  CHECK_FALSE(view.cisco(cisco::kSetupTime, "h323-setup-time"));
}

TEST_CASE("the account is Stripped-User-Name when a policy set it, else User-Name") {
  // Proves a realm split off by a policy (split_realm) is what names the account, that without
  // it User-Name does, and that an empty Stripped-User-Name ("@realm") is not replaced by
  // the User-Name it came from.
  RequestFixture split;
  split.text(0, attr::kUserName, "1001@sip.example.com").text(0, attr::kStrippedUserName, "1001");
  CHECK(RequestView(split.request()).account() == "1001");
  RequestFixture plain;
  plain.text(0, attr::kUserName, "1001");
  CHECK(RequestView(plain.request()).account() == "1001");
  RequestFixture empty;
  empty.text(0, attr::kUserName, "@sip.example.com").text(0, attr::kStrippedUserName, "");
  CHECK(RequestView(empty.request()).account() == "");
  RequestFixture none;
  none.text(0, attr::kCalledStationId, "4420");
  CHECK_FALSE(RequestView(none.request()).account());
}

TEST_CASE("every instance of an attribute is listed in request order") {
  // Proves texts() keeps order and skips other numbers, vendors and kinds (the Digest-
  // Attributes of a SIP digest request come as one attribute per field).
  RequestFixture f;
  f.text(0, attr::kDigestAttributes, "first")
      .text(0, attr::kUserName, "1001")
      .text(9, attr::kDigestAttributes, "vendor 9")
      .integer(0, attr::kDigestAttributes, 7)
      .text(0, attr::kDigestAttributes, "second");
  RequestView view(f.request());
  const auto all = view.texts(0, attr::kDigestAttributes);
  REQUIRE(all.size() == 2);
  CHECK(all[0] == "first");
  CHECK(all[1] == "second");
  CHECK(view.texts(0, attr::kDigestResponse).empty());
}

TEST_CASE("Cisco-AVPair items are searched by key") {
  // Proves the first item with the key wins and other keys are skipped.
  RequestFixture f;
  f.text(9, cisco::kAvPair, "interface=ISDN0:23")
      .text(9, cisco::kAvPair, "call-id=abc@host")
      .text(9, cisco::kAvPair, "call-id=second");
  RequestView view(f.request());
  CHECK(view.avpair("call-id") == "abc@host");
  CHECK(view.avpair("interface") == "ISDN0:23");
  CHECK_FALSE(view.avpair("subscriber"));
}

TEST_CASE("the NAS is the packet's source, whatever NAS-IP-Address or NAS-Identifier claim") {
  // Proves the session keys and per-NAS options use the RADIUS client's address, never an
  // attribute a gateway can set to another gateway's address.
  RequestFixture a;
  a.integer(0, attr::kNasIpAddress, 0xC000020A, PREPAID_ATTR_IPV4)
      .text(0, attr::kNasIdentifier, "gw1")
      .client("127.0.0.9");
  CHECK(RequestView(a.request()).nas() == "127.0.0.9");
  RequestFixture b;
  b.text(0, attr::kNasIdentifier, "gw1").client("127.0.0.9");
  CHECK(RequestView(b.request()).nas() == "127.0.0.9");
  RequestFixture c;
  c.client("::1");
  CHECK(RequestView(c.request()).nas() == "::1");
}

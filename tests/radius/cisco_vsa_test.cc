#include "radius-module/cisco_vsa.h"

#include <doctest/doctest.h>

using namespace prepaid::radius;

TEST_CASE("strip_vsa_prefix removes the attribute's own name= prefix and nothing else") {
  // Proves both prefixed (IOS) and bare (FreeSWITCH, GnuGk) values read the same.
  CHECK(strip_vsa_prefix("h323-credit-time", "h323-credit-time=600") == "600");
  CHECK(strip_vsa_prefix("h323-credit-time", "600") == "600");
  CHECK(strip_vsa_prefix("h323-conf-id", "H323-CONF-ID=931C146B 0F4411D6") == "931C146B 0F4411D6");
  CHECK(strip_vsa_prefix("h323-conf-id", "h323-conf-id=") == "");
  // Another attribute's prefix, or a prefix without '=', is data and stays.
  CHECK(strip_vsa_prefix("h323-setup-time", "h323-conf-id=1") == "h323-conf-id=1");
  CHECK(strip_vsa_prefix("h323-conf-id", "h323-conf-id") == "h323-conf-id");
  CHECK(strip_vsa_prefix("h323-conf-id", "h323-conf-idX=1") == "h323-conf-idX=1");
}

TEST_CASE("with_vsa_prefix writes values the way Cisco gateways expect them") {
  // Proves replies repeat the attribute name before the value.
  CHECK(with_vsa_prefix("h323-return-code", "0") == "h323-return-code=0");
  CHECK(with_vsa_prefix("h323-credit-amount", "13.25") == "h323-credit-amount=13.25");
}

TEST_CASE("split_avpair splits Cisco-AVPair items at the first = or *") {
  // Proves key/value extraction, including values that contain '=' and optional '*' items.
  CHECK(split_avpair("h323-incoming-conf-id=ABC") == AvPair{"h323-incoming-conf-id", "ABC"});
  CHECK(split_avpair("call-id=a84b4c76e66710@pc33.atlanta.com") ==
        AvPair{"call-id", "a84b4c76e66710@pc33.atlanta.com"});
  CHECK(split_avpair("h323-ivr-out=key:a=b;") == AvPair{"h323-ivr-out", "key:a=b;"});
  CHECK(split_avpair("subscriber*RegularLine") == AvPair{"subscriber", "RegularLine"});
  CHECK(split_avpair("interface=") == AvPair{"interface", ""});
  CHECK_FALSE(split_avpair("no-separator").has_value());
  CHECK_FALSE(split_avpair("=value").has_value());
  CHECK_FALSE(split_avpair("").has_value());
}

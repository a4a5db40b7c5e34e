#include "radius-module/dialed_number.h"

#include <doctest/doctest.h>

using namespace prepaid::radius;

TEST_CASE("SIP and tel URIs in Called-Station-Id are reduced to the number") {
  // Proves URIs from SIP proxies and FreeSWITCH yield the dialed digits.
  CHECK(clean_dialed_number("sip:+4420794600@gw.example.com;user=phone") == "+4420794600");
  CHECK(clean_dialed_number("sip:0044207@10.0.0.1:5060") == "0044207");
  CHECK(clean_dialed_number("<sips:0044207@gw>") == "0044207");
  CHECK(clean_dialed_number("SIP:123;npdi@host") == "123");
  CHECK(clean_dialed_number("tel:+44-20-7946-0000;phone-context=example.com") == "+442079460000");
  CHECK(clean_dialed_number("tel:(0)20.7946") == "0207946");
}

TEST_CASE("plain numbers pass through trimmed and unchecked") {
  // Proves gateway numbers are kept as sent; digit checks belong to normalize_number().
  CHECK(clean_dialed_number("0044207946") == "0044207946");
  CHECK(clean_dialed_number("  +4420  ") == "+4420");
  CHECK(clean_dialed_number("12a4") == "12a4");
}

TEST_CASE("nothing left means no number") {
  // Proves empty values and URIs without a user part give nullopt.
  CHECK_FALSE(clean_dialed_number(""));
  CHECK_FALSE(clean_dialed_number("   "));
  CHECK_FALSE(clean_dialed_number("sip:@host"));
  CHECK_FALSE(clean_dialed_number("tel:"));
  CHECK_FALSE(clean_dialed_number("<>"));
}

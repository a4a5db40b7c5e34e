// Proves packets decode and encode back to the same octets, and that malformed datagrams
// (short, lying Length, broken attribute lengths) are refused rather than read past.
#include "dynauth/packet.h"

#include <doctest/doctest.h>

#include "tests/dynauth/wire_samples.h"

using namespace prepaid::dynauth;
using namespace prepaid::dynauth::testing;

TEST_CASE("radclient's request decodes into its attributes and encodes back") {
  const Bytes wire = from_hex(kRadclientRequest);
  const auto p = decode(wire);
  REQUIRE(p);
  CHECK(p->code == 40);
  CHECK(p->identifier == kIdentifier);
  REQUIRE(p->attributes.size() == 5);
  CHECK(p->find(attr::kUserName)->value == text_value("710000000001"));
  CHECK(integer_of(*p->find(attr::kEventTimestamp)) == kTimestamp);
  CHECK(encode(*p) == wire);
}

TEST_CASE("octets after Length are padding") {
  Bytes wire = from_hex(kAck);
  wire.push_back(0xff);
  const auto p = decode(wire);
  REQUIRE(p);
  CHECK(p->code == 41);
  CHECK(p->attributes.size() == 1);
}

TEST_CASE("malformed datagrams are refused") {
  const Bytes good = from_hex(kNak503);
  CHECK_FALSE(decode(Bytes(good.begin(), good.begin() + 19)));
  Bytes long_length = good;
  long_length[3] = static_cast<std::uint8_t>(good.size() + 1);
  CHECK_FALSE(decode(long_length));
  Bytes short_length = good;
  short_length[3] = 19;
  CHECK_FALSE(decode(short_length));
  Bytes zero_attr = good;
  zero_attr[21] = 0;  // Message-Authenticator's length 0
  CHECK_FALSE(decode(zero_attr));
  Bytes past_end = good;
  past_end[good.size() - 5] = 7;  // Error-Cause claims 7 octets, 6 remain
  CHECK_FALSE(decode(past_end));
}

TEST_CASE("attributes that do not fit are refused at encoding") {
  Packet p;
  p.code = 40;
  p.attributes.push_back({attr::kUserName, Bytes{}});
  CHECK_FALSE(encode(p));
  p.attributes[0].value = Bytes(254, 'a');
  CHECK_FALSE(encode(p));
  p.attributes[0].value = Bytes(253, 'a');
  CHECK(encode(p));
}

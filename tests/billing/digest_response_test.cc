// DigestResponse: a SIP digest answer (draft-sterman Digest-Response + Digest-Attributes)
// checked against a PIN as FreeRADIUS's digest module checks it.
#include "billing/calls/digest_response.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using prepaid::billing::DigestResponse;

namespace {

// One Digest-Attributes value: sub-type, length (with these two octets), value.
std::string sub(unsigned char type, const std::string& value) {
  return std::string(1, static_cast<char>(type)) +
         std::string(1, static_cast<char>(value.size() + 2)) + value;
}

struct Challenge {
  std::vector<std::string> attributes;
  std::vector<std::string_view> views() const { return {attributes.begin(), attributes.end()}; }
};

// RFC 2617 §3.5's example (qop=auth), one sub-attribute per Digest-Attributes as Kamailio
// sends them.
Challenge rfc2617() {
  return {{sub(10, "Mufasa"), sub(1, "testrealm@host.com"),
           sub(2, "dcd98b7102dd2f0e8b11d0f600bfb0c093"), sub(3, "GET"), sub(4, "/dir/index.html"),
           sub(5, "auth"), sub(9, "00000001"), sub(8, "0a4f113b")}};
}

// Without qop (RFC 2069 compatibility, what the e2e test and the benchmark send).
Challenge no_qop() {
  return {{sub(1, "sip.example.com"), sub(2, "4f2e1a9b77"), sub(3, "INVITE"),
           sub(4, "sip:0044207@gw"), sub(10, "5551234")}};
}

}  // namespace

TEST_CASE("a digest answer matches the PIN it was computed from, and nothing else") {
  // Proves matches() is RFC 2617's response. The answers were computed with Python's hashlib,
  // not with this code; the first is the RFC's own example:
  //   qop=auth: md5(HA1:nonce:nc:cnonce:auth:HA2) = 6629fae49393a05397450978507c4ef1
  //   no qop:   md5(md5(5551234:sip.example.com:4321):4f2e1a9b77:md5(INVITE:sip:0044207@gw))
  //             = bbee9830175c1293724ab5ea0ba5fb4f
  const auto rfc = rfc2617();
  const auto a = DigestResponse::from("6629fae49393a05397450978507c4ef1", rfc.views());
  REQUIRE(a);
  CHECK(a->matches("Circle Of Life"));
  CHECK_FALSE(a->matches("Circle of Life"));
  CHECK_FALSE(a->matches(""));

  const auto plain = no_qop();
  const auto b = DigestResponse::from("bbee9830175c1293724ab5ea0ba5fb4f", plain.views());
  REQUIRE(b);
  CHECK(b->matches("4321"));
  CHECK_FALSE(b->matches("43210"));
  CHECK_FALSE(b->matches("1234"));
  // Upper-case hex is the same answer.
  const auto upper = DigestResponse::from("BBEE9830175C1293724AB5EA0BA5FB4F", plain.views());
  REQUIRE(upper);
  CHECK(upper->matches("4321"));
  // All sub-attributes in one Digest-Attributes is the same challenge.
  std::string joined;
  for (const auto& s : plain.attributes) joined += s;
  const std::vector<std::string_view> one{joined};
  const auto c = DigestResponse::from("bbee9830175c1293724ab5ea0ba5fb4f", one);
  REQUIRE(c);
  CHECK(c->matches("4321"));
}

TEST_CASE("a digest answer this class is not sure of is left to FreeRADIUS") {
  // Proves from() gives nothing for a malformed answer or challenge and for the forms it does
  // not compute (MD5-sess, auth-int): the module then takes the path where FreeRADIUS's
  // digest module alone decides, instead of refusing a PIN it might have checked wrongly.
  const std::string good = "bbee9830175c1293724ab5ea0ba5fb4f";
  auto with = [](std::vector<std::string> extra) {
    Challenge c = no_qop();
    for (auto& e : extra) c.attributes.push_back(std::move(e));
    return c;
  };
  CHECK_FALSE(DigestResponse::from(good.substr(1), no_qop().views()));
  CHECK_FALSE(DigestResponse::from("zbee9830175c1293724ab5ea0ba5fb4f", no_qop().views()));
  CHECK(DigestResponse::from(good, with({sub(6, "MD5")}).views()));
  CHECK(DigestResponse::from(good, with({sub(6, "md5")}).views()));
  CHECK_FALSE(DigestResponse::from(good, with({sub(6, "MD5-sess")}).views()));
  CHECK_FALSE(DigestResponse::from(
      good, with({sub(5, "auth-int"), sub(7, "d41d8cd98f00b204e9800998ecf8427e")}).views()));
  CHECK_FALSE(DigestResponse::from(good, with({sub(5, "auth")}).views()));  // no cnonce, nc
  CHECK_FALSE(DigestResponse::from(good, with({sub(5, "")}).views()));      // qop present, empty
  CHECK_FALSE(DigestResponse::from(good, with({sub(2, "other-nonce")}).views()));  // repeated
  for (unsigned char missing : {1, 2, 3, 4, 10}) {
    Challenge c = no_qop();
    std::erase_if(c.attributes, [&](const std::string& s) {
      return static_cast<unsigned char>(s[0]) == missing;
    });
    CAPTURE(static_cast<int>(missing));
    CHECK_FALSE(DigestResponse::from(good, c.views()));
  }
  // A sub-attribute whose length runs past its attribute, or is below two.
  Challenge broken = no_qop();
  broken.attributes[0][1] = static_cast<char>(broken.attributes[0].size() + 1);
  CHECK_FALSE(DigestResponse::from(good, broken.views()));
  broken = no_qop();
  broken.attributes[0][1] = 1;
  CHECK_FALSE(DigestResponse::from(good, broken.views()));
  const std::vector<std::string_view> none;
  CHECK_FALSE(DigestResponse::from(good, none));
}

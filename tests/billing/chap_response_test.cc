// ChapResponse: a CHAP answer checked against a PIN as FreeRADIUS's chap module checks it.
#include "billing/calls/chap_response.h"

#include <doctest/doctest.h>

#include <string>

using prepaid::billing::ChapResponse;

namespace {

// 16 octets from hex.
std::string octets(const char* hex) {
  std::string out;
  for (const char* p = hex; p[0] && p[1]; p += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(p, 2), nullptr, 16)));
  return out;
}

std::string chap_password(unsigned char ident, const char* digest_hex) {
  return std::string(1, static_cast<char>(ident)) + octets(digest_hex);
}

std::string vector_0_to_15() {
  std::string v;
  for (int i = 0; i < 16; ++i) v.push_back(static_cast<char>(i));
  return v;
}

}  // namespace

TEST_CASE("a CHAP answer matches the PIN it was computed from, and nothing else") {
  // Proves matches() is MD5(ident || PIN || challenge) compared with the answer. The digests
  // were computed with Python's hashlib, not with this code:
  //   md5(bytes([7]) + b'4321' + b'0123456789abcdef')       = 0a7f09d2...ecf75684
  //   md5(bytes([0xfe]) + b'20260101' + bytes(range(16)))   = acb2af0e...1e98dd84
  const auto a =
      ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684"), "0123456789abcdef");
  REQUIRE(a);
  CHECK(a->ident == 7);
  CHECK(a->matches("4321"));
  CHECK_FALSE(a->matches("4322"));
  CHECK_FALSE(a->matches("432"));
  CHECK_FALSE(a->matches("43210"));
  CHECK_FALSE(a->matches(""));

  // A challenge with every octet value below 16 (a Request Authenticator) and ident 0xfe.
  const auto b =
      ChapResponse::from(chap_password(0xfe, "acb2af0e8cb90575816bbef81e98dd84"), vector_0_to_15());
  REQUIRE(b);
  CHECK(b->matches("20260101"));
  CHECK_FALSE(b->matches("4321"));

  // The same answer under another identifier or challenge proves nothing.
  const auto other_ident =
      ChapResponse::from(chap_password(8, "0a7f09d29f5c75158c20f916ecf75684"), "0123456789abcdef");
  REQUIRE(other_ident);
  CHECK_FALSE(other_ident->matches("4321"));
  const auto other_challenge =
      ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684"), "0123456789abcdeF");
  REQUIRE(other_challenge);
  CHECK_FALSE(other_challenge->matches("4321"));
}

TEST_CASE("a CHAP-Password or challenge of the wrong length is not a CHAP answer") {
  // Proves from() takes exactly 17 octets (RFC 2865 §5.3) and a challenge of 1 to 253.
  const std::string digest = octets("0a7f09d29f5c75158c20f916ecf75684");
  CHECK_FALSE(ChapResponse::from("", "0123456789abcdef"));
  CHECK_FALSE(ChapResponse::from(digest, "0123456789abcdef"));  // 16: no identifier
  CHECK_FALSE(ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684") + "x",
                                 "0123456789abcdef"));
  CHECK_FALSE(ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684"), ""));
  CHECK_FALSE(ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684"),
                                 std::string(254, 'c')));
  CHECK(ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684"),
                           std::string(253, 'c')));
  CHECK(ChapResponse::from(chap_password(7, "0a7f09d29f5c75158c20f916ecf75684"), "c"));
}

// Proves the Request/Response Authenticators and Message-Authenticator are computed and
// checked as RFC 5176 and RFC 3579 say, against packets signed outside this code.
#include "dynauth/authenticator.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>

#include "tests/dynauth/wire_samples.h"

using namespace prepaid::dynauth;
using namespace prepaid::dynauth::testing;

TEST_CASE("radclient's request verifies with its secret and not with another") {
  const Bytes request = from_hex(kRadclientRequest);
  CHECK(verify_request(request, kSecret));
  CHECK_FALSE(verify_request(request, "another"));
  Bytes tampered = request;
  tampered.back() ^= 1;  // Event-Timestamp changed
  CHECK_FALSE(verify_request(tampered, kSecret));
}

TEST_CASE("signing a request with a zeroed authenticator gives radclient's bytes") {
  Bytes request = from_hex(kRadclientRequest);
  for (std::size_t i = 4; i < 20; ++i) request[i] = 0;
  for (std::size_t i = 22; i < 38; ++i) request[i] = 0;  // Message-Authenticator's value
  REQUIRE(sign_request(request, kSecret));
  CHECK(request == from_hex(kRadclientRequest));
}

TEST_CASE("an ACK and a NAK signed for the request verify") {
  const Authenticator auth = authenticator_of(from_hex(kRadclientRequest));
  CHECK(check_answer(from_hex(kAck), auth, kSecret) == AnswerCheck::valid);
  CHECK(check_answer(from_hex(kNak503), auth, kSecret) == AnswerCheck::valid);
}

TEST_CASE("an answer signed with another secret or for another request does not verify") {
  const Authenticator auth = authenticator_of(from_hex(kRadclientRequest));
  CHECK(check_answer(from_hex(kAck), auth, "wrong-secret") ==
        AnswerCheck::bad_response_authenticator);
  Authenticator other = auth;
  other[0] ^= 1;
  CHECK(check_answer(from_hex(kAck), other, kSecret) == AnswerCheck::bad_response_authenticator);
}

TEST_CASE("a wrong Message-Authenticator is caught even under a valid Response Authenticator") {
  const Authenticator auth = authenticator_of(from_hex(kRadclientRequest));
  Bytes nak = from_hex(kNak503);
  nak[25] ^= 0x40;  // inside the Message-Authenticator's value
  // The Response Authenticator recomputed over the altered packet, as a NAS whose HMAC is
  // wrong but whose MD5 is right would send it.
  Bytes signed_part = nak;
  for (std::size_t i = 0; i < 16; ++i) signed_part[4 + i] = auth[i];
  const std::string secret = kSecret;
  signed_part.insert(signed_part.end(), secret.begin(), secret.end());
  unsigned int len = 0;
  REQUIRE(EVP_Digest(signed_part.data(), signed_part.size(), nak.data() + 4, &len, EVP_md5(),
                     nullptr) == 1);
  CHECK(check_answer(nak, auth, kSecret) == AnswerCheck::bad_message_authenticator);
}

TEST_CASE("sign_answer reproduces the externally signed NAK") {
  const Authenticator auth = authenticator_of(from_hex(kRadclientRequest));
  Bytes nak = from_hex(kNak503);
  for (std::size_t i = 4; i < 20; ++i) nak[i] = 0;
  for (std::size_t i = 22; i < 38; ++i) nak[i] = 0;
  REQUIRE(sign_answer(nak, auth, kSecret));
  CHECK(nak == from_hex(kNak503));
}

#include "billing/calls/chap_response.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <stdexcept>

#include "billing/calls/md5.h"

namespace prepaid::billing {

namespace {

constexpr std::size_t kChapPasswordLength = 17;   // RFC 2865 §5.3
constexpr std::size_t kMaxChallengeLength = 253;  // one attribute's value

}  // namespace

std::optional<ChapResponse> ChapResponse::from(std::string_view chap_password,
                                               std::string_view challenge) {
  if (chap_password.size() != kChapPasswordLength || challenge.empty() ||
      challenge.size() > kMaxChallengeLength || !md5_usable())
    return std::nullopt;
  ChapResponse r;
  r.ident = static_cast<std::uint8_t>(chap_password[0]);
  std::transform(chap_password.begin() + 1, chap_password.end(), r.digest.begin(),
                 [](char c) { return static_cast<std::uint8_t>(c); });
  r.challenge = std::string(challenge);
  return r;
}

bool ChapResponse::matches(std::string_view pin) const {
  if (pin.empty()) return false;
  const char id = static_cast<char>(ident);
  Md5 expected{};
  if (!md5({std::string_view(&id, 1), pin, challenge}, expected))
    throw std::runtime_error("MD5 failed after it worked once");
  return CRYPTO_memcmp(expected.data(), digest.data(), digest.size()) == 0;
}

}  // namespace prepaid::billing

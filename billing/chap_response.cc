#include "billing/chap_response.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace prepaid::billing {

namespace {

constexpr std::size_t kChapPasswordLength = 17;   // RFC 2865 §5.3
constexpr std::size_t kMaxChallengeLength = 253;  // one attribute's value

}  // namespace

std::optional<ChapResponse> ChapResponse::from(std::string_view chap_password,
                                               std::string_view challenge) {
  if (chap_password.size() != kChapPasswordLength || challenge.empty() ||
      challenge.size() > kMaxChallengeLength)
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
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> expected{};
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), &ident, 1) != 1 ||
      EVP_DigestUpdate(ctx.get(), pin.data(), pin.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), challenge.data(), challenge.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), expected.data(), &length) != 1 || length != digest.size())
    throw std::runtime_error("EVP_Digest(md5) failed");
  return CRYPTO_memcmp(expected.data(), digest.data(), digest.size()) == 0;
}

}  // namespace prepaid::billing

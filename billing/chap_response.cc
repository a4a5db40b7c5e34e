#include "billing/chap_response.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <memory>
#include <stdexcept>

namespace prepaid::billing {

namespace {

constexpr std::size_t kChapPasswordLength = 17;   // RFC 2865 §5.3
constexpr std::size_t kMaxChallengeLength = 253;  // one attribute's value

// MD5 of the parts, or false when this OpenSSL refuses MD5 (a FIPS provider).
bool md5(std::initializer_list<std::string_view> parts, std::array<unsigned char, 16>& out) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1) return false;
  for (const std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) return false;
  }
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1 || length != out.size())
    return false;
  std::copy_n(digest.begin(), out.size(), out.begin());
  return true;
}

// Whether MD5 works here, tried once.
bool md5_usable() {
  static const bool usable = [] {
    std::array<unsigned char, 16> out{};
    return md5({"chap"}, out);
  }();
  return usable;
}

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
  std::array<unsigned char, 16> expected{};
  if (!md5({std::string_view(&id, 1), pin, challenge}, expected))
    throw std::runtime_error("MD5 failed after it worked once");
  return CRYPTO_memcmp(expected.data(), digest.data(), digest.size()) == 0;
}

}  // namespace prepaid::billing

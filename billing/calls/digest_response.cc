#include "billing/calls/digest_response.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include "billing/calls/md5.h"

namespace prepaid::billing {

namespace {

// draft-sterman-aaa-sip §3.1: the sub-attributes of Digest-Attributes.
enum SubType : unsigned char {
  kRealm = 1,
  kNonce = 2,
  kMethod = 3,
  kUri = 4,
  kQop = 5,
  kAlgorithm = 6,
  kBodyDigest = 7,
  kCnonce = 8,
  kNonceCount = 9,
  kUserName = 10,
};
constexpr std::size_t kResponseLength = 32;  // MD5 in hex

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string md5_hex(std::initializer_list<std::string_view> parts) {
  Md5 digest{};
  if (!md5(parts, digest)) throw std::runtime_error("MD5 failed after it worked once");
  return hex(digest);
}

}  // namespace

std::optional<DigestResponse> DigestResponse::from(std::string_view response,
                                                   std::span<const std::string_view> attributes) {
  if (response.size() != kResponseLength ||
      !std::all_of(response.begin(), response.end(),
                   [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }) ||
      !md5_usable())
    return std::nullopt;
  DigestResponse d;
  d.response.resize(response.size());
  std::transform(response.begin(), response.end(), d.response.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  std::array<std::optional<std::string>, kUserName + 1> fields;
  for (std::string_view attribute : attributes) {
    while (!attribute.empty()) {
      if (attribute.size() < 2) return std::nullopt;
      const auto type = static_cast<unsigned char>(attribute[0]);
      const auto length = static_cast<unsigned char>(attribute[1]);
      if (length < 2 || length > attribute.size()) return std::nullopt;
      if (type >= kRealm && type <= kUserName) {
        if (fields[type]) return std::nullopt;  // repeated: which one would FreeRADIUS take?
        fields[type] = std::string(attribute.substr(2, length - 2));
      }
      attribute.remove_prefix(length);
    }
  }
  if (fields[kAlgorithm] && !equal_ignoring_case(*fields[kAlgorithm], "MD5")) return std::nullopt;
  if (fields[kBodyDigest]) return std::nullopt;                      // auth-int
  if (fields[kQop] && *fields[kQop] != "auth") return std::nullopt;  // auth-int, or empty
  const std::string qop = fields[kQop].value_or("");
  for (const auto needed : {kRealm, kNonce, kMethod, kUri, kUserName})
    if (!fields[needed]) return std::nullopt;
  if (!qop.empty() && (!fields[kCnonce] || !fields[kNonceCount])) return std::nullopt;
  d.user_name = *fields[kUserName];
  d.realm = *fields[kRealm];
  const std::string ha2 = md5_hex({*fields[kMethod], ":", *fields[kUri]});
  d.after_ha1 = ":" + *fields[kNonce];
  if (!qop.empty()) d.after_ha1 += ":" + *fields[kNonceCount] + ":" + *fields[kCnonce] + ":" + qop;
  d.after_ha1 += ":" + ha2;
  return d;
}

bool DigestResponse::matches(std::string_view pin) const {
  if (pin.empty()) return false;
  const std::string expected = md5_hex({md5_hex({user_name, ":", realm, ":", pin}), after_ha1});
  return expected.size() == response.size() &&
         CRYPTO_memcmp(expected.data(), response.data(), expected.size()) == 0;
}

}  // namespace prepaid::billing

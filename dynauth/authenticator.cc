#include "dynauth/authenticator.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <optional>

namespace prepaid::dynauth {

namespace {

using Digest = std::array<std::uint8_t, 16>;

std::optional<Digest> md5(const Bytes& data, std::string_view secret) {
  Digest out{};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return std::nullopt;
  unsigned int len = 0;
  const bool ok = EVP_DigestInit_ex(ctx, EVP_md5(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, data.data(), data.size()) == 1 &&
                  EVP_DigestUpdate(ctx, secret.data(), secret.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx, out.data(), &len) == 1 && len == out.size();
  EVP_MD_CTX_free(ctx);
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Digest> hmac_md5(const Bytes& data, std::string_view secret) {
  Digest out{};
  unsigned int len = 0;
  if (HMAC(EVP_md5(), secret.data(), static_cast<int>(secret.size()), data.data(), data.size(),
           out.data(), &len) == nullptr ||
      len != out.size())
    return std::nullopt;
  return out;
}

// The offset of the Message-Authenticator's value in `wire`, if it has one of 16 octets;
// -1 when it has none; -2 when the packet does not parse or the attribute is malformed.
long message_authenticator_offset(const Bytes& wire) {
  if (wire.size() < 20) return -2;
  const std::size_t length = (std::size_t{wire[2]} << 8) | wire[3];
  if (length < 20 || length > wire.size()) return -2;
  std::size_t pos = 20;
  while (pos < length) {
    if (pos + 2 > length) return -2;
    const std::size_t len = wire[pos + 1];
    if (len < 2 || pos + len > length) return -2;
    if (wire[pos] == attr::kMessageAuthenticator)
      return len == 18 ? static_cast<long>(pos + 2) : -2;
    pos += len;
  }
  return -1;
}

void put(Bytes& wire, std::size_t at, const Digest& d) {
  std::copy(d.begin(), d.end(), wire.begin() + static_cast<std::ptrdiff_t>(at));
}

bool equal(const Bytes& wire, std::size_t at, const Digest& d) {
  return CRYPTO_memcmp(wire.data() + at, d.data(), d.size()) == 0;
}

// `wire` truncated to its Length field, with the Authenticator field set to `auth`.
Bytes with_authenticator(const Bytes& wire, const Authenticator& auth) {
  const std::size_t length = (std::size_t{wire[2]} << 8) | wire[3];
  Bytes copy(wire.begin(), wire.begin() + static_cast<std::ptrdiff_t>(length));
  std::copy(auth.begin(), auth.end(), copy.begin() + 4);
  return copy;
}

}  // namespace

bool sign_request(Bytes& wire, std::string_view secret) {
  const long ma = message_authenticator_offset(wire);
  if (ma == -2) return false;
  Bytes work = with_authenticator(wire, Authenticator{});
  if (ma > 0) {
    std::fill_n(work.begin() + ma, 16, std::uint8_t{0});
    const auto mac = hmac_md5(work, secret);
    if (!mac) return false;
    put(work, static_cast<std::size_t>(ma), *mac);
  }
  const auto auth = md5(work, secret);
  if (!auth) return false;
  put(work, 4, *auth);
  wire = std::move(work);
  return true;
}

bool verify_request(const Bytes& wire, std::string_view secret) {
  const long ma = message_authenticator_offset(wire);
  if (ma == -2) return false;
  Bytes work = with_authenticator(wire, Authenticator{});
  const auto auth = md5(work, secret);
  if (!auth || !equal(wire, 4, *auth)) return false;
  if (ma > 0) {
    std::fill_n(work.begin() + ma, 16, std::uint8_t{0});
    const auto mac = hmac_md5(work, secret);
    if (!mac || !equal(wire, static_cast<std::size_t>(ma), *mac)) return false;
  }
  return true;
}

AnswerCheck check_answer(const Bytes& wire, const Authenticator& request_auth,
                         std::string_view secret) {
  const long ma = message_authenticator_offset(wire);
  if (ma == -2) return AnswerCheck::bad_response_authenticator;
  Bytes work = with_authenticator(wire, request_auth);
  const auto auth = md5(work, secret);
  if (!auth || !equal(wire, 4, *auth)) return AnswerCheck::bad_response_authenticator;
  if (ma > 0) {
    std::fill_n(work.begin() + ma, 16, std::uint8_t{0});
    const auto mac = hmac_md5(work, secret);
    if (!mac || !equal(wire, static_cast<std::size_t>(ma), *mac))
      return AnswerCheck::bad_message_authenticator;
  }
  return AnswerCheck::valid;
}

bool sign_answer(Bytes& wire, const Authenticator& request_auth, std::string_view secret) {
  const long ma = message_authenticator_offset(wire);
  if (ma == -2) return false;
  Bytes work = with_authenticator(wire, request_auth);
  if (ma > 0) {
    std::fill_n(work.begin() + ma, 16, std::uint8_t{0});
    const auto mac = hmac_md5(work, secret);
    if (!mac) return false;
    put(work, static_cast<std::size_t>(ma), *mac);
  }
  const auto auth = md5(work, secret);
  if (!auth) return false;
  put(work, 4, *auth);
  wire = std::move(work);
  return true;
}

}  // namespace prepaid::dynauth

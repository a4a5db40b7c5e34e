// Console passwords as Argon2id strings (libsodium).
#include "billing/operators/password_hash.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace prepaid::billing {
namespace {

void start_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  });
}

}  // namespace

std::optional<Problem> check_new_password(std::string_view password) {
  if (password.size() < 10)
    return refuse(ErrorCode::invalid_argument, "a password must be at least 10 characters")
        .about("password");
  if (password.size() > 128)
    return refuse(ErrorCode::invalid_argument, "a password must be at most 128 bytes")
        .about("password");
  for (unsigned char c : password)
    if (c < 0x20 || c == 0x7f)
      return refuse(ErrorCode::invalid_argument, "a password may not hold control characters")
          .about("password");
  return std::nullopt;
}

std::string hash_password(std::string_view password) {
  start_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing failed (out of memory)");
  }
  return out;
}

bool password_matches(std::string_view stored, std::string_view password) {
  start_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string text(stored);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(text.c_str(), password.data(), password.size()) == 0;
}

void spend_password_time(std::string_view password) {
  static const std::string dummy = hash_password("prepaid: no such operator");
  (void)password_matches(dummy, password);
}

}  // namespace prepaid::billing

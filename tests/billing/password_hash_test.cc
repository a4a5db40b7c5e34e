// password_hash: Argon2id strings with fresh salts, the checks of a new password.
#include "billing/operators/password_hash.h"

#include <doctest/doctest.h>

using namespace prepaid::billing;

TEST_CASE("a password is stored as an Argon2id string that only it matches") {
  // Proves the algorithm, the salt (two hashes of one password differ) and verification.
  const auto a = hash_password("correct horse battery");
  const auto b = hash_password("correct horse battery");
  CHECK(a.rfind("$argon2id$", 0) == 0);
  CHECK(a != b);
  CHECK(a.find("correct horse") == std::string::npos);
  CHECK(password_matches(a, "correct horse battery"));
  CHECK(password_matches(b, "correct horse battery"));
  CHECK_FALSE(password_matches(a, "correct horse batterY"));
  CHECK_FALSE(password_matches(a, ""));
  CHECK_FALSE(password_matches("", "correct horse battery"));
  CHECK_FALSE(password_matches("$argon2id$garbage", "correct horse battery"));
}

TEST_CASE("a new password is 10..128 bytes without control characters") {
  // Proves check_new_password's bounds and that its messages never repeat the password.
  CHECK_FALSE(check_new_password("0123456789"));
  CHECK_FALSE(check_new_password(std::string(128, 'x')));
  CHECK_FALSE(check_new_password("pässwörd ünicode"));
  const auto short_one = check_new_password("012345678");
  REQUIRE(short_one);
  CHECK(short_one->field == "password");
  CHECK(short_one->message.find("012345678") == std::string::npos);
  CHECK(check_new_password(std::string(129, 'x')));
  CHECK(check_new_password("0123456789\n"));
  CHECK(check_new_password(std::string("0123456789\0", 11)));
}

#pragma once
/// @file password_hash.h
/// @brief Operators' console passwords: the rules a new one must meet, and how it is stored
/// (Argon2id through libsodium's crypto_pwhash_str; only the hash string is ever kept).

#include <optional>
#include <string>
#include <string_view>

#include "billing/result.h"

namespace prepaid::billing {

/// Refuses a password that is too short (under 10 bytes), too long (over 128) or holds
/// control characters; the message never repeats the password.
std::optional<Problem> check_new_password(std::string_view password);

/// The Argon2id string of `password` (a fresh random salt each call; libsodium's
/// "interactive" cost: 2 passes over 64 MiB). Throws std::runtime_error when libsodium cannot
/// (out of memory).
std::string hash_password(std::string_view password);

/// Whether `password` matches `stored` (an Argon2id string from hash_password). False for a
/// malformed `stored`. Takes as long as a hash.
bool password_matches(std::string_view stored, std::string_view password);

/// Spends the time of one password_matches() against a fixed hash: used when the operator
/// does not exist or has no password, so that the answer's delay does not tell.
void spend_password_time(std::string_view password);

}  // namespace prepaid::billing

#pragma once
/// @file csprng.h
/// @brief Secrets from OpenSSL's CSPRNG (RAND_bytes): card numbers, PINs and API tokens.

#include <cstddef>
#include <string>

namespace prepaid::billing {

/// `count` uniformly random decimal digits (unbiased: bytes >= 250 are rejected, the rest
/// taken modulo 10). With `nonzero_first`, the first digit is 1..9 (card numbers keep their
/// length when read as integers). Throws std::runtime_error when the CSPRNG fails.
std::string random_digits(std::size_t count, bool nonzero_first = false);

/// `bytes` random bytes as 2 × bytes lowercase hex digits. Throws like random_digits().
std::string random_hex(std::size_t bytes);

}  // namespace prepaid::billing

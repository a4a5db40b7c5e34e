#pragma once
/// @file token_digest.h
/// @brief sha256_hex: how API tokens are stored (their SHA-256, never the token).

#include <string>
#include <string_view>

namespace prepaid::billing {

/// SHA-256 of `data` as 64 lowercase hex digits (OpenSSL EVP).
std::string sha256_hex(std::string_view data);

}  // namespace prepaid::billing

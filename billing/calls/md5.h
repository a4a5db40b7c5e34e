#pragma once
/// @file md5.h
/// @brief MD5 through OpenSSL, for the RADIUS answers built on it (CHAP, SIP digest) and for
/// nothing else.

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

namespace prepaid::billing {

using Md5 = std::array<unsigned char, 16>;

/// MD5 of `parts` in order into `out`; false when this OpenSSL refuses MD5 (a FIPS provider).
bool md5(std::initializer_list<std::string_view> parts, Md5& out);

/// Whether MD5 works here (tried once).
bool md5_usable();

/// The 32 lowercase hex digits of `digest`.
std::string hex(const Md5& digest);

}  // namespace prepaid::billing

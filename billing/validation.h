#pragma once
/// @file validation.h
/// @brief Input checks shared by the services (internal): digits, printable text, operator
/// names. Labels (tariff, price-list and rule names) are in label.h.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace prepaid::billing {

/// True when `text` is min..max ASCII digits.
inline bool is_digits(std::string_view text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

/// True when `text` has at most `max` bytes and no control characters (0x00..0x1f, 0x7f).
/// UTF-8 beyond ASCII is accepted.
inline bool is_printable(std::string_view text, std::size_t max) {
  if (text.size() > max) return false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

/// True for 1..max characters of [A-Za-z0-9._@-] (operator names).
inline bool is_name(std::string_view text, std::size_t max = 64) {
  if (text.empty() || text.size() > max) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

/// Longest card number / PIN accepted anywhere (database columns are 32 wide).
inline constexpr std::size_t kMaxNumberLength = 32;

/// Largest amount one admin operation may move, in main units (a recharge, a batch's initial
/// balance, a credit limit): larger values are typing mistakes, refused as absurd.
inline constexpr std::int64_t kMaxAmountUnits = 1'000'000;

}  // namespace prepaid::billing

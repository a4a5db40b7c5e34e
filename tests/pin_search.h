#pragma once
/// @file pin_search.h
/// @brief shows_pin: whether a text (an audit row, a log, a table) shows a PIN.
///
/// A PIN is a short run of digits; texts that must not show it are full of longer numbers
/// (card numbers, time stamps, amounts in micro-units). `text.find(pin)` therefore finds a
/// random 5-digit PIN inside some other number now and then (a batch test failed that way in
/// CI, about one run in forty). A PIN is shown when its digits stand on their own: not
/// preceded or followed by another digit.

#include <cstddef>
#include <string_view>

namespace prepaid::testing {

inline bool shows_pin(std::string_view text, std::string_view pin) {
  if (pin.empty()) return false;
  const auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  for (std::size_t at = text.find(pin); at != std::string_view::npos; at = text.find(pin, at + 1)) {
    const std::size_t end = at + pin.size();
    const bool joined = (at > 0 && digit(text[at - 1])) || (end < text.size() && digit(text[end]));
    if (!joined) return true;
  }
  return false;
}

}  // namespace prepaid::testing

#include "radius-module/dialed_number.h"

#include <algorithm>
#include <cctype>

namespace prepaid::radius {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

}  // namespace

std::optional<std::string> clean_dialed_number(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>') {
    text = trim(text.substr(1, text.size() - 2));
  }
  std::string out;
  if (starts_with_nocase(text, "tel:")) {
    text.remove_prefix(4);
    text = text.substr(0, text.find(';'));
    for (char c : text) {
      if (c != '-' && c != '.' && c != '(' && c != ')') out.push_back(c);
    }
  } else {
    if (starts_with_nocase(text, "sip:")) {
      text.remove_prefix(4);
    } else if (starts_with_nocase(text, "sips:")) {
      text.remove_prefix(5);
    } else {
      out.assign(text);
      return out.empty() ? std::nullopt : std::optional<std::string>(std::move(out));
    }
    // user part: up to '@'; user parameters (';') and URI parameters end it too.
    text = text.substr(0, text.find_first_of("@;?"));
    out.assign(text);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace prepaid::radius

#include "billing/counter/utf8_text.h"

#include <cstdint>

namespace prepaid::billing {
namespace {

/// The length of the well-formed UTF-8 sequence starting at text[at], and its code point; 0
/// when the bytes there are not one.
std::size_t sequence_at(std::string_view text, std::size_t at, char32_t& cp) {
  const auto b = [&](std::size_t i) { return static_cast<std::uint8_t>(text[at + i]); };
  const std::size_t left = text.size() - at;
  const std::uint8_t b0 = b(0);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (left < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

}  // namespace

bool is_utf8(std::string_view text) {
  char32_t cp = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t len = sequence_at(text, at, cp);
    if (len == 0) return false;
    at += len;
  }
  return true;
}

bool has_control_character(std::string_view text) {
  char32_t cp = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t len = sequence_at(text, at, cp);
    if (len != 0 && is_control(cp)) return true;
    at += len == 0 ? 1 : len;
  }
  return false;
}

std::size_t code_points(std::string_view text) {
  char32_t cp = 0;
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size(); ++count) {
    const std::size_t len = sequence_at(text, at, cp);
    at += len == 0 ? 1 : len;
  }
  return count;
}

std::string printable_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t cp = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t len = sequence_at(text, at, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++at;
    } else {
      if (is_control(cp))
        out += ' ';
      else
        out.append(text.substr(at, len));
      at += len;
    }
  }
  return out;
}

std::string_view first_code_points(std::string_view text, std::size_t count) {
  char32_t cp = 0;
  std::size_t at = 0;
  for (std::size_t n = 0; n < count && at < text.size(); ++n) {
    const std::size_t len = sequence_at(text, at, cp);
    at += len == 0 ? 1 : len;
  }
  return text.substr(0, at);
}

std::string fit_width(std::string_view text, std::size_t width) {
  if (code_points(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out(first_code_points(text, width - 1));
  out += kEllipsis;
  return out;
}

}  // namespace prepaid::billing

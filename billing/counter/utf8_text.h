#pragma once
/// @file utf8_text.h
/// @brief UTF-8 text measured and cut by code points, for labels typed at the counter and for
/// fixed-width receipt lines: a Cyrillic or Portuguese letter is one column and two or three
/// bytes, and a line is never cut inside a character.

#include <cstddef>
#include <string>
#include <string_view>

namespace prepaid::billing {

/// "…" (U+2026): what ends a text cut to fit.
inline constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

/// True when `text` is well-formed UTF-8 (RFC 3629: shortest forms, no surrogates,
/// ≤ U+10FFFF).
bool is_utf8(std::string_view text);
/// True when `text` has a control character: C0 (U+0000..U+001F), DEL or C1 (U+0080..U+009F).
/// Bytes that are not UTF-8 are not control characters here (check is_utf8() first).
bool has_control_character(std::string_view text);
/// Code points in `text`; a byte that is not part of well-formed UTF-8 counts as one.
std::size_t code_points(std::string_view text);
/// `text` made safe to print: every byte not part of well-formed UTF-8 becomes U+FFFD and
/// every control character a space. Well-formed printable text is returned unchanged.
std::string printable_text(std::string_view text);
/// The first `count` code points of well-formed `text` (all of it when shorter).
std::string_view first_code_points(std::string_view text, std::size_t count);
/// `text` (well-formed) when it has at most `width` code points; otherwise its first
/// `width − 1` followed by "…" (just "…" for width 1, "" for width 0).
std::string fit_width(std::string_view text, std::size_t width);

}  // namespace prepaid::billing

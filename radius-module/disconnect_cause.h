#pragma once
/// @file disconnect_cause.h
/// @brief The Q.850 cause in h323-disconnect-cause.

#include <optional>
#include <string_view>

namespace prepaid::radius {

/// Q.850 "normal call clearing", the cause of an ordinary hang-up.
inline constexpr int kNormalClearing = 16;

/// Parses the value of h323-disconnect-cause without its `name=` prefix: one or two hex
/// digits ("10" -> 16, "1F" -> 31, "a" -> 10), as IOS, GnuGk and FreeSWITCH send it.
/// nullopt when empty, longer than two digits, or not hex.
std::optional<int> parse_disconnect_cause(std::string_view text);

}  // namespace prepaid::radius

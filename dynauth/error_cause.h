#pragma once
/// @file error_cause.h
/// @brief Error-Cause (attribute 101) values of RFC 5176 §3.5, named.

#include <cstdint>
#include <string_view>

namespace prepaid::dynauth {

/// The name RFC 5176 §3.5 gives `value` ("Session Context Not Found" for 503), or "" for a
/// value it does not define.
std::string_view error_cause_name(std::uint32_t value);

}  // namespace prepaid::dynauth

#pragma once
/// @file query_string.h
/// @brief parse_query_string: the parameters of a request target's query string, read as
/// RFC 3986 / HTML forms write them. cpp-httplib 0.11's own reader keeps only the text after
/// the last '=' of a pair (`batch=1%20OR%201=1` became batch "1") and drops a pair repeated
/// exactly; this one keeps every pair and every byte of each value.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace prepaid::cli {

/// @brief A malformed query string, and the parameter it concerns (when known).
struct QueryRefusal {
  std::string message;
  std::string name;
};

/// Name/value pairs in order: pairs are separated by '&'; a pair's first '=' separates the
/// name from the value (later ones belong to the value; a pair without '=' has an empty
/// value); '+' means a space and %XX a byte. Empty pairs ("a=1&&b=2") are skipped. Refused:
/// a '%' not followed by two hex digits, an empty name, a NUL byte.
std::variant<std::vector<std::pair<std::string, std::string>>, QueryRefusal> parse_query_string(
    std::string_view query);

/// The query string of a request target ("/v1/cards?batch=7#x" → "batch=7"); empty when none.
std::string_view query_of_target(std::string_view target);

}  // namespace prepaid::cli

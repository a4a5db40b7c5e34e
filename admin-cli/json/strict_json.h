#pragma once
/// @file strict_json.h
/// @brief parse_strict_json: JSON text from a hostile client into a value, refusing what
/// RFC 8259 leaves open and a lenient parser would let through: a key given twice in one
/// object (nlohmann keeps the last, so {"amount":"1.00","amount":"1000.00"} would mean
/// 1000.00) and nesting deeper than any request needs.

#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace prepaid::cli {

/// @brief Why a text is not acceptable JSON.
struct JsonRefusal {
  std::string message;  ///< "duplicate key 'amount' in an object", "… not valid JSON: …"
  std::string key;      ///< the duplicated key, when that is the reason (else empty)
};

/// Deepest nesting of arrays and objects accepted (request bodies are flat objects whose
/// values are at most arrays of strings).
inline constexpr int kMaxJsonDepth = 16;

/// The value of `text`, or why not: malformed JSON, a duplicate key anywhere (in any object,
/// at any depth), or nesting deeper than kMaxJsonDepth.
std::variant<nlohmann::json, JsonRefusal> parse_strict_json(std::string_view text);

}  // namespace prepaid::cli

#pragma once
/// @file json_text.h
/// @brief JSON to text for replies and `--json`: never throws on bad UTF-8 from stored data
/// (invalid bytes become U+FFFD).

#include <string>

#include <nlohmann/json.hpp>

namespace prepaid::cli {

/// Compact (indent < 0) or indented JSON text.
inline std::string json_text(const nlohmann::json& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace prepaid::cli

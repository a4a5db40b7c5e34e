#pragma once
/// @file console_language.h
/// @brief The web console's languages an operator may choose (operator.language, schema 16).

#include <string_view>

namespace prepaid::billing {

/// "en", "bg", "pt-BR" (the console's message catalogs, web/js/messages/), or "": follow the
/// browser's languages.
inline bool is_console_language(std::string_view language) {
  return language.empty() || language == "en" || language == "bg" || language == "pt-BR";
}

}  // namespace prepaid::billing

#pragma once
/// @file param.h
/// @brief Param: one input of a command, declared once for the command line and the API.

#include <string>
#include <vector>

namespace prepaid::cli {

/// @brief How a parameter's text is read. Every kind has one parser (input.h), used by both
/// the command line and the API, so both refuse the same input with the same message.
enum class ParamType {
  text,     ///< a string
  integer,  ///< a whole number (JSON number or digits)
  money,    ///< a decimal string ("10.00"); JSON numbers are refused (never floats)
  boolean,  ///< JSON true/false, or "true"/"false"/"1"/"0"; a flag on the command line
  choice,   ///< one of Param::choices
  list,     ///< several strings (JSON array; repeated or several positional arguments)
  instant,  ///< "2026-03-01", "2026-03-01T18:30", "2026-03-01T18:30:00Z", "…+02:00"
  raw,      ///< the request body as text (CSV, a tariff file); a FILE argument ('-' = stdin)
};

/// @brief One input of a command.
///
/// Names are snake_case: the JSON field and the query parameter of the API. On the command
/// line a parameter is `--name-with-dashes`, or a positional argument when `positional` is set
/// or the API route has `{name}` in its path.
struct Param {
  std::string name{};
  ParamType type = ParamType::text;
  bool required = false;
  std::string help{};
  std::vector<std::string> choices{};  ///< for ParamType::choice
  bool positional = false;             ///< positional on the command line
  bool cli_only = false;               ///< not part of the API (e.g. --output FILE)
};

}  // namespace prepaid::cli

#pragma once
/// @file input.h
/// @brief Input: the values given to a command, read by type. The command line and the API
/// both fill one (text from argv, the query and the path; JSON values from a body), and
/// every reader refuses a bad value with an InputError that names the parameter.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "admin-cli/command/failure.h"
#include "admin-cli/command/param.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::cli {

/// @brief The values given to one command, checked against its declared parameters.
///
/// A value is either **text** — a command-line argument, an API path segment or query
/// value: a string (a flag is a boolean, a repeated value an array of strings) — or a **JSON
/// value** of an API body, which the readers hold to the types docs/openapi.json publishes:
///
/// | type    | text                                   | JSON value (body)                 |
/// |---------|----------------------------------------|-----------------------------------|
/// | integer | the whole string: digits, optional '-' | a JSON integer (not "2", not 2.0) |
/// | money   | `-?[0-9]+(\.[0-9]{1,6})?`             | the same, as a JSON string        |
/// | boolean | true/false (a flag), "true", "false"   | JSON true or false                |
/// | list    | an array of strings, or one string     | a JSON array of strings           |
/// | others  | a string                               | a JSON string                     |
///
/// A JSON null is refused in a body (leave the field out); in text it never occurs.
class Input {
 public:
  /// `values`: a JSON object of the given parameters. `from_body`: the names whose values
  /// are JSON values of an API body (every other value is text). Throws InputError when
  /// `values` is not an object, names an undeclared parameter, lacks a required one, or
  /// gives null in a body.
  Input(const std::vector<Param>& params, nlohmann::json values,
        std::set<std::string, std::less<>> from_body = {});

  bool has(std::string_view name) const;
  /// The values as given (for logs and tests).
  const nlohmann::json& values() const { return values_; }

  /// A string; throws when absent.
  std::string text(std::string_view name) const;
  std::optional<std::string> optional_text(std::string_view name) const;
  std::string text_or(std::string_view name, std::string fallback) const;
  /// A whole number in [min, max] (text: the whole string; body: a JSON integer).
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max) const;
  std::optional<std::int64_t> optional_integer(std::string_view name, std::int64_t min,
                                               std::int64_t max) const;
  /// A decimal string of the published pattern `-?[0-9]+(\.[0-9]{1,6})?`: no '+', no
  /// blanks, no exponent; JSON numbers are refused.
  rating::Money money(std::string_view name) const;
  std::optional<rating::Money> optional_money(std::string_view name) const;
  /// A boolean (body: JSON true/false; text: a flag, "true" or "false"); false when absent.
  bool flag(std::string_view name) const;
  /// One of the parameter's choices.
  std::optional<std::string> optional_choice(std::string_view name) const;
  /// Strings (a JSON array; in text also one string); empty when absent.
  std::vector<std::string> list(std::string_view name) const;
  /// An instant (instant_text.h forms); local forms are read in `zone`, and a local time
  /// its clocks skipped or showed twice is refused with read_instant's explanation.
  std::optional<rating::Instant> optional_instant(std::string_view name,
                                                  const rating::TimeZone& zone) const;

 private:
  const Param& param(std::string_view name) const;
  const nlohmann::json* find(std::string_view name) const;
  std::string string_value(const Param& p, const nlohmann::json& v) const;
  bool in_body(std::string_view name) const { return from_body_.count(name) > 0; }

  const std::vector<Param>* params_;
  nlohmann::json values_;
  std::set<std::string, std::less<>> from_body_;
};

}  // namespace prepaid::cli

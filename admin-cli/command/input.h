#pragma once
/// @file input.h
/// @brief Input: the values given to a command, read by type. The command line and the API
/// both fill one (strings from argv, the query and the path; JSON values from a body), and
/// every reader refuses a bad value with an InputError that names the parameter.

#include <cstdint>
#include <optional>
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
class Input {
 public:
  /// `values`: a JSON object of the given parameters (strings, numbers, booleans, arrays).
  /// Throws InputError when it is not an object, names an undeclared parameter, or lacks a
  /// required one.
  Input(const std::vector<Param>& params, nlohmann::json values);

  bool has(std::string_view name) const;
  /// The values as given (for logs and tests).
  const nlohmann::json& values() const { return values_; }

  /// A string; throws when absent.
  std::string text(std::string_view name) const;
  std::optional<std::string> optional_text(std::string_view name) const;
  std::string text_or(std::string_view name, std::string fallback) const;
  /// A whole number in [min, max].
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max) const;
  std::optional<std::int64_t> optional_integer(std::string_view name, std::int64_t min,
                                               std::int64_t max) const;
  /// A decimal string (Money::parse); JSON numbers are refused.
  rating::Money money(std::string_view name) const;
  std::optional<rating::Money> optional_money(std::string_view name) const;
  /// A boolean; false when absent.
  bool flag(std::string_view name) const;
  /// One of the parameter's choices.
  std::optional<std::string> optional_choice(std::string_view name) const;
  /// Strings (a JSON array, or one string); empty when absent.
  std::vector<std::string> list(std::string_view name) const;
  /// An instant (instant_text.h forms); local forms are read in `zone`.
  std::optional<rating::Instant> optional_instant(std::string_view name,
                                                  const rating::TimeZone& zone) const;

 private:
  const Param& param(std::string_view name) const;
  const nlohmann::json* find(std::string_view name) const;
  std::string string_value(const Param& p, const nlohmann::json& v) const;

  const std::vector<Param>* params_;
  nlohmann::json values_;
};

}  // namespace prepaid::cli

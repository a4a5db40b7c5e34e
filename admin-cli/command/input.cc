#include "admin-cli/command/input.h"

#include <charconv>
#include <stdexcept>
#include <utility>

#include "admin-cli/command/instant_text.h"

namespace prepaid::cli {
namespace {

std::string shown(const nlohmann::json& v) {
  std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  if (text.size() > 40) text = text.substr(0, 40) + "…";
  return text;
}

/// As shown(), but a string keeps its quotes: "2" (a string) is not 2 (a number).
std::string shown_json(const nlohmann::json& v) {
  std::string text = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 40) text = text.substr(0, 40) + "…";
  return text;
}

std::string names_of(const std::vector<Param>& params) {
  std::string out;
  for (const auto& p : params) {
    if (p.cli_only) continue;
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out.empty() ? "nothing" : out;
}

/// True for the money text of docs/openapi.json: -?[0-9]+(\.[0-9]{1,6})?
bool is_money_text(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == int_start) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  const std::size_t frac_start = ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i == s.size() && i > frac_start && i - frac_start <= 6;
}

}  // namespace

Input::Input(const std::vector<Param>& params, nlohmann::json values,
             std::set<std::string, std::less<>> from_body)
    : params_(&params), values_(std::move(values)), from_body_(std::move(from_body)) {
  if (values_.is_null()) values_ = nlohmann::json::object();
  if (!values_.is_object()) throw InputError("", "the request body must be a JSON object");
  for (const auto& [name, value] : values_.items()) {
    bool known = false;
    for (const auto& p : params) known = known || p.name == name;
    if (!known) {
      throw InputError(
          name, "unknown parameter '" + name + "' (this command takes: " + names_of(params) + ")");
    }
    if (value.is_null() && in_body(name)) {
      throw InputError(name, name + ": null is not a value here (leave the field out)");
    }
  }
  for (const auto& p : params) {
    if (p.required && !has(p.name)) throw InputError(p.name, p.name + ": required");
  }
}

const Param& Input::param(std::string_view name) const {
  for (const auto& p : *params_)
    if (p.name == name) return p;
  throw std::logic_error("command reads an undeclared parameter: " + std::string(name));
}

const nlohmann::json* Input::find(std::string_view name) const {
  param(name);
  const auto it = values_.find(std::string(name));
  if (it == values_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool Input::has(std::string_view name) const {
  return find(name) != nullptr;
}

std::string Input::string_value(const Param& p, const nlohmann::json& v) const {
  if (!v.is_string()) throw InputError(p.name, p.name + ": must be a string, not " + v.dump());
  return v.get<std::string>();
}

std::string Input::text(std::string_view name) const {
  auto v = optional_text(name);
  if (!v) throw InputError(std::string(name), std::string(name) + ": required");
  return *v;
}

std::optional<std::string> Input::optional_text(std::string_view name) const {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  return string_value(param(name), *v);
}

std::string Input::text_or(std::string_view name, std::string fallback) const {
  auto v = optional_text(name);
  return v ? *v : std::move(fallback);
}

std::int64_t Input::integer(std::string_view name, std::int64_t min, std::int64_t max) const {
  auto v = optional_integer(name, min, max);
  if (!v) throw InputError(std::string(name), std::string(name) + ": required");
  return *v;
}

std::optional<std::int64_t> Input::optional_integer(std::string_view name, std::int64_t min,
                                                    std::int64_t max) const {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  const std::string field(name);
  std::int64_t value = 0;
  if (in_body(name) && !v->is_number_integer()) {
    throw InputError(field, field + ": must be a JSON integer such as 12, not " + shown_json(*v));
  }
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      throw InputError(field, field + ": must be " + std::to_string(min) + ".." +
                                  std::to_string(max) + ", not " + v->dump());
    }
    value = v->get<std::int64_t>();
  } else if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (s.empty() || ec != std::errc() || ptr != end) {
      throw InputError(
          field, field + ": not a whole number (the whole value must be digits): " + shown(*v));
    }
  } else {
    throw InputError(field, field + ": not a whole number: " + shown(*v));
  }
  if (value < min || value > max) {
    throw InputError(field, field + ": must be " + std::to_string(min) + ".." +
                                std::to_string(max) + ", not " + std::to_string(value));
  }
  return value;
}

rating::Money Input::money(std::string_view name) const {
  auto v = optional_money(name);
  if (!v) throw InputError(std::string(name), std::string(name) + ": required");
  return *v;
}

std::optional<rating::Money> Input::optional_money(std::string_view name) const {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  const std::string field(name);
  if (v->is_number()) {
    throw InputError(field, field +
                                ": give money as a decimal string such as \"10.00\", not "
                                "the JSON number " +
                                v->dump());
  }
  if (!v->is_string()) throw InputError(field, field + ": not a decimal amount: " + shown(*v));
  const auto& text = v->get_ref<const std::string&>();
  if (!is_money_text(text)) {
    throw InputError(field, field +
                                ": not a decimal amount such as \"10.00\" or \"-3.5\" (digits, "
                                "an optional '-', at most 6 decimals): " +
                                shown_json(*v));
  }
  auto money = rating::Money::parse(text);
  if (!money) {
    throw InputError(field, field + ": not a decimal amount with at most 6 decimals: " + shown(*v));
  }
  return money;
}

bool Input::flag(std::string_view name) const {
  const auto* v = find(name);
  if (!v) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string() && !in_body(name)) {
    const auto& s = v->get_ref<const std::string&>();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  const std::string field(name);
  throw InputError(field, field + ": must be true or false, not " + shown_json(*v));
}

std::optional<std::string> Input::optional_choice(std::string_view name) const {
  auto v = optional_text(name);
  if (!v) return std::nullopt;
  const auto& p = param(name);
  for (const auto& c : p.choices)
    if (c == *v) return v;
  std::string allowed;
  for (const auto& c : p.choices) allowed += (allowed.empty() ? "" : ", ") + c;
  throw InputError(p.name, p.name + ": must be one of " + allowed + ", not " + shown(*v));
}

std::vector<std::string> Input::list(std::string_view name) const {
  const auto* v = find(name);
  if (!v) return {};
  const auto& p = param(name);
  if (v->is_string() && !in_body(name)) return {v->get<std::string>()};
  if (!v->is_array()) throw InputError(p.name, p.name + ": must be a list (JSON array) of strings");
  std::vector<std::string> out;
  for (const auto& item : *v) out.push_back(string_value(p, item));
  return out;
}

std::optional<rating::Instant> Input::optional_instant(std::string_view name,
                                                       const rating::TimeZone& zone) const {
  auto v = optional_text(name);
  if (!v) return std::nullopt;
  const InstantReading read = read_instant(*v, zone);
  const auto& at = read.at;
  if (!at) {
    const std::string field(name);
    // A local time the zone's clocks skipped or showed twice: say so, and what to write.
    if (!read.clock_problem.empty()) throw InputError(field, field + ": " + read.clock_problem);
    throw InputError(field, field +
                                ": not a date or time (2026-03-01, 2026-03-01T18:30, "
                                "2026-03-01T18:30:00Z): " +
                                shown(*v));
  }
  return at;
}

}  // namespace prepaid::cli

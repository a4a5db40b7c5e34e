// Shop: counter rounding and the receipt header's stored form.
#include "billing/shops/shop.h"

namespace prepaid::billing {

using rating::Money;

std::string_view to_string(CounterRounding method) {
  switch (method) {
    case CounterRounding::nearest:
      return "nearest";
    case CounterRounding::up:
      return "up";
    case CounterRounding::down:
      return "down";
  }
  return "nearest";
}

std::optional<CounterRounding> parse_counter_rounding(std::string_view text) {
  if (text == "nearest") return CounterRounding::nearest;
  if (text == "up") return CounterRounding::up;
  if (text == "down") return CounterRounding::down;
  return std::nullopt;
}

bool is_rounding_step(Money step) {
  switch (step.micros()) {
    case 10'000:
    case 50'000:
    case 100'000:
    case 1'000'000:
      return true;
    default:
      return false;
  }
}

Money round_to_step(Money total, Money step, CounterRounding method) {
  const std::int64_t s = step.micros();
  const bool negative = total.micros() < 0;
  const std::int64_t magnitude = negative ? -total.micros() : total.micros();
  const std::int64_t below = magnitude / s * s;
  const std::int64_t rest = magnitude - below;
  std::int64_t rounded = below;
  switch (method) {
    case CounterRounding::down:
      break;
    case CounterRounding::up:
      if (rest) rounded = below + s;
      break;
    case CounterRounding::nearest:
      if (rest * 2 >= s) rounded = below + s;
      break;
  }
  return Money::from_micros(negative ? -rounded : rounded);
}

std::string join_header(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

std::vector<std::string> split_header(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace prepaid::billing

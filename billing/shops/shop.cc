// Shop: counter rounding and the receipt header's stored form.
#include "billing/shops/shop.h"

namespace prepaid::billing {

using rating::Money;

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

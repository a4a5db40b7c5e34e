#include "radius-module/config_list.h"

namespace prepaid::radius {

std::vector<std::string_view> split_config_list(std::string_view text) {
  std::vector<std::string_view> items;
  constexpr std::string_view kSeparators = " \t,";
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = text.find_first_not_of(kSeparators, pos);
    if (start == std::string_view::npos) break;
    const auto end = text.find_first_of(kSeparators, start);
    items.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    pos = end == std::string_view::npos ? text.size() : end;
  }
  return items;
}

}  // namespace prepaid::radius

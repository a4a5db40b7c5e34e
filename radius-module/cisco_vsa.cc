#include "radius-module/cisco_vsa.h"

#include <algorithm>
#include <cctype>

namespace prepaid::radius {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view strip_vsa_prefix(std::string_view name, std::string_view value) {
  if (value.size() > name.size() && value[name.size()] == '=' &&
      iequals(value.substr(0, name.size()), name)) {
    return value.substr(name.size() + 1);
  }
  return value;
}

std::string with_vsa_prefix(std::string_view name, std::string_view value) {
  std::string out;
  out.reserve(name.size() + 1 + value.size());
  out.append(name).append(1, '=').append(value);
  return out;
}

std::optional<AvPair> split_avpair(std::string_view item) {
  const auto at = item.find_first_of("=*");
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  return AvPair{item.substr(0, at), item.substr(at + 1)};
}

}  // namespace prepaid::radius

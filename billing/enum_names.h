#pragma once
/// @file enum_names.h
/// @brief EnumNames: the stable text form of an enum, both ways, from one table (internal).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace prepaid::billing {

/// @brief A fixed table of (value, text) pairs for an enum.
template <class E, std::size_t N>
struct EnumNames {
  std::array<std::pair<E, std::string_view>, N> names;

  constexpr std::string_view text(E value) const {
    for (const auto& [v, t] : names)
      if (v == value) return t;
    return "?";
  }
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& [v, t] : names)
      if (t == text) return v;
    return std::nullopt;
  }
};

template <class E, class... P>
constexpr auto enum_names(P... pairs) {
  return EnumNames<E, sizeof...(P)>{{{pairs...}}};
}

}  // namespace prepaid::billing

#pragma once
/// @file config_list.h
/// @brief Lists in module options: items separated by spaces and/or commas.

#include <string_view>
#include <vector>

namespace prepaid::radius {

/// "a, b c,,d" -> {"a", "b", "c", "d"}; empty items are dropped.
std::vector<std::string_view> split_config_list(std::string_view text);

}  // namespace prepaid::radius

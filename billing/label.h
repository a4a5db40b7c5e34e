#pragma once
/// @file label.h
/// @brief Labels: the names an administrator gives to the things other things refer to by
/// name — tariffs, their price lists and their price rules. They appear in API paths
/// (`/v1/tariffs/{tariff}/lists/{list}`), on command lines, in the audit log's object names
/// and in cards' rows, so they are plain identifiers, checked in one place.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "billing/result.h"

namespace prepaid::billing {

/// Longest label accepted (database columns are 64 wide).
inline constexpr std::size_t kMaxLabelLength = 64;

/// True for 1..64 ASCII letters, digits, '.', '_' or '-', the first a letter or a digit:
/// "demo-call-shop", "day", "2026.easter". Not "", ".hidden", "../x", "Demo call shop".
bool is_label(std::string_view text);

/// The refusal of `text` when it is not a label, naming `field` (the input that carried it:
/// "name", "tariff", "list", "price_list", …); `what` says what the label names ("tariff
/// name"). The message does not repeat the refused text.
std::optional<Problem> check_label(std::string_view text, std::string_view what, std::string field);

}  // namespace prepaid::billing

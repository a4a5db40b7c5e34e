#pragma once
/// @file number_plan.h
/// @brief Normalisation of dialed numbers before the prefix match.

#include <optional>
#include <string>
#include <string_view>

namespace prepaid::rating {

/// @brief How dialed numbers are normalised: one leading '+' or the international prefix is
/// stripped, and what remains must be digits.
struct NumberPlan {
  std::string international_prefix = "00";  ///< may be empty (then only '+' is stripped)
  bool operator==(const NumberPlan&) const = default;
};

/// Longest number accepted, in digits (E.164 allows 15; decks with tech prefixes need more).
inline constexpr std::size_t kMaxNumberDigits = 32;

/// The digits to match against rate decks: "+44 20" is malformed (space), "+4420" -> "4420",
/// "004420" -> "4420" (with prefix "00"), "4420" -> "4420". nullopt when empty after
/// stripping, when any character is not a digit, or when longer than kMaxNumberDigits.
std::optional<std::string> normalize_number(std::string_view dialed, const NumberPlan& plan);

}  // namespace prepaid::rating

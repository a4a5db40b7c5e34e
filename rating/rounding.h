#pragma once
/// @file rounding.h
/// @brief How a call's total is rounded: the one documented rounding point of the product.

#include <optional>
#include <string_view>

namespace prepaid::rating {

/// Rounding methods, with CGRateS' vocabulary in mind (*up, *down, *middle).
enum class RoundingMethod {
  up,         ///< towards +infinity: the customer never pays less than the exact price (default)
  down,       ///< towards -infinity
  half_up,    ///< to nearest, ties away from zero
  half_even,  ///< to nearest, ties to the even digit
};

/// @brief A rounding method and a number of decimals (0..6).
///
/// A call's price is rounded exactly once, after all its spans and the connect fee are summed
/// exactly. The default is `up` to the currency's minor unit (decimals = -1 means "the
/// currency's minor unit digits").
struct Rounding {
  RoundingMethod method = RoundingMethod::up;
  int decimals = -1;
  bool operator==(const Rounding&) const = default;
};

/// "up", "down", "half-up", "half-even"; nullopt otherwise.
std::optional<RoundingMethod> parse_rounding_method(std::string_view text);
std::string_view to_string(RoundingMethod method);

}  // namespace prepaid::rating

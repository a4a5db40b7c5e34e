#include "rating/rounding.h"

namespace prepaid::rating {

std::optional<RoundingMethod> parse_rounding_method(std::string_view text) {
  if (text == "up") return RoundingMethod::up;
  if (text == "down") return RoundingMethod::down;
  if (text == "half-up") return RoundingMethod::half_up;
  if (text == "half-even") return RoundingMethod::half_even;
  return std::nullopt;
}

std::string_view to_string(RoundingMethod method) {
  switch (method) {
    case RoundingMethod::up:
      return "up";
    case RoundingMethod::down:
      return "down";
    case RoundingMethod::half_up:
      return "half-up";
    case RoundingMethod::half_even:
      return "half-even";
  }
  return "up";
}

}  // namespace prepaid::rating

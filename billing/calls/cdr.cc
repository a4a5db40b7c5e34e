#include "billing/calls/cdr.h"

namespace prepaid::billing {

bool Cdr::flagged(std::string_view reason) const {
  std::string_view rest = review;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (rest.substr(0, comma) == reason) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

void Cdr::flag(std::string_view reason) {
  if (flagged(reason)) return;
  if (!review.empty()) review += ',';
  review += reason;
}

}  // namespace prepaid::billing

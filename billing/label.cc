#include "billing/label.h"

namespace prepaid::billing {
namespace {

bool is_letter_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_label(std::string_view text) {
  if (text.empty() || text.size() > kMaxLabelLength || !is_letter_or_digit(text.front()))
    return false;
  for (char c : text)
    if (!is_letter_or_digit(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

std::optional<Problem> check_label(std::string_view text, std::string_view what,
                                   std::string field) {
  if (is_label(text)) return std::nullopt;
  std::string message = std::string(what) + " must be a label: 1.." +
                        std::to_string(kMaxLabelLength) +
                        " letters, digits, '.', '_' or '-', starting with a letter or a digit";
  return refuse(ErrorCode::invalid_argument, std::move(message)).about(std::move(field));
}

}  // namespace prepaid::billing

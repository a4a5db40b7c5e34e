#pragma once
/// @file column_printer.h
/// @brief ColumnPrinter: lines for a fixed-width thermal printer (receipts, shift reports):
/// centred text, rules, and left text with an amount flush right. Widths are Unicode code
/// points (utf8_text.h); text that does not fit ends in "…"; bytes that are not UTF-8 print as
/// U+FFFD and control characters as spaces.

#include <cstddef>
#include <string>
#include <string_view>

namespace prepaid::billing {

/// @brief Builds the text of a printout `width` columns wide (width >= 3).
class ColumnPrinter {
 public:
  explicit ColumnPrinter(std::size_t width) : width_(width) {}

  /// A line centred (cut with "…" when wider than the paper).
  void centred(std::string_view text);
  /// A line of '-'.
  void rule();
  /// `left` cut to leave room for `right` (at least one space between), `right` flush with
  /// the right edge; `suffix` is kept whole after `left` (only `left` is cut).
  void line(std::string_view left, std::string_view right, std::string_view suffix = {});
  /// The lines so far, each ended by '\n'.
  std::string take() { return std::move(out_); }

 private:
  std::size_t width_;
  std::string out_;
};

}  // namespace prepaid::billing

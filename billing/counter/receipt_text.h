#pragma once
/// @file receipt_text.h
/// @brief A Receipt as plain text for a 40- or 48-column thermal printer. Widths are counted
/// in Unicode code points (one column each), so Cyrillic and accented Latin text fits and is
/// never cut inside a character; text too long for its place ends in "…"; amounts are
/// right-aligned. Layout and an example: docs/callshop-receipts.md.

#include <cstddef>
#include <optional>
#include <string>

#include "billing/counter/receipt.h"
#include "billing/result.h"

namespace prepaid::billing {

/// @brief How to print a receipt.
struct ReceiptTextOptions {
  std::size_t width = 40;  ///< 40 or 48 columns
  /// When set, each called number shows only its last this many digits ("+*******6543").
  std::optional<std::size_t> visible_digits{};
};

/// The receipt's text: lines of at most `width` code points, each ended by '\n'. Refused
/// (field "width") when the width is neither 40 nor 48. Text from the receipt that is not
/// UTF-8 or holds control characters is printed with U+FFFD and spaces instead.
Result<std::string> receipt_text(const Receipt& receipt, const ReceiptTextOptions& options = {});

}  // namespace prepaid::billing

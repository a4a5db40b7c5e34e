#pragma once
/// @file csv_text.h
/// @brief CSV output (RFC 4180): fields quoted when they need it.

#include <string>
#include <vector>

namespace prepaid::cli {

/// One CSV record ending in "\n". A field with a comma, a quote, a CR or a LF is quoted (quotes
/// doubled). A field a spreadsheet would run as a formula ('=' or '@' first, or '+'/'-' not
/// followed by a digit) is quoted with a leading apostrophe; numbers such as "+4420" and
/// "-1.50" are left as they are.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace prepaid::cli

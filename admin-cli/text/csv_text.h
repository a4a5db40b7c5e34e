#pragma once
/// @file csv_text.h
/// @brief CSV output (RFC 4180): fields quoted when they need it.

#include <string>
#include <vector>

namespace prepaid::cli {

/// One CSV record with its "\r\n"-free "\n" ending; a field with a comma, a quote, a CR, a LF
/// or leading '=', '+', '-', '@' (spreadsheet formulas) is quoted, quotes doubled, and a
/// formula-like field gets a leading apostrophe inside the quotes.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace prepaid::cli

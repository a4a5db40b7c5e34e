#pragma once
/// @file rate_deck_csv.h
/// @brief Rate decks as CSV: import (Boost.Spirit X3) and export.
///
/// Format (RFC 4180 quoting, UTF-8, '\n' or "\r\n"; blank lines and lines starting with '#'
/// are ignored). The first non-comment line is a header naming the columns, in any order:
///
///   prefix,destination,rate,rate_unit,connect_fee,first_increment,increment,grace,buy_rate,
///   buy_currency
///
/// `prefix`, `destination` and `rate` are required; the others are optional columns (or empty
/// cells) with defaults rate_unit=60, connect_fee=0, first_increment=60, increment=60, grace=0,
/// buy_rate=none, buy_currency=the tariff's (an ISO 4217 code, only with a buy_rate). Prefixes are
/// normalised like dialed numbers ('+' or the international prefix stripped). Amounts are plain
/// decimals (Money::parse); durations are whole seconds. Every bad line is reported with its line
/// number, column and reason, and a single bad line refuses the whole import (no deck is returned).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rating/number_plan.h"
#include "rating/rate_deck.h"

namespace prepaid::rating {

/// One reason an input line was refused.
struct InputProblem {
  std::size_t line = 0;  ///< 1-based line number in the input (0: the input as a whole)
  std::string field;     ///< column or key concerned ("rate", "prefix"...), empty for the line
  std::string reason;    ///< e.g. "not a decimal amount: 0,60"

  /// "line 12, rate: not a decimal amount: 0,60"
  std::string to_string() const;
};

/// Result of an import: a deck when and only when there are no problems.
struct RateDeckImport {
  std::optional<RateDeck> deck;
  std::vector<InputProblem> problems;  ///< all of them, in line order (capped at 1000)
};

/// Told how many lines of the text have been read, and how many it has.
using LinesRead = std::function<void(std::size_t lines_read, std::size_t lines_total)>;

/// Parses a CSV rate deck. `first_line` is the line number of the first line of `csv` in
/// the file it came from (a tariff file with an inline price list passes its own offset).
/// `lines_read`, when set, is called as reading goes — at most once per hundredth of the
/// lines, with a growing count — and once at the end (with lines_total when the whole text
/// was read, which it is unless there were 1000 problems or no usable header).
RateDeckImport parse_rate_deck_csv(std::string_view csv, std::string deck_name,
                                   const NumberPlan& plan = {}, std::size_t first_line = 1,
                                   const LinesRead& lines_read = {});

/// The CSV column names, in the order format_rate_deck_csv writes them.
inline constexpr const char* kRateDeckColumns[] = {
    "prefix",          "destination", "rate",  "rate_unit", "connect_fee",
    "first_increment", "increment",   "grace", "buy_rate",  "buy_currency"};

/// Writes the rates with only the columns needed to carry them (prefix, destination, rate and
/// every optional column where some rate differs from the default): the compact form used
/// inline in tariff files. Parses back to the same rates.
std::string format_rate_deck_csv_compact(const RateDeck& deck);

/// Writes every rate with the full header; parse_rate_deck_csv(format_rate_deck_csv(d)) == d.
std::string format_rate_deck_csv(const RateDeck& deck);

}  // namespace prepaid::rating

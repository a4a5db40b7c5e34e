#pragma once
/// @file quote_text.h
/// @brief A quote for people: the tariff, the start, the number, then the spans and the
/// total of a priced call, or the seconds a balance buys. Printed from the quote's JSON
/// (quote_json.h), so a file quote and a database quote look the same.

#include <iosfwd>

#include <nlohmann/json.hpp>

namespace prepaid::cli {

/// Prints a price_quote_json or a grant_quote_json document.
void print_quote(const nlohmann::json& quote, std::ostream& out);

}  // namespace prepaid::cli

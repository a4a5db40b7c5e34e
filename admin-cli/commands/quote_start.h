#pragma once
/// @file quote_start.h
/// @brief The start of a quoted call: "now" or a date and time, read in the tariff's zone
/// unless told otherwise (shared by `quote --tariff FILE` and the database quote).
///
/// A local reading that the zone's clocks never showed (they were set forward over it) or
/// showed twice (set back over it) is refused rather than guessed, as every local time an
/// operator types is (instant_text.h: read_instant, which gives the explanation).

#include <optional>
#include <string>
#include <string_view>

#include "admin-cli/command/instant_text.h"
#include "rating/time_zone.h"

namespace prepaid::cli {

/// The zone a start is read in: "tariff" (`tariff_zone`), "utc"/"UTC", or an IANA name;
/// nullopt when unknown.
std::optional<rating::TimeZone> quote_start_zone(std::string_view name,
                                                 const rating::TimeZone& tariff_zone);

/// A start, or why there is none (`clock_problem`: the local reading was skipped or repeated).
using QuoteStart = InstantReading;

/// "now", or a form of read_instant (instant_text.h): a local reading in `zone` (refused when
/// skipped or repeated there), or a time with "Z" or an offset.
QuoteStart read_quote_start(std::string_view text, const rating::TimeZone& zone,
                            rating::Instant now);

/// read_quote_start for callers that report malformed text themselves: nullopt when malformed;
/// throws InputError("start", "start: " + clock_problem) for a skipped or repeated reading.
std::optional<rating::Instant> parse_quote_start(std::string_view text,
                                                 const rating::TimeZone& zone, rating::Instant now);

}  // namespace prepaid::cli

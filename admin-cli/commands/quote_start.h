#pragma once
/// @file quote_start.h
/// @brief The start of a quoted call: "now" or a date and time, read in the tariff's zone
/// unless told otherwise (shared by `quote --tariff FILE` and the database quote).

#include <optional>
#include <string_view>

#include "rating/time_zone.h"

namespace prepaid::cli {

/// The zone a start is read in: "tariff" (`tariff_zone`), "utc"/"UTC", or an IANA name;
/// nullopt when unknown.
std::optional<rating::TimeZone> quote_start_zone(std::string_view name,
                                                 const rating::TimeZone& tariff_zone);
/// "now", or a form of parse_instant (instant_text.h) read in `zone`; nullopt when malformed.
std::optional<rating::Instant> parse_quote_start(std::string_view text,
                                                 const rating::TimeZone& zone, rating::Instant now);

}  // namespace prepaid::cli

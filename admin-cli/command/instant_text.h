#pragma once
/// @file instant_text.h
/// @brief Instants as text: RFC 3339 UTC on output, a few forms on input.

#include <optional>
#include <string>
#include <string_view>

#include "rating/time_zone.h"

namespace prepaid::cli {

/// "2026-03-01T18:30:00Z" (UTC, whole seconds).
std::string instant_text(rating::Instant at);

/// Parses "2026-03-01" (local midnight in `zone`), "2026-03-01T18:30" or "…T18:30:15" (local
/// time in `zone`; a space may replace the T), or any of these times followed by "Z" or an
/// offset "+02:00" / "-0500" (absolute; the zone is then ignored). nullopt when malformed or
/// not a real date or time.
std::optional<rating::Instant> parse_instant(std::string_view text, const rating::TimeZone& zone);

}  // namespace prepaid::cli

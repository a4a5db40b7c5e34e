#pragma once
/// @file instant_text.h
/// @brief Instants as text: RFC 3339 UTC on output, a few forms on input.
///
/// A local date and time ("2026-10-25 03:30") names an instant only when the zone's clocks
/// showed it exactly once. One they never showed (set forward over it) or showed twice (set
/// back over it) is refused rather than guessed — the two readings of a repeated 03:30 are an
/// hour apart — with a sentence that names the offsets to add ("2026-10-25 03:30:00+03:00").
/// A date alone names the first instant of that day, which always exists once (in a zone whose
/// clocks skip midnight, 2026-09-06 in America/Santiago begins at 01:00).

#include <optional>
#include <string>
#include <string_view>

#include "rating/time_zone.h"

namespace prepaid::cli {

/// "2026-03-01T18:30:00Z" (UTC, whole seconds).
std::string instant_text(rating::Instant at);
/// The same instant as `zone`'s clocks read it, with their UTC offset:
/// "2026-10-25T03:00:00+03:00", then an hour later "2026-10-25T03:00:00+02:00".
std::string local_instant_text(rating::Instant at, const rating::TimeZone& zone);

/// @brief What a typed date or time names: one instant, or why none.
struct InstantReading {
  std::optional<rating::Instant> at;  ///< set when the text names one instant
  /// When `at` is not set: empty when the text is malformed or not a real date or time;
  /// otherwise a sentence saying that the local time was skipped or repeated in the zone, and
  /// what to write instead ("2026-10-25 03:30:00 occurs twice in Europe/Sofia: …").
  std::string clock_problem;
};

/// Reads "2026-03-01" (the first instant of that day in `zone`), "2026-03-01T18:30" or
/// "…T18:30:15" (a local time in `zone`; a space may replace the T; refused when the zone's
/// clocks skipped or repeated it), or any of these times followed by "Z" or an offset "+02:00"
/// / "-0500" (absolute; the zone is then ignored).
InstantReading read_instant(std::string_view text, const rating::TimeZone& zone);

/// read_instant's instant: nullopt when the text is malformed, not a real date or time, or a
/// local time skipped or repeated in `zone` (read_instant says which).
std::optional<rating::Instant> parse_instant(std::string_view text, const rating::TimeZone& zone);

}  // namespace prepaid::cli

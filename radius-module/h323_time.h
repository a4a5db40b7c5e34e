#pragma once
/// @file h323_time.h
/// @brief Time stamps in Cisco h323-*-time VSAs (and FreeSWITCH's ISO-8601 variant).

#include <chrono>
#include <optional>
#include <string_view>

namespace prepaid::radius {

/// @brief A parsed time stamp.
struct H323Time {
  std::chrono::sys_time<std::chrono::microseconds> at;  ///< the instant, UTC
  /// false when IOS marked the clock as never synchronised (a leading '*'): the instant may
  /// be far off and should not be trusted for pricing.
  bool trusted = true;
  bool operator==(const H323Time&) const = default;
};

/// Parses the value of h323-setup-time, h323-connect-time or h323-disconnect-time, without
/// its `name=` prefix (see strip_vsa_prefix). Two forms:
/// - Cisco/GnuGk: `hh:mm:ss[.mmm] TZ Ddd Mmm d[d] yyyy`, e.g. `14:30:25.429 GMT Wed Jan 23 2002`,
///   optionally led by `*` (clock not authoritative) or `.` (was synchronised, is not now).
///   TZ is a zone abbreviation from a fixed table (UTC, GMT, CET, EST, PDT, MSK, ...) or a
///   numeric offset (`+0200`, `-05:00`, `UTC+3`). The weekday is checked for form only.
/// - FreeSWITCH: `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HHMM|+HH:MM)`.
/// nullopt for anything else (unknown zone, impossible date, trailing text).
std::optional<H323Time> parse_h323_time(std::string_view text);

/// Offset from UTC, in minutes, of a zone abbreviation as IOS or GnuGk print it ("CEST" ->
/// 120); nullopt when unknown. Case-sensitive, upper case.
std::optional<int> zone_offset_minutes(std::string_view abbreviation);

}  // namespace prepaid::radius

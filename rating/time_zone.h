#pragma once
/// @file time_zone.h
/// @brief TimeZone: an IANA time zone from the operating system's tz database.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace prepaid::rating {

/// Instants are whole seconds of UTC (system_clock, no leap seconds).
using Instant = std::chrono::sys_seconds;

/// @brief Local wall-clock reading of an instant in a zone.
struct LocalTime {
  int year;
  unsigned month;               ///< 1..12
  unsigned day;                 ///< 1..31
  unsigned weekday;             ///< 0 = Monday … 6 = Sunday (ISO order)
  std::uint32_t second_of_day;  ///< 0..86399
  std::chrono::seconds utc_offset;
  /// First instant after this reading at which the zone's UTC offset changes (DST).
  Instant offset_valid_until;
};

/// @brief How a local date and time of day maps to instants in a zone: once, never (the
/// clocks were set forward over it) or twice (they were set back over it).
struct LocalResolution {
  enum class Kind { unique, skipped, repeated };
  Kind kind = Kind::unique;
  /// unique: the instant. repeated: the first of the two (on the offset before the change).
  /// skipped: the instant of the change (what from_local() gives).
  Instant earlier;
  /// repeated: the second of the two (on the offset after the change); otherwise == earlier.
  Instant later;
  /// skipped, repeated: the instant at which the offset changed; unique: == earlier.
  Instant change;
  /// skipped, repeated: the offsets and abbreviations ("EET", "EEST") before and after the
  /// change; unique: both are the instant's own.
  std::chrono::seconds offset_before{0};
  std::chrono::seconds offset_after{0};
  std::string abbrev_before;
  std::string abbrev_after;
};

/// @brief An IANA zone ("Europe/Sofia", "America/New_York", "UTC"). Cheap to copy.
class TimeZone {
 public:
  /// nullopt when the name is not in the tz database.
  static std::optional<TimeZone> locate(std::string_view name);
  static TimeZone utc();

  std::string_view name() const;
  LocalTime to_local(Instant at) const;
  /// The instant at which this zone's clocks read the given local date and time of day
  /// (second_of_day 0..86399). A reading that occurs twice (clocks set back) gives the earlier
  /// instant; one that never occurs (clocks set forward) gives the instant of the change.
  /// nullopt when the date is not a real date.
  std::optional<Instant> from_local(int year, unsigned month, unsigned day,
                                    std::uint32_t second_of_day) const;
  /// Whether that local reading occurs once, never or twice, and at which instants; for
  /// callers that must not pick silently (a quote's start). nullopt when not a real date.
  std::optional<LocalResolution> resolve_local(int year, unsigned month, unsigned day,
                                               std::uint32_t second_of_day) const;

  bool operator==(const TimeZone& other) const { return zone_ == other.zone_; }

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;
};

}  // namespace prepaid::rating

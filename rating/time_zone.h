#pragma once
/// @file time_zone.h
/// @brief TimeZone: an IANA time zone from the operating system's tz database.

#include <chrono>
#include <cstdint>
#include <optional>
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

  bool operator==(const TimeZone& other) const { return zone_ == other.zone_; }

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;
};

}  // namespace prepaid::rating

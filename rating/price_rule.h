#pragma once
/// @file price_rule.h
/// @brief PriceRule: switches a tariff to another price list by weekday, time of day or
/// holiday; Weekdays, TimeOfDayRange and Holiday are its parts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prepaid::rating {

/// @brief A set of ISO weekdays: bit 0 = Monday … bit 6 = Sunday.
class Weekdays {
 public:
  constexpr Weekdays() = default;  ///< every day
  static constexpr Weekdays from_bits(std::uint8_t bits) { return Weekdays(bits & 0x7f); }
  /// "mon-fri", "sat,sun", "mon,wed-fri", "all" (case-insensitive; ranges may wrap: "fri-mon").
  static std::optional<Weekdays> parse(std::string_view text);

  constexpr bool contains(unsigned iso_weekday /* 0 = Monday */) const {
    return (bits_ >> iso_weekday) & 1u;
  }
  constexpr std::uint8_t bits() const { return bits_; }
  /// Canonical text: "all", "mon-fri", "sat,sun", "mon,wed-fri".
  std::string to_string() const;
  constexpr bool operator==(const Weekdays&) const = default;

 private:
  constexpr explicit Weekdays(std::uint8_t bits) : bits_(bits) {}
  std::uint8_t bits_ = 0x7f;
};

/// @brief A local time-of-day range [from, to), seconds after local midnight (0..86400).
///
/// to < from wraps past midnight ("22:00-06:00"). The whole day is 0..86400, the default (a
/// rule without a time). A range whose start equals its end ("10:00-10:00": no time at all, or
/// 24 hours?) is refused where a range is given — by parse() as text, and by rule_problem()
/// for a value a caller built (TariffService refuses such a rule) — but a value that has one
/// is still read as the whole day: rules stored before it was refused (0..0 was once the
/// stored form of a rule without a time) keep their meaning.
struct TimeOfDayRange {
  std::uint32_t from_s = 0;
  std::uint32_t to_s = 86400;

  /// "18:00-08:00", "00:00-24:00", "08:30:15-12:00" (HH:MM[:SS]-HH:MM[:SS], 24:00 only as the
  /// end); nullopt when malformed or when the start equals the end.
  static std::optional<TimeOfDayRange> parse(std::string_view text);
  /// Why parse(text) refuses `text`, as a sentence that says what is accepted; nullopt when
  /// parse accepts it.
  static std::optional<std::string> problem(std::string_view text);
  /// Why a new rule may not be given this value, as problem() words it for the same range as
  /// text: a start at or after 24:00, an end after 24:00, or a start equal to its end
  /// ("10:00-10:00 ends where it starts, …"); nullopt when a rule may have it.
  std::optional<std::string> rule_problem() const;
  bool contains(std::uint32_t second_of_day) const;
  /// 0..86400, or (old data) a start equal to its end.
  bool whole_day() const { return from_s == to_s || (from_s == 0 && to_s == 86400); }
  /// "18:00-08:00", "08:30:15-12:00"; the whole day is "00:00-24:00" (text parse accepts).
  std::string to_string() const;
  bool operator==(const TimeOfDayRange&) const = default;
};

/// @brief A holiday: a one-off date (2026-12-24) or a yearly one (every 12-25).
struct Holiday {
  int year = 0;  ///< 0: every year
  unsigned month = 1;
  unsigned day = 1;
  std::string name;

  /// "2026-12-24" (one-off) or "12-25" (yearly); nullopt when malformed or not a real date.
  static std::optional<Holiday> parse_date(std::string_view text);
  bool falls_on(int y, unsigned m, unsigned d) const {
    return (year == 0 || year == y) && month == m && day == d;
  }
  std::string date_text() const;  ///< "2026-12-24" or "12-25"
  bool operator==(const Holiday&) const = default;
};

/// @brief While a rule is in force, calls are priced from its price list instead of the
/// tariff's base list (destinations missing from it fall back to the base list).
///
/// A weekday rule is in force at an instant when, in the tariff's zone, the local weekday is
/// in `weekdays` and the local time of day is in `time`. A holiday rule (`on_holidays`) is in
/// force when the local date is one of the tariff's holidays and the time of day is in `time`;
/// its weekdays are ignored. When several rules are in force: holiday rules beat weekday rules,
/// then the higher priority wins, then the rule defined first.
struct PriceRule {
  std::string name;
  std::string price_list;
  Weekdays weekdays;
  TimeOfDayRange time;  ///< whole day by default
  bool on_holidays = false;
  int priority = 0;
  bool operator==(const PriceRule&) const = default;
};

}  // namespace prepaid::rating

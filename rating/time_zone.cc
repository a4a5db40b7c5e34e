// TimeZone over Howard Hinnant's date/tz (USE_OS_TZDB: the operating system's tz database).
#include "rating/time_zone.h"

#include <date/tz.h>

namespace prepaid::rating {

std::optional<TimeZone> TimeZone::locate(std::string_view name) {
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TimeZone TimeZone::utc() {
  static const date::time_zone* const zone = date::locate_zone("UTC");
  return TimeZone(zone);
}

std::string_view TimeZone::name() const {
  return zone_->name();
}

LocalTime TimeZone::to_local(Instant at) const {
  date::sys_info info = zone_->get_info(at);
  auto local = at + info.offset;
  auto day = std::chrono::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::weekday wd{day};
  LocalTime out;
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<unsigned>(ymd.month());
  out.day = static_cast<unsigned>(ymd.day());
  out.weekday = wd.iso_encoding() - 1;
  out.second_of_day = static_cast<std::uint32_t>((local - day).count());
  out.utc_offset = info.offset;
  out.offset_valid_until = std::chrono::time_point_cast<std::chrono::seconds>(info.end);
  return out;
}

std::optional<Instant> TimeZone::from_local(int year, unsigned month, unsigned day,
                                            std::uint32_t second_of_day) const {
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok() || second_of_day >= 86400) return std::nullopt;
  date::local_seconds local =
      date::local_days{ymd} + std::chrono::seconds{static_cast<std::int64_t>(second_of_day)};
  return std::chrono::time_point_cast<std::chrono::seconds>(
      zone_->to_sys(local, date::choose::earliest));
}

std::optional<LocalResolution> TimeZone::resolve_local(int year, unsigned month, unsigned day,
                                                       std::uint32_t second_of_day) const {
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok() || second_of_day >= 86400) return std::nullopt;
  date::local_seconds local =
      date::local_days{ymd} + std::chrono::seconds{static_cast<std::int64_t>(second_of_day)};
  date::local_info info = zone_->get_info(local);
  auto at = [&local](const date::sys_info& period) {
    return Instant{(local - period.offset).time_since_epoch()};
  };
  LocalResolution out;
  out.offset_before = info.first.offset;
  out.abbrev_before = info.first.abbrev;
  switch (info.result) {
    case date::local_info::unique:
      out.earlier = out.later = out.change = at(info.first);
      out.offset_after = info.first.offset;
      out.abbrev_after = info.first.abbrev;
      return out;
    case date::local_info::nonexistent:
      out.kind = LocalResolution::Kind::skipped;
      out.earlier = out.later = out.change = info.second.begin;
      break;
    case date::local_info::ambiguous:
      out.kind = LocalResolution::Kind::repeated;
      out.earlier = at(info.first);
      out.later = at(info.second);
      out.change = info.second.begin;
      break;
  }
  out.offset_after = info.second.offset;
  out.abbrev_after = info.second.abbrev;
  return out;
}

}  // namespace prepaid::rating

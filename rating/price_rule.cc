#include "rating/price_rule.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace prepaid::rating {

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

std::optional<unsigned> day_index(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  char lower[3];
  for (std::size_t i = 0; i < 3; ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  for (unsigned d = 0; d < 7; ++d) {
    if (kDayNames[d] == std::string_view(lower, 3)) return d;
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

/// Reads exactly `count` digits at `pos` into `out`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, unsigned& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  pos += count;
  return true;
}

/// "HH:MM" or "HH:MM:SS" (24:00 allowed when `allow_24`), seconds after midnight.
std::optional<std::uint32_t> parse_clock(std::string_view text, bool allow_24) {
  std::size_t pos = 0;
  unsigned h = 0, m = 0, s = 0;
  if (!read_digits(text, pos, 2, h) || pos >= text.size() || text[pos++] != ':' ||
      !read_digits(text, pos, 2, m)) {
    return std::nullopt;
  }
  if (pos < text.size()) {
    if (text[pos++] != ':' || !read_digits(text, pos, 2, s) || pos != text.size()) {
      return std::nullopt;
    }
  }
  if (m > 59 || s > 59) return std::nullopt;
  if (h == 24 && allow_24 && m == 0 && s == 0) return 86400;
  if (h > 23) return std::nullopt;
  return h * 3600 + m * 60 + s;
}

std::string clock_text(std::uint32_t s) {
  char buf[16];
  if (s % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%02u:%02u", s / 3600, s / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
  }
  return buf;
}

std::string equal_ends_problem(std::string_view text) {
  return std::string(text) +
         " ends where it starts, which could mean no time or the whole day: write "
         "00:00-24:00 (or leave the time out) for the whole day";
}

std::string malformed_problem(std::string_view text) {
  return "expected HH:MM[:SS]-HH:MM[:SS] (e.g. 18:00-08:00, 08:30:15-12:00, 00:00-24:00; "
         "24:00 only as the end), not: " +
         std::string(text);
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && (year == 0 || is_leap(year))) return 29;  // yearly 02-29 is allowed
  return kDays[month - 1];
}

}  // namespace

std::optional<Weekdays> Weekdays::parse(std::string_view text) {
  text = trim(text);
  if (equals_ignoring_case(text, "all")) return Weekdays();
  if (equals_ignoring_case(text, "none")) return Weekdays(0);
  if (text.empty()) return std::nullopt;
  std::uint8_t bits = 0;
  while (true) {
    std::size_t comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    std::size_t dash = item.find('-');
    if (dash == std::string_view::npos) {
      auto d = day_index(item);
      if (!d) return std::nullopt;
      bits = static_cast<std::uint8_t>(bits | (1u << *d));
    } else {
      auto from = day_index(trim(item.substr(0, dash)));
      auto to = day_index(trim(item.substr(dash + 1)));
      if (!from || !to) return std::nullopt;
      for (unsigned d = *from;; d = (d + 1) % 7) {  // ranges may wrap: fri-mon
        bits = static_cast<std::uint8_t>(bits | (1u << d));
        if (d == *to) break;
      }
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return Weekdays(bits);
}

std::string Weekdays::to_string() const {
  if (bits_ == 0x7f) return "all";
  if (bits_ == 0) return "none";
  std::string out;
  unsigned d = 0;
  while (d < 7) {
    if (!contains(d)) {
      ++d;
      continue;
    }
    unsigned end = d;
    while (end + 1 < 7 && contains(end + 1)) ++end;
    auto add = [&out](std::string_view part) {
      if (!out.empty()) out.push_back(',');
      out.append(part);
    };
    if (end - d >= 2) {
      add(std::string(kDayNames[d]) + "-" + std::string(kDayNames[end]));
    } else {
      for (unsigned k = d; k <= end; ++k) add(kDayNames[k]);
    }
    d = end + 1;
  }
  return out;
}

std::optional<TimeOfDayRange> TimeOfDayRange::parse(std::string_view text) {
  text = trim(text);
  std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto from = parse_clock(trim(text.substr(0, dash)), false);
  auto to = parse_clock(trim(text.substr(dash + 1)), true);
  if (!from || !to || *from == *to) return std::nullopt;
  return TimeOfDayRange{*from, *to};
}

std::optional<std::string> TimeOfDayRange::problem(std::string_view text) {
  if (parse(text)) return std::nullopt;
  text = trim(text);
  std::size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    auto from = parse_clock(trim(text.substr(0, dash)), false);
    auto to = parse_clock(trim(text.substr(dash + 1)), true);
    if (from && to && *from == *to) return equal_ends_problem(text);
  }
  return malformed_problem(text);
}

std::optional<std::string> TimeOfDayRange::rule_problem() const {
  // As text, the range the caller built (to_string() would call equal ends the whole day).
  const std::string text = clock_text(from_s) + "-" + clock_text(to_s);
  if (from_s >= 86400 || to_s > 86400) return malformed_problem(text);
  if (from_s == to_s) return equal_ends_problem(text);
  return std::nullopt;
}

bool TimeOfDayRange::contains(std::uint32_t second_of_day) const {
  if (whole_day()) return true;
  if (from_s < to_s) return second_of_day >= from_s && second_of_day < to_s;
  return second_of_day >= from_s || second_of_day < to_s;  // wraps past midnight
}

std::string TimeOfDayRange::to_string() const {
  if (whole_day()) return "00:00-24:00";
  return clock_text(from_s) + "-" + clock_text(to_s);
}

std::optional<Holiday> Holiday::parse_date(std::string_view text) {
  text = trim(text);
  Holiday h;
  std::size_t pos = 0;
  unsigned year = 0, month = 0, day = 0;
  if (text.size() == 10) {
    if (!read_digits(text, pos, 4, year) || text[pos++] != '-') return std::nullopt;
    if (year == 0) return std::nullopt;
  } else if (text.size() != 5) {
    return std::nullopt;
  }
  if (!read_digits(text, pos, 2, month) || text[pos++] != '-' || !read_digits(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  h.year = static_cast<int>(year);
  if (day > days_in_month(h.year, month)) return std::nullopt;
  h.month = month;
  h.day = day;
  return h;
}

std::string Holiday::date_text() const {
  char buf[16];
  if (year == 0) {
    std::snprintf(buf, sizeof buf, "%02u-%02u", month, day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  }
  return buf;
}

}  // namespace prepaid::rating

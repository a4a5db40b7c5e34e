#include "radius-module/h323_time.h"

#include <array>
#include <boost/spirit/home/x3.hpp>
#include <string>
#include <utility>

namespace prepaid::radius {

namespace {

namespace x3 = boost::spirit::x3;
using std::chrono::microseconds;

// Abbreviations IOS (`clock timezone`/`clock summer-time` names in common use) and GnuGk
// (strftime %Z) print. Ambiguous ones (IST, CST in China, BST in Bangladesh) take their most
// common reading among voice gateways; a numeric offset avoids the question entirely.
constexpr std::array<std::pair<std::string_view, int>, 41> kZones{{
    {"UTC", 0},    {"GMT", 0},    {"UT", 0},     {"Z", 0},       {"WET", 0},    {"WEST", 60},
    {"BST", 60},   {"IST", 60},   {"CET", 60},   {"CEST", 120},  {"MET", 60},   {"MEST", 120},
    {"EET", 120},  {"EEST", 180}, {"MSK", 180},  {"GST", 240},   {"PKT", 300},  {"ICT", 420},
    {"WIB", 420},  {"HKT", 480},  {"SGT", 480},  {"AWST", 480},  {"JST", 540},  {"KST", 540},
    {"ACST", 570}, {"AEST", 600}, {"AEDT", 660}, {"NZST", 720},  {"NZDT", 780}, {"AST", -240},
    {"ADT", -180}, {"EST", -300}, {"EDT", -240}, {"CST", -360},  {"CDT", -300}, {"MST", -420},
    {"MDT", -360}, {"PST", -480}, {"PDT", -420}, {"AKST", -540}, {"HST", -600},
}};

constexpr int kMaxOffsetMinutes = 14 * 60;

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// "+2", "+02", "+0200", "+02:00", "-0530" -> minutes east of UTC.
std::optional<int> numeric_offset(std::string_view text) {
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const int sign = text[0] == '-' ? -1 : 1;
  text.remove_prefix(1);
  std::string_view hours = text, minutes;
  if (const auto colon = text.find(':'); colon != std::string_view::npos) {
    hours = text.substr(0, colon);
    minutes = text.substr(colon + 1);
    if (minutes.size() != 2) return std::nullopt;
  } else if (text.size() == 4) {
    hours = text.substr(0, 2);
    minutes = text.substr(2);
  }
  if (hours.empty() || hours.size() > 2 || !all_digits(hours)) return std::nullopt;
  if (!minutes.empty() && !all_digits(minutes)) return std::nullopt;
  const int m = minutes.empty() ? 0 : to_int(minutes);
  if (m >= 60) return std::nullopt;
  const int total = to_int(hours) * 60 + m;
  if (total > kMaxOffsetMinutes) return std::nullopt;
  return sign * total;
}

// A zone token: an abbreviation, a numeric offset, or "UTC+3"/"GMT-05:00".
std::optional<int> zone_token_offset(std::string_view token) {
  if (auto known = zone_offset_minutes(token)) return known;
  if (token.starts_with("UTC") || token.starts_with("GMT")) token.remove_prefix(3);
  return numeric_offset(token);
}

// Up to 9 fraction digits -> microseconds (extra precision beyond µs is dropped).
std::optional<microseconds> fraction(std::string_view digits) {
  if (digits.empty()) return microseconds{0};
  if (digits.size() > 9) return std::nullopt;
  std::string six(digits.substr(0, std::min<std::size_t>(6, digits.size())));
  six.resize(6, '0');
  return microseconds{to_int(six)};
}

struct Fields {
  char lead = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::string frac, zone;
};

std::optional<H323Time> assemble(const Fields& f) {
  using namespace std::chrono;
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return std::nullopt;
  const year_month_day date{year{static_cast<int>(f.year)}, month{f.month}, day{f.day}};
  if (!date.ok()) return std::nullopt;
  const auto offset = zone_token_offset(f.zone);
  const auto sub = fraction(f.frac);
  if (!offset || !sub) return std::nullopt;
  const auto local = sys_days{date} + hours{f.hour} + minutes{f.minute} + seconds{f.second};
  return H323Time{time_point_cast<microseconds>(local) + *sub - minutes{*offset}, f.lead != '*'};
}

template <class Grammar>
bool parse_all(std::string_view text, const Grammar& grammar) {
  auto first = text.begin();
  return x3::parse(first, text.end(), grammar) && first == text.end();
}

// Semantic actions: store the parsed number in `field`; store the matched text in `field`.
template <class Field>
auto to(Field& field) {
  return [&field](auto& ctx) { field = x3::_attr(ctx); };
}
auto text_to(std::string& field) {
  return [&field](auto& ctx) {
    const auto& range = x3::_attr(ctx);
    field.assign(range.begin(), range.end());
  };
}

struct Weekdays : x3::symbols<unsigned> {
  Weekdays() { add("Mon", 1)("Tue", 2)("Wed", 3)("Thu", 4)("Fri", 5)("Sat", 6)("Sun", 7); }
};
struct Months : x3::symbols<unsigned> {
  Months() {
    add("Jan", 1)("Feb", 2)("Mar", 3)("Apr", 4)("May", 5)("Jun", 6)("Jul", 7)("Aug", 8)("Sep", 9)(
        "Oct", 10)("Nov", 11)("Dec", 12);
  }
};

std::optional<H323Time> parse_cisco(std::string_view text) {
  static const Weekdays weekdays;
  static const Months months;
  const x3::uint_parser<unsigned, 10, 2, 2> two;
  const x3::uint_parser<unsigned, 10, 1, 2> one_or_two;
  const x3::uint_parser<unsigned, 10, 4, 4> four;
  Fields f;
  const auto gap = +x3::lit(' ');
  const auto grammar =
      -(x3::char_("*.")[to(f.lead)]) >> two[to(f.hour)] >> ':' >> two[to(f.minute)] >> ':' >>
      two[to(f.second)] >> -('.' >> x3::raw[+x3::digit][text_to(f.frac)]) >> gap >>
      x3::raw[+x3::graph][text_to(f.zone)] >> gap >> weekdays >> gap >> months[to(f.month)] >>
      gap >> one_or_two[to(f.day)] >> gap >> four[to(f.year)];
  if (!parse_all(text, grammar)) return std::nullopt;
  return assemble(f);
}

std::optional<H323Time> parse_iso8601(std::string_view text) {
  const x3::uint_parser<unsigned, 10, 2, 2> two;
  const x3::uint_parser<unsigned, 10, 4, 4> four;
  Fields f;
  const auto zone = x3::lit('Z') | (x3::char_("+-") >> two >> -(-x3::lit(':') >> two));
  const auto grammar = four[to(f.year)] >> '-' >> two[to(f.month)] >> '-' >> two[to(f.day)] >>
                       'T' >> two[to(f.hour)] >> ':' >> two[to(f.minute)] >> ':' >>
                       two[to(f.second)] >> -('.' >> x3::raw[+x3::digit][text_to(f.frac)]) >>
                       x3::raw[zone][text_to(f.zone)];
  if (!parse_all(text, grammar)) return std::nullopt;
  return assemble(f);
}

}  // namespace

std::optional<int> zone_offset_minutes(std::string_view abbreviation) {
  for (const auto& [name, offset] : kZones) {
    if (name == abbreviation) return offset;
  }
  return std::nullopt;
}

std::optional<H323Time> parse_h323_time(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  if (text.size() >= 10 && text[4] == '-') return parse_iso8601(text);
  return parse_cisco(text);
}

}  // namespace prepaid::radius

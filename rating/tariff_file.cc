// The tariff file (docs/tariff-file.md): INI-like sections, inline or external CSV price
// lists. Lines are classified with a small Boost.Spirit X3 grammar; values are then checked
// key by key so that every problem names its line and key.
#include "rating/tariff_file.h"

#include <boost/spirit/home/x3.hpp>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace prepaid::rating {

namespace {

namespace x3 = boost::spirit::x3;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// One classified line.
struct Line {
  enum Kind { blank, section, key_value, other } kind = other;
  std::string_view kind_word;  // section: "tariff", "pricelist", ...
  std::string_view argument;   // section: the name after the kind word
  std::string_view key;
  std::string_view value;
};

using Range = boost::iterator_range<const char*>;

std::string_view view(const Range& r) {
  return {r.begin(), static_cast<std::size_t>(r.end() - r.begin())};
}

Line classify(std::string_view text) {
  Line line;
  std::string_view t = trim(text);
  if (t.empty() || t.front() == '#') {
    line.kind = Line::blank;
    return line;
  }
  const char* first = t.data();
  const char* last = t.data() + t.size();
  auto const word = x3::raw[x3::lexeme[+(x3::alnum | x3::char_("_.-"))]];
  auto const blanks = *x3::char_(" \t");
  if (t.front() == '[') {
    Range kind, arg;
    auto set_kind = [&kind](auto& ctx) { kind = x3::_attr(ctx); };
    auto set_arg = [&arg](auto& ctx) { arg = x3::_attr(ctx); };
    auto const header = x3::lit('[') >> blanks >> word[set_kind] >> blanks >>
                        -x3::raw[+~x3::char_(']')][set_arg] >> x3::lit(']') >> x3::eoi;
    if (x3::parse(first, last, header)) {
      line.kind = Line::section;
      line.kind_word = view(kind);
      line.argument = trim(view(arg));
    }
    return line;
  }
  Range key, value;
  auto set_key = [&key](auto& ctx) { key = x3::_attr(ctx); };
  auto set_value = [&value](auto& ctx) { value = x3::_attr(ctx); };
  auto const pair = word[set_key] >> blanks >> x3::lit('=') >> x3::raw[*x3::char_][set_value];
  if (x3::parse(first, last, pair)) {
    line.kind = Line::key_value;
    line.key = view(key);
    std::string_view v = view(value);
    // A '#' after a blank starts a comment: `rounding = up   # the default`.
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '#' && (i == 0 || v[i - 1] == ' ' || v[i - 1] == '\t')) {
        v = v.substr(0, i);
        break;
      }
    }
    line.value = trim(v);
  }
  return line;
}

/// A key's value and the line it was on.
struct Entry {
  std::string_view value;
  std::size_t line = 0;
};

/// The keys of one section.
struct Section {
  std::string_view name;
  std::size_t line = 0;
  std::map<std::string_view, Entry, std::less<>> keys;
  // [pricelist]: inline CSV text (from the header line on) and its first line number.
  std::string_view csv;
  std::size_t csv_line = 0;
};

class TariffReader {
 public:
  TariffReader(std::string_view text, const std::filesystem::path& base_dir)
      : text_(text), base_dir_(base_dir) {}

  TariffLoad run() {
    split_sections();
    if (problems_.empty()) build();
    TariffLoad load;
    if (problems_.empty()) {
      load.tariff = std::move(tariff_);
    } else {
      std::stable_sort(
          problems_.begin(), problems_.end(),
          [](const InputProblem& a, const InputProblem& b) { return a.line < b.line; });
    }
    load.problems = std::move(problems_);
    return load;
  }

 private:
  void problem(std::size_t line, std::string field, std::string reason) {
    problems_.push_back({line, std::move(field), std::move(reason)});
  }

  /// First pass: sections, their keys, and the extent of inline price lists.
  void split_sections() {
    std::size_t line_no = 0;
    std::size_t pos = 0;
    Section* current = nullptr;
    enum class Mode { none, tariff, pricelist, rule, holidays } mode = Mode::none;
    bool pricelist_started = false;
    const char* csv_begin = nullptr;
    auto close_csv = [&](const char* end) {
      if (csv_begin != nullptr && current != nullptr) {
        current->csv = std::string_view(csv_begin, static_cast<std::size_t>(end - csv_begin));
      }
      csv_begin = nullptr;
    };
    while (pos < text_.size()) {
      std::size_t nl = text_.find('\n', pos);
      std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
      std::string_view raw = text_.substr(pos, end - pos);
      const char* line_start = text_.data() + pos;
      pos = nl == std::string_view::npos ? text_.size() : nl + 1;
      ++line_no;
      Line line = classify(raw);
      if (line.kind == Line::section) {
        close_csv(line_start);
        mode = Mode::none;
        current = nullptr;
        pricelist_started = false;
        if (line.kind_word == "tariff" && line.argument.empty()) {
          if (tariff_section_.line != 0) {
            problem(
                line_no, "[tariff]",
                "section given twice (first on line " + std::to_string(tariff_section_.line) + ")");
          }
          tariff_section_ = Section{"", line_no, {}, {}, 0};
          current = &tariff_section_;
          mode = Mode::tariff;
        } else if (line.kind_word == "holidays" && line.argument.empty()) {
          holidays_line_ = holidays_line_ == 0 ? line_no : holidays_line_;
          mode = Mode::holidays;
        } else if ((line.kind_word == "pricelist" || line.kind_word == "rule") &&
                   !line.argument.empty()) {
          bool is_list = line.kind_word == "pricelist";
          auto& sections = is_list ? pricelists_ : rules_;
          for (const Section& s : sections) {
            if (s.name == line.argument) {
              problem(line_no,
                      "[" + std::string(line.kind_word) + " " + std::string(line.argument) + "]",
                      "defined twice (first on line " + std::to_string(s.line) + ")");
            }
          }
          sections.push_back(Section{line.argument, line_no, {}, {}, 0});
          current = &sections.back();
          mode = is_list ? Mode::pricelist : Mode::rule;
        } else {
          problem(line_no, std::string(trim(raw)),
                  "unknown section (expected [tariff], [pricelist NAME], [rule NAME] or "
                  "[holidays])");
        }
        continue;
      }
      if (mode == Mode::pricelist) {
        if (csv_begin != nullptr) continue;  // inside inline CSV: the CSV parser reads it
        if (line.kind == Line::blank) continue;
        if (!pricelist_started && line.kind == Line::key_value && line.key == "file") {
          add_key(*current, line, line_no);
          continue;
        }
        if (!current->keys.empty()) {
          problem(line_no, line.kind == Line::key_value ? std::string(line.key) : std::string(),
                  "a price list with `file =` takes no other keys or rows");
          continue;
        }
        pricelist_started = true;
        csv_begin = line_start;  // the CSV header line
        current->csv_line = line_no;
        continue;
      }
      if (line.kind == Line::blank) continue;
      if (line.kind != Line::key_value) {
        problem(line_no, "",
                "expected `key = value`, a [section] or a comment: " + std::string(trim(raw)));
        continue;
      }
      switch (mode) {
        case Mode::none:
          problem(line_no, std::string(line.key), "key outside any section");
          break;
        case Mode::tariff:
        case Mode::rule:
          add_key(*current, line, line_no);
          break;
        case Mode::holidays:
          holidays_.push_back({line.key, line.value, line_no});
          break;
        case Mode::pricelist:
          break;
      }
    }
    close_csv(text_.data() + text_.size());
    if (tariff_section_.line == 0) problem(1, "[tariff]", "section missing");
  }

  void add_key(Section& section, const Line& line, std::size_t line_no) {
    auto [it, inserted] = section.keys.emplace(line.key, Entry{line.value, line_no});
    if (!inserted) {
      problem(line_no, std::string(line.key),
              "given twice (first on line " + std::to_string(it->second.line) + ")");
    }
  }

  /// Checks that a section has only known keys and the required ones.
  void check_keys(const Section& section, std::string_view what,
                  std::initializer_list<std::string_view> known,
                  std::initializer_list<std::string_view> required) {
    for (const auto& [key, entry] : section.keys) {
      bool ok = false;
      for (auto k : known) ok = ok || k == key;
      if (!ok) {
        std::string list;
        for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        problem(entry.line, std::string(key),
                "unknown key in " + std::string(what) + " (known: " + list + ")");
      }
    }
    for (auto k : required) {
      if (section.keys.find(k) == section.keys.end()) {
        problem(section.line, std::string(k), "required key missing from " + std::string(what));
      }
    }
  }

  const Entry* key(const Section& s, std::string_view k) const {
    auto it = s.keys.find(k);
    return it == s.keys.end() ? nullptr : &it->second;
  }

  /// Second pass: values, price lists, rules and holidays into a Tariff.
  void build() {
    check_keys(tariff_section_, "[tariff]",
               {"name", "currency", "zone", "rounding", "rounding_decimals", "international_prefix",
                "base"},
               {"name", "currency", "zone", "base"});
    std::optional<Currency> currency;
    std::optional<TimeZone> zone;
    Rounding rounding;
    NumberPlan plan;
    if (const Entry* e = key(tariff_section_, "name"); e && e->value.empty()) {
      problem(e->line, "name", "empty");
    }
    if (const Entry* e = key(tariff_section_, "currency")) {
      currency = Currency::from_code(e->value);
      if (!currency) {
        problem(e->line, "currency",
                "not an active ISO 4217 code (e.g. EUR): " + std::string(e->value));
      }
    }
    if (const Entry* e = key(tariff_section_, "zone")) {
      zone = TimeZone::locate(e->value);
      if (!zone) {
        problem(e->line, "zone",
                "not an IANA time zone (e.g. Europe/Sofia): " + std::string(e->value));
      }
    }
    if (const Entry* e = key(tariff_section_, "rounding")) {
      auto method = parse_rounding_method(e->value);
      if (!method) {
        problem(e->line, "rounding",
                "expected up, down, half-up or half-even, not: " + std::string(e->value));
      } else {
        rounding.method = *method;
      }
    }
    if (const Entry* e = key(tariff_section_, "rounding_decimals")) {
      if (e->value.size() != 1 || e->value[0] < '0' || e->value[0] > '6') {
        problem(e->line, "rounding_decimals", "expected 0 to 6, not: " + std::string(e->value));
      } else {
        rounding.decimals = e->value[0] - '0';
      }
    }
    if (const Entry* e = key(tariff_section_, "international_prefix")) {
      for (char c : e->value) {
        if (c < '0' || c > '9') {
          problem(e->line, "international_prefix",
                  "digits only (or empty): " + std::string(e->value));
          break;
        }
      }
      plan.international_prefix = std::string(e->value);
    }
    // Price lists.
    std::vector<std::shared_ptr<const RateDeck>> decks;
    for (const Section& list : pricelists_) {
      check_keys(list, "[pricelist " + std::string(list.name) + "]", {"file"}, {});
      if (const Entry* file = key(list, "file")) {
        load_file_list(list, *file, plan, decks);
      } else if (!list.csv.empty()) {
        auto import = parse_rate_deck_csv(list.csv, std::string(list.name), plan, list.csv_line);
        for (auto& p : import.problems) problems_.push_back(std::move(p));
        if (import.deck) decks.push_back(std::make_shared<RateDeck>(std::move(*import.deck)));
      } else {
        problem(list.line, "[pricelist " + std::string(list.name) + "]",
                "empty: give `file = deck.csv` or a CSV header line and rows");
      }
    }
    auto has_list = [this](std::string_view name) {
      for (const Section& s : pricelists_) {
        if (s.name == name) return true;
      }
      return false;
    };
    if (const Entry* e = key(tariff_section_, "base"); e && !has_list(e->value)) {
      problem(e->line, "base", "no [pricelist " + std::string(e->value) + "] in this file");
    }
    // Rules.
    std::vector<PriceRule> rules;
    for (const Section& s : rules_) {
      std::string where = "[rule " + std::string(s.name) + "]";
      check_keys(s, where, {"pricelist", "weekdays", "time", "holidays", "priority"},
                 {"pricelist"});
      PriceRule rule;
      rule.name = std::string(s.name);
      if (const Entry* e = key(s, "pricelist")) {
        rule.price_list = std::string(e->value);
        if (!has_list(e->value)) {
          problem(e->line, "pricelist",
                  "no [pricelist " + std::string(e->value) + "] in this file");
        }
      }
      if (const Entry* e = key(s, "weekdays")) {
        auto days = Weekdays::parse(e->value);
        if (!days) {
          problem(e->line, "weekdays",
                  "expected e.g. mon-fri, sat,sun, all or none, not: " + std::string(e->value));
        } else {
          rule.weekdays = *days;
        }
      }
      if (const Entry* e = key(s, "time")) {
        auto range = TimeOfDayRange::parse(e->value);
        if (!range) {
          problem(e->line, "time", *TimeOfDayRange::problem(e->value));
        } else {
          rule.time = *range;
        }
      }
      if (const Entry* e = key(s, "holidays")) {
        if (e->value == "yes") {
          rule.on_holidays = true;
        } else if (e->value != "no") {
          problem(e->line, "holidays", "expected yes or no, not: " + std::string(e->value));
        }
      }
      if (const Entry* e = key(s, "priority")) {
        int value = 0;
        auto [ptr, ec] = std::from_chars(e->value.data(), e->value.data() + e->value.size(), value);
        if (e->value.empty() || ec != std::errc() || ptr != e->value.data() + e->value.size()) {
          problem(e->line, "priority", "expected a whole number, not: " + std::string(e->value));
        } else {
          rule.priority = value;
        }
      }
      rules.push_back(std::move(rule));
    }
    // Holidays.
    std::vector<Holiday> holidays;
    for (const auto& h : holidays_) {
      auto holiday = Holiday::parse_date(h.date);
      if (!holiday) {
        problem(h.line, std::string(h.date),
                "expected a date YYYY-MM-DD (one-off) or MM-DD (every year)");
        continue;
      }
      holiday->name = std::string(h.name);
      holidays.push_back(std::move(*holiday));
    }
    if (!problems_.empty() || !currency || !zone) return;

    auto tariff =
        std::make_shared<Tariff>(std::string(key(tariff_section_, "name")->value), *currency, *zone,
                                 std::string(key(tariff_section_, "base")->value));
    tariff->set_rounding(rounding);
    tariff->set_number_plan(plan);
    for (auto& deck : decks) tariff->add_price_list(std::move(deck));
    for (auto& rule : rules) tariff->add_rule(std::move(rule));
    for (auto& holiday : holidays) tariff->add_holiday(std::move(holiday));
    for (std::string& p : tariff->validate()) problem(tariff_section_.line, "", std::move(p));
    if (problems_.empty()) tariff_ = std::move(tariff);
  }

  void load_file_list(const Section& list, const Entry& file, const NumberPlan& plan,
                      std::vector<std::shared_ptr<const RateDeck>>& decks) {
    // Text that did not come from a file on disk (API bodies, reservation snapshots) must
    // never make the process read local files: file references need a base directory.
    if (base_dir_.empty()) {
      problem(file.line, "file",
              "file references are allowed only in a tariff file read from disk; put the price "
              "list inline (a CSV header line and rows)");
      return;
    }
    std::filesystem::path path = base_dir_ / std::filesystem::path(std::string(file.value));
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      problem(file.line, "file", "cannot read " + path.string() + ": " + std::strerror(errno));
      return;
    }
    std::ostringstream content;
    content << in.rdbuf();
    auto import = parse_rate_deck_csv(content.str(), std::string(list.name), plan);
    std::size_t shown = 0;
    for (const auto& p : import.problems) {
      if (++shown > 100) {
        problem(file.line, "file", "... and more problems in " + std::string(file.value));
        break;
      }
      problem(file.line, "file", std::string(file.value) + " " + p.to_string());
    }
    if (import.deck) decks.push_back(std::make_shared<RateDeck>(std::move(*import.deck)));
  }

  struct HolidayEntry {
    std::string_view date;
    std::string_view name;
    std::size_t line;
  };

  std::string_view text_;
  std::filesystem::path base_dir_;
  Section tariff_section_;
  std::vector<Section> pricelists_;
  std::vector<Section> rules_;
  std::vector<HolidayEntry> holidays_;
  std::size_t holidays_line_ = 0;
  std::vector<InputProblem> problems_;
  std::shared_ptr<const Tariff> tariff_;
};

}  // namespace

TariffLoad parse_tariff_text(std::string_view text, const std::filesystem::path& base_dir) {
  return TariffReader(text, base_dir).run();
}

TariffLoad load_tariff_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    TariffLoad load;
    load.problems.push_back({0, "", "cannot read " + path.string() + ": " + std::strerror(errno)});
    return load;
  }
  std::ostringstream content;
  content << in.rdbuf();
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";  // "demo.tariff": its lists are next to it, in the working directory
  return parse_tariff_text(content.str(), dir);
}

std::string format_tariff_text(const Tariff& tariff) {
  std::string out;
  Rounding rounding = tariff.rounding();
  out += "[tariff]\nname = " + tariff.name() +
         "\ncurrency = " + std::string(tariff.currency().code()) +
         "\nzone = " + std::string(tariff.zone().name()) +
         "\nrounding = " + std::string(to_string(rounding.method)) +
         "\nrounding_decimals = " + std::to_string(rounding.decimals) +
         "\ninternational_prefix = " + tariff.number_plan().international_prefix +
         "\nbase = " + tariff.base_price_list() + "\n";
  for (const auto& [name, deck] : tariff.price_lists()) {
    out += "\n[pricelist " + name + "]\n";
    out += format_rate_deck_csv_compact(*deck);
  }
  for (const PriceRule& rule : tariff.rules()) {
    out += "\n[rule " + rule.name + "]\npricelist = " + rule.price_list + "\n";
    if (rule.weekdays != Weekdays()) out += "weekdays = " + rule.weekdays.to_string() + "\n";
    if (!rule.time.whole_day()) out += "time = " + rule.time.to_string() + "\n";
    if (rule.on_holidays) out += "holidays = yes\n";
    if (rule.priority != 0) out += "priority = " + std::to_string(rule.priority) + "\n";
  }
  if (!tariff.holidays().empty()) {
    out += "\n[holidays]\n";
    for (const Holiday& h : tariff.holidays()) out += h.date_text() + " = " + h.name + "\n";
  }
  return out;
}

}  // namespace prepaid::rating

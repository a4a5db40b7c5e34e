// Rate-deck CSV import and export. The record grammar (RFC 4180 fields) is Boost.Spirit X3;
// the cells are then checked column by column, so that every problem names its column.
#include "rating/rate_deck_csv.h"

#include <algorithm>
#include <array>
#include <boost/spirit/home/x3.hpp>
#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>

namespace prepaid::rating {

std::string InputProblem::to_string() const {
  std::string out = line == 0 ? std::string() : "line " + std::to_string(line);
  if (!field.empty()) out += (out.empty() ? "" : ", ") + field;
  out += (out.empty() ? "" : ": ") + reason;
  return out;
}

namespace {

namespace x3 = boost::spirit::x3;

constexpr std::size_t kMaxProblems = 1000;

/// One cell of a record: the raw text between the delimiters (inside the quotes when quoted).
struct Cell {
  const char* begin;
  const char* end;
  bool quoted;
};

enum Column : int {
  kPrefix,
  kDestination,
  kRate,
  kRateUnit,
  kConnectFee,
  kFirstIncrement,
  kIncrement,
  kGrace,
  kBuyRate,
  kBuyCurrency,
  kColumnCount
};
static_assert(std::size(kRateDeckColumns) == kColumnCount, "one name per column");

/// The record grammar: cells separated by commas, ended by a line break or the end of input.
/// A quoted cell may hold commas, line breaks and doubled quotes. Expectation points (>) make
/// X3 report where a record breaks.
struct RecordParser {
  std::vector<Cell>* cells;

  /// Parses one record at `pos`; advances `pos` past its line break. Throws
  /// x3::expectation_failure at the first offending character.
  bool parse(const char*& pos, const char* end) const {
    std::vector<Cell>& out = *cells;
    out.clear();
    auto on_quoted = [&out](auto& ctx) {
      auto& range = x3::_attr(ctx);
      out.push_back({range.begin(), range.end(), true});
    };
    auto on_plain = [&out](auto& ctx) {
      auto& range = x3::_attr(ctx);
      out.push_back({range.begin(), range.end(), false});
    };
    auto const quoted_body = x3::raw[*(x3::lit("\"\"") | ~x3::char_('"'))];
    auto const plain = x3::raw[*~x3::char_(",\"\r\n")];
    auto const cell = (x3::lit('"') > quoted_body[on_quoted] > x3::lit('"')) | plain[on_plain];
    auto const record = cell % ',' > (x3::eol | x3::eoi);
    return x3::parse(pos, end, record);
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The cell's text: unquoted cells are trimmed; quoted ones keep everything, "" becomes ".
std::string_view cell_text(const Cell& cell, std::string& scratch) {
  std::string_view raw(cell.begin, static_cast<std::size_t>(cell.end - cell.begin));
  if (!cell.quoted) return trim(raw);
  if (raw.find('"') == std::string_view::npos) return raw;
  scratch.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    scratch.push_back(raw[i]);
    if (raw[i] == '"') ++i;  // skip the second quote of a doubled pair
  }
  return scratch;
}

std::optional<std::uint32_t> parse_seconds(std::string_view text) {
  std::uint32_t value = 0;
  if (text.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

class DeckReader {
 public:
  DeckReader(std::string_view csv, std::string deck_name, const NumberPlan& plan,
             std::size_t first_line, const LinesRead& lines_read)
      : begin_(csv.data()),
        end_(csv.data() + csv.size()),
        first_line_(first_line),
        line_(first_line),
        plan_(plan),
        lines_read_(lines_read) {
    result_.deck.emplace(std::move(deck_name));
    if (lines_read_) {
      lines_total_ = static_cast<std::size_t>(std::count(begin_, end_, '\n'));
      if (!csv.empty() && csv.back() != '\n') ++lines_total_;
      report_step_ = std::max<std::size_t>(1, lines_total_ / 100);
      next_report_ = report_step_;
    }
  }

  RateDeckImport run() {
    std::vector<Cell> cells;
    cells.reserve(kColumnCount);
    RecordParser parser{&cells};
    const char* pos = begin_;
    bool have_header = false;
    while (pos < end_ && result_.problems.size() < kMaxProblems) {
      if (lines_read_ && line_ - first_line_ >= next_report_) report_lines();
      if (skip_blank_or_comment(pos)) continue;
      const char* record_start = pos;
      std::size_t record_line = line_;
      try {
        parser.parse(pos, end_);
      } catch (const x3::expectation_failure<const char*>& failure) {
        pos = report_syntax(record_start, record_line, failure.where());
        continue;
      }
      line_ += static_cast<std::size_t>(std::count(record_start, pos, '\n'));
      if (!have_header) {
        have_header = true;
        if (!read_header(cells, record_line)) break;
      } else {
        read_row(cells, record_line);
      }
    }
    if (!have_header && result_.problems.empty()) {
      problem(line_, "", "no header line (expected e.g. prefix,destination,rate)");
    }
    if (lines_read_) lines_read_(pos >= end_ ? lines_total_ : line_ - first_line_, lines_total_);
    if (result_.problems.size() > kMaxProblems) result_.problems.resize(kMaxProblems);
    if (!result_.problems.empty()) {
      result_.deck.reset();
    } else {
      result_.deck->optimize();
    }
    return std::move(result_);
  }

 private:
  /// Tells lines_read_ how far reading has come, and when to tell it next.
  void report_lines() {
    const std::size_t read = line_ - first_line_;
    lines_read_(read, lines_total_);
    next_report_ = (read / report_step_ + 1) * report_step_;
  }

  void problem(std::size_t line, std::string field, std::string reason) {
    result_.problems.push_back({line, std::move(field), std::move(reason)});
  }

  /// Skips one blank or '#' line at `pos`; false when `pos` starts a record.
  bool skip_blank_or_comment(const char*& pos) {
    const char* p = pos;
    while (p < end_ && (*p == ' ' || *p == '\t')) ++p;
    bool skip = p == end_ || *p == '\n' || *p == '\r' || *p == '#';
    if (!skip) return false;
    const char* nl =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end_ - p)));
    pos = nl == nullptr ? end_ : nl + 1;
    if (nl != nullptr) ++line_;
    return true;
  }

  /// Reports a record that breaks the grammar; returns where reading resumes (the line after
  /// the offending character) and keeps line_ in step.
  const char* report_syntax(const char* record_start, std::size_t record_line, const char* where) {
    // An unterminated quote swallows the rest of the input: find where it was opened.
    bool in_quote = false;
    const char* opened = nullptr;
    for (const char* p = record_start; p < end_; ++p) {
      if (*p == '"') {
        in_quote = !in_quote;
        if (in_quote) opened = p;
      } else if (!in_quote && *p == '\n') {
        break;
      }
    }
    if (in_quote && opened != nullptr) {
      problem(line_of(record_start, record_line, opened), "",
              "column " + std::to_string(column_of(opened)) +
                  ": quoted field is never closed (a quote inside a quoted field is written \"\")");
      return end_;
    }
    std::string reason = "column " + std::to_string(column_of(where)) + ": ";
    if (where < end_ && *where == '"') {
      reason += "quote inside an unquoted field (quote the whole field and double the quote)";
    } else {
      reason += "unexpected text after a closing quote";
    }
    problem(line_of(record_start, record_line, where), "", std::move(reason));
    const char* nl =
        static_cast<const char*>(std::memchr(where, '\n', static_cast<std::size_t>(end_ - where)));
    const char* next = nl == nullptr ? end_ : nl + 1;
    line_ = record_line + static_cast<std::size_t>(std::count(record_start, next, '\n'));
    return next;
  }

  std::size_t line_of(const char* record_start, std::size_t record_line, const char* at) const {
    return record_line + static_cast<std::size_t>(std::count(record_start, at, '\n'));
  }
  std::size_t column_of(const char* at) const {
    const char* p = at;
    while (p > begin_ && p[-1] != '\n') --p;
    return static_cast<std::size_t>(at - p) + 1;
  }

  bool read_header(const std::vector<Cell>& cells, std::size_t line) {
    std::string scratch;
    column_of_cell_.assign(cells.size(), -1);
    std::array<bool, kColumnCount> seen{};
    bool ok = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string name(cell_text(cells[i], scratch));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      int column = -1;
      for (int c = 0; c < kColumnCount; ++c) {
        if (name == kRateDeckColumns[c]) column = c;
      }
      if (column < 0) {
        problem(line, name.empty() ? "column " + std::to_string(i + 1) : name,
                "unknown column (known: prefix, destination, rate, rate_unit, connect_fee, "
                "first_increment, increment, grace, buy_rate, buy_currency)");
        ok = false;
      } else if (seen[static_cast<std::size_t>(column)]) {
        problem(line, name, "column named twice");
        ok = false;
      } else {
        seen[static_cast<std::size_t>(column)] = true;
        column_of_cell_[i] = column;
      }
    }
    for (int c : {kPrefix, kDestination, kRate}) {
      if (!seen[static_cast<std::size_t>(c)]) {
        problem(line, kRateDeckColumns[c], "required column missing from the header");
        ok = false;
      }
    }
    return ok;
  }

  void read_row(const std::vector<Cell>& cells, std::size_t line) {
    if (cells.size() != column_of_cell_.size()) {
      problem(line, "",
              "expected " + std::to_string(column_of_cell_.size()) + " fields, found " +
                  std::to_string(cells.size()));
      return;
    }
    Rate rate;
    bool ok = true;
    std::string scratch;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto column = static_cast<Column>(column_of_cell_[i]);
      std::string_view text = cell_text(cells[i], scratch);
      if (!read_cell(column, text, rate, line)) ok = false;
    }
    if (!ok) return;
    if (rate.buy_currency && !rate.buy_rate) {
      problem(line, kRateDeckColumns[kBuyCurrency],
              "a buy currency without a buy_rate (give both, or leave both empty)");
      return;
    }
    std::string prefix = rate.prefix;
    if (!result_.deck->add(std::move(rate))) {
      const Rate* first = result_.deck->find(prefix);
      std::size_t first_line =
          lines_[static_cast<std::size_t>(first - result_.deck->rates().data())];
      problem(line, "prefix",
              "duplicate prefix " + prefix + " (first on line " + std::to_string(first_line) + ")");
      return;
    }
    lines_.push_back(line);
  }

  bool read_cell(Column column, std::string_view text, Rate& rate, std::size_t line) {
    const char* name = kRateDeckColumns[column];
    auto amount = [&](Money& out, bool optional_empty) -> bool {
      if (text.empty() && optional_empty) return true;
      auto money = Money::parse(text);
      if (!money) {
        problem(line, name,
                "not a decimal amount (digits, '.', at most 6 decimals): " + std::string(text));
        return false;
      }
      if (money->is_negative()) {
        problem(line, name, "must not be negative: " + std::string(text));
        return false;
      }
      out = *money;
      return true;
    };
    auto seconds = [&](std::uint32_t& out, std::uint32_t minimum) -> bool {
      if (text.empty()) return true;  // default
      auto value = parse_seconds(text);
      if (!value) {
        problem(line, name, "not a whole number of seconds: " + std::string(text));
        return false;
      }
      if (*value < minimum) {
        problem(line, name,
                "must be at least " + std::to_string(minimum) + ": " + std::string(text));
        return false;
      }
      out = *value;
      return true;
    };
    switch (column) {
      case kPrefix: {
        auto digits = normalize_number(text, plan_);
        if (!digits) {
          problem(line, name,
                  text.empty()
                      ? std::string("empty")
                      : "not a digit prefix (optional '+', then 1 to " +
                            std::to_string(kMaxNumberDigits) + " digits): " + std::string(text));
          return false;
        }
        rate.prefix = std::move(*digits);
        return true;
      }
      case kDestination:
        if (text.empty()) {
          problem(line, name, "empty");
          return false;
        }
        rate.destination.assign(text);
        return true;
      case kRate:
        if (text.empty()) {
          problem(line, name, "empty");
          return false;
        }
        return amount(rate.rate, false);
      case kRateUnit:
        return seconds(rate.rate_unit_s, 1);
      case kConnectFee:
        return amount(rate.connect_fee, true);
      case kFirstIncrement:
        return seconds(rate.first_increment_s, 1);
      case kIncrement:
        return seconds(rate.increment_s, 1);
      case kGrace:
        return seconds(rate.grace_s, 0);
      case kBuyRate: {
        if (text.empty()) return true;
        Money buy;
        if (!amount(buy, false)) return false;
        rate.buy_rate = buy;
        return true;
      }
      case kBuyCurrency: {
        if (text.empty()) return true;  // the tariff's currency
        auto currency = Currency::from_code(text);
        if (!currency) {
          problem(line, name,
                  "not an active ISO 4217 code in capitals (e.g. USD): " + std::string(text));
          return false;
        }
        rate.buy_currency = *currency;
        return true;
      }
      case kColumnCount:
        break;
    }
    return false;
  }

  const char* begin_;
  const char* end_;
  std::size_t first_line_;
  std::size_t line_;
  const NumberPlan& plan_;
  const LinesRead& lines_read_;
  std::size_t lines_total_ = 0;  // lines of the text (counted only when lines_read_ is set)
  std::size_t report_step_ = 1;
  std::size_t next_report_ = 1;  // lines read at which lines_read_ is called next
  RateDeckImport result_;
  std::vector<int> column_of_cell_;
  std::vector<std::size_t> lines_;  // line of each rate, in deck order
};

void append_cell(std::string& out, std::string_view text) {
  bool needs_quotes =
      text.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' ||
                         text.back() == '\t' || text.front() == '#'));
  if (!needs_quotes) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string format_columns(const RateDeck& deck, const std::array<bool, kColumnCount>& used) {
  std::string out;
  out.reserve(64 + deck.size() * 48);
  bool first = true;
  for (int c = 0; c < kColumnCount; ++c) {
    if (!used[static_cast<std::size_t>(c)]) continue;
    if (!first) out.push_back(',');
    out += kRateDeckColumns[c];
    first = false;
  }
  out.push_back('\n');
  for (const Rate& r : deck.rates()) {
    out += r.prefix;
    out.push_back(',');
    append_cell(out, r.destination);
    out.push_back(',');
    out += r.rate.to_string();
    auto number = [&](int column, std::uint32_t value) {
      if (!used[static_cast<std::size_t>(column)]) return;
      out.push_back(',');
      out += std::to_string(value);
    };
    number(kRateUnit, r.rate_unit_s);
    if (used[kConnectFee]) {
      out.push_back(',');
      out += r.connect_fee.to_string();
    }
    number(kFirstIncrement, r.first_increment_s);
    number(kIncrement, r.increment_s);
    number(kGrace, r.grace_s);
    if (used[kBuyRate]) {
      out.push_back(',');
      if (r.buy_rate) out += r.buy_rate->to_string();
    }
    if (used[kBuyCurrency]) {
      out.push_back(',');
      if (r.buy_currency) out += r.buy_currency->code();
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace

RateDeckImport parse_rate_deck_csv(std::string_view csv, std::string deck_name,
                                   const NumberPlan& plan, std::size_t first_line,
                                   const LinesRead& lines_read) {
  return DeckReader(csv, std::move(deck_name), plan, first_line, lines_read).run();
}

std::string format_rate_deck_csv(const RateDeck& deck) {
  std::array<bool, kColumnCount> used;
  used.fill(true);
  return format_columns(deck, used);
}

std::string format_rate_deck_csv_compact(const RateDeck& deck) {
  std::array<bool, kColumnCount> used{};
  used[kPrefix] = used[kDestination] = used[kRate] = true;
  const Rate defaults;
  for (const Rate& r : deck.rates()) {
    used[kRateUnit] = used[kRateUnit] || r.rate_unit_s != defaults.rate_unit_s;
    used[kConnectFee] = used[kConnectFee] || !r.connect_fee.is_zero();
    used[kFirstIncrement] =
        used[kFirstIncrement] || r.first_increment_s != defaults.first_increment_s;
    used[kIncrement] = used[kIncrement] || r.increment_s != defaults.increment_s;
    used[kGrace] = used[kGrace] || r.grace_s != defaults.grace_s;
    used[kBuyRate] = used[kBuyRate] || r.buy_rate.has_value();
    used[kBuyCurrency] = used[kBuyCurrency] || r.buy_currency.has_value();
  }
  return format_columns(deck, used);
}

}  // namespace prepaid::rating

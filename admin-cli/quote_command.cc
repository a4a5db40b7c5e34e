#include "admin-cli/quote_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "admin-cli/command_line.h"
#include "rating/pricing.h"
#include "rating/tariff_file.h"

namespace prepaid::cli {

namespace {

using rating::Instant;
using rating::Money;
using rating::TimeZone;

/// "2026-11-22 17:58:00" in `zone`.
std::string local_text(const TimeZone& zone, Instant at) {
  rating::LocalTime l = zone.to_local(at);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", l.year, l.month, l.day,
                     l.second_of_day / 3600, l.second_of_day / 60 % 60, l.second_of_day % 60);
}

std::string utc_text(Instant at) {
  std::string s = local_text(TimeZone::utc(), at);
  s[10] = 'T';
  return s + "Z";
}

/// Reads exactly `count` digits.
bool digits(std::string_view text, std::size_t& pos, std::size_t count, unsigned& out) {
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

/// "YYYY-MM-DD HH:MM[:SS]" (or 'T' between date and time) in `zone`; nullopt when malformed.
std::optional<Instant> parse_start(std::string_view text, const TimeZone& zone) {
  if (text == "now") {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  std::size_t pos = 0;
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  auto lit = [&](char c) { return pos < text.size() && text[pos++] == c; };
  if (!digits(text, pos, 4, y) || !lit('-') || !digits(text, pos, 2, mo) || !lit('-') ||
      !digits(text, pos, 2, d) || pos >= text.size() || (text[pos] != ' ' && text[pos] != 'T')) {
    return std::nullopt;
  }
  ++pos;
  if (!digits(text, pos, 2, h) || !lit(':') || !digits(text, pos, 2, mi)) return std::nullopt;
  if (pos < text.size() && (!lit(':') || !digits(text, pos, 2, s))) return std::nullopt;
  if (pos != text.size() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return zone.from_local(static_cast<int>(y), mo, d, h * 3600 + mi * 60 + s);
}

std::string rule_label(const std::string& rule) {
  return rule.empty() ? "(base)" : rule;
}

std::string rounding_text(const rating::Rounding& r) {
  return fmt::format("{} to {} decimal{}", rating::to_string(r.method), r.decimals,
                     r.decimals == 1 ? "" : "s");
}

nlohmann::json problems_json(const std::vector<rating::InputProblem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : problems) {
    list.push_back({{"line", p.line}, {"field", p.field}, {"reason", p.reason}});
  }
  return list;
}

int usage_error(const QuoteOptions& o, std::ostream& out, std::ostream& err,
                const std::string& message) {
  err << "prepaidctl quote: " << message << "\n";
  if (o.json) out << nlohmann::json{{"error", message}}.dump(2) << "\n";
  return kExitUsage;
}

void print_price(const rating::Tariff& t, const QuoteOptions& o, Instant start,
                 const rating::CallPrice& p, std::ostream& out) {
  const TimeZone& zone = t.zone();
  int decimals = t.currency().minor_unit_digits();
  std::string code(t.currency().code());
  if (o.json) {
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& s : p.spans) {
      spans.push_back({{"rule", s.rule},
                       {"price_list", s.price_list},
                       {"prefix", s.prefix},
                       {"rate", s.rate.to_string()},
                       {"rate_unit_s", s.rate_unit_s},
                       {"start", utc_text(s.start)},
                       {"start_local", local_text(zone, s.start)},
                       {"seconds", s.seconds},
                       {"amount", s.amount.to_string()}});
    }
    rating::Rounding r = t.rounding();
    nlohmann::json doc = {
        {"tariff", t.name()},
        {"currency", code},
        {"zone", std::string(zone.name())},
        {"number", o.number},
        {"digits", p.digits},
        {"destination", p.destination},
        {"prefix", p.prefix},
        {"start", utc_text(start)},
        {"start_local", local_text(zone, start)},
        {"duration_s", p.duration_s},
        {"billed_s", p.billed_s},
        {"connect_fee", p.connect_fee.to_string(decimals)},
        {"spans", spans},
        {"unrounded", p.unrounded.to_string()},
        {"rounding",
         {{"method", std::string(rating::to_string(r.method))}, {"decimals", r.decimals}}},
        {"total", p.total.to_string(decimals)}};
    if (p.buy_cost) doc["buy_cost"] = p.buy_cost->to_string(decimals);
    out << doc.dump(2) << "\n";
    return;
  }
  out << fmt::format("Duration:    {} s, billed {} s\n\n", p.duration_s, p.billed_s);
  if (p.spans.empty()) {
    out << "  (free: unanswered or within the grace period)\n";
  } else {
    out << fmt::format("  {:<12} {:<10} {:<8} {:>14} {:<19} {:>8} {:>12}\n", "rule", "list",
                       "prefix", "rate/unit", "from (local)", "seconds", "amount");
    for (const auto& s : p.spans) {
      out << fmt::format("  {:<12} {:<10} {:<8} {:>14} {:<19} {:>8} {:>12}\n", rule_label(s.rule),
                         s.price_list, s.prefix,
                         s.rate.to_string() + "/" + std::to_string(s.rate_unit_s) + "s",
                         local_text(zone, s.start), s.seconds, s.amount.to_string());
    }
  }
  out << fmt::format("  {:<76} {:>12}\n", "connect fee", p.connect_fee.to_string(decimals));
  out << fmt::format("  {:<76} {:>12}\n", "unrounded", p.unrounded.to_string());
  out << fmt::format("  {:<76} {:>12}\n", "total (rounded " + rounding_text(t.rounding()) + ")",
                     p.total.to_string(decimals) + " " + code);
  if (p.buy_cost) {
    out << fmt::format("  {:<76} {:>12}\n", "buy cost",
                       p.buy_cost->to_string(decimals) + " " + code);
  }
}

std::string limit_text(rating::GrantLimit limit) {
  switch (limit) {
    case rating::GrantLimit::balance:
      return "the balance: one more increment would not fit";
    case rating::GrantLimit::cap:
      return "the cap";
    case rating::GrantLimit::insufficient_balance:
      return "insufficient balance: not even the first increment fits";
  }
  return "";
}

void print_grant(const rating::Tariff& t, const QuoteOptions& o, Instant start, Money balance,
                 const rating::Grant& g, std::ostream& out) {
  int decimals = t.currency().minor_unit_digits();
  std::string code(t.currency().code());
  if (o.json) {
    nlohmann::json doc = {{"tariff", t.name()},
                          {"currency", code},
                          {"zone", std::string(t.zone().name())},
                          {"number", o.number},
                          {"destination", g.destination},
                          {"prefix", g.prefix},
                          {"start", utc_text(start)},
                          {"start_local", local_text(t.zone(), start)},
                          {"balance", balance.to_string(decimals)},
                          {"cap_s", o.cap_s},
                          {"granted_s", g.seconds},
                          {"limited_by", std::string(rating::to_string(g.limited_by))},
                          {"price", g.price.to_string(decimals)}};
    out << doc.dump(2) << "\n";
    return;
  }
  out << fmt::format("Balance:     {} {} (cap {} s)\n", balance.to_string(decimals), code, o.cap_s);
  out << fmt::format("Granted:     {} s ({}:{:02}:{:02})\n", g.seconds, g.seconds / 3600,
                     g.seconds / 60 % 60, g.seconds % 60);
  out << fmt::format("Limited by:  {}\n", limit_text(g.limited_by));
  out << fmt::format("Price:       {} {} (the price of the granted seconds: what to reserve)\n",
                     g.price.to_string(decimals), code);
}

}  // namespace

int run_quote(const QuoteOptions& o, std::ostream& out, std::ostream& err) {
  if (o.duration_s.has_value() == o.balance.has_value()) {
    return usage_error(o, out, err, "give exactly one of --duration and --balance");
  }
  rating::TariffLoad load = rating::load_tariff_file(o.tariff_file);
  if (!load.tariff) {
    err << "prepaidctl quote: " << o.tariff_file << ": the tariff file is not usable:\n";
    for (const auto& p : load.problems)
      err << "  " << o.tariff_file << ": " << p.to_string() << "\n";
    if (o.json) {
      out << nlohmann::json{{"error", "malformed tariff file"},
                            {"file", o.tariff_file},
                            {"problems", problems_json(load.problems)}}
                 .dump(2)
          << "\n";
    }
    return kExitBadInput;
  }
  const rating::Tariff& t = *load.tariff;
  std::optional<TimeZone> start_zone;
  if (o.zone_of_start == "tariff") {
    start_zone = t.zone();
  } else if (o.zone_of_start == "utc" || o.zone_of_start == "UTC") {
    start_zone = TimeZone::utc();
  } else {
    start_zone = TimeZone::locate(o.zone_of_start);
    if (!start_zone) {
      return usage_error(o, out, err, "--zone-of-start: unknown time zone: " + o.zone_of_start);
    }
  }
  auto start = parse_start(o.start, *start_zone);
  if (!start) {
    return usage_error(o, out, err,
                       "--start: expected \"YYYY-MM-DD HH:MM[:SS]\" or now, not: " + o.start);
  }
  std::optional<Money> balance;
  if (o.balance) {
    balance = Money::parse(*o.balance);
    if (!balance) {
      return usage_error(o, out, err,
                         "--balance: not a decimal amount (e.g. 10.00): " + *o.balance);
    }
  }
  auto refused = [&](rating::Refusal r) {
    std::string code(rating::to_string(r));
    err << "prepaidctl quote: refused: " << code << " (" << o.number << ")\n";
    if (o.json) out << nlohmann::json{{"refused", code}, {"number", o.number}}.dump(2) << "\n";
    return kExitRefused;
  };
  if (!o.json) {
    rating::Rounding r = t.rounding();
    out << fmt::format("Tariff:      {} ({}, zone {}, rounding {})\n", t.name(),
                       t.currency().code(), t.zone().name(), rounding_text(r));
    out << fmt::format("Start:       {} {} ({} UTC)\n", local_text(t.zone(), *start),
                       t.zone().name(), local_text(TimeZone::utc(), *start));
  }
  if (o.duration_s) {
    auto price = rating::price_call(t, o.number, *start, *o.duration_s);
    if (!price) return refused(price.refusal());
    if (!o.json) {
      out << fmt::format("Number:      {} -> {}, {} (prefix {})\n", o.number, price->digits,
                         price->destination, price->prefix);
    }
    print_price(t, o, *start, *price, out);
    return kExitOk;
  }
  auto grant = rating::max_duration(t, o.number, *start, *balance, o.cap_s);
  if (!grant) return refused(grant.refusal());
  if (!o.json) {
    out << fmt::format("Number:      {} -> {} (prefix {})\n", o.number, grant->destination,
                       grant->prefix);
  }
  print_grant(t, o, *start, *balance, *grant, out);
  return kExitOk;
}

void register_quote_command(CLI::App& app) {
  auto options = std::make_shared<QuoteOptions>();
  CLI::App* cmd = app.add_subcommand(
      "quote",
      "Price a call (--duration) or compute how long a balance lasts (--balance) from a tariff "
      "file, without any database.");
  cmd->add_option("--tariff", options->tariff_file, "Tariff file (format: docs/tariff-file.md)")
      ->required();
  cmd->add_option(
         "--number", options->number,
         "Dialed number: digits, optionally after '+' or the tariff's international prefix")
      ->required();
  cmd->add_option("--start", options->start,
                  "Start of the call, \"YYYY-MM-DD HH:MM[:SS]\" or now. Read in the TARIFF'S time "
                  "zone unless --zone-of-start says otherwise")
      ->required();
  cmd->add_option("--zone-of-start", options->zone_of_start,
                  "Zone of --start: tariff (default), utc, or an IANA name such as Europe/London")
      ->capture_default_str();
  CLI::Option* duration = cmd->add_option("--duration", options->duration_s,
                                          "Call length in seconds: prints the cost and its spans");
  CLI::Option* balance = cmd->add_option(
      "--balance", options->balance,
      "Free balance in the tariff's currency (e.g. 10.00): prints the seconds it buys");
  duration->excludes(balance);
  cmd->add_option("--cap", options->cap_s,
                  "With --balance: never grant more than this many seconds")
      ->capture_default_str()
      ->needs(balance);
  cmd->add_flag("--json", options->json, "Machine-readable output (amounts are decimal strings)");
  cmd->footer(
      std::string(
          "Example:\n"
          "  prepaidctl quote --tariff examples/tariffs/demo.tariff --number +359888123456 "
          "\\\n      --start \"2026-11-23 17:58:00\" --duration 300\n"
          "  prepaidctl quote --tariff examples/tariffs/demo.tariff --number 00447911123456 "
          "\\\n      --start \"2026-11-23 17:58:00\" --balance 10.00 --json\n\n") +
      exit_codes_help());
  cmd->callback([options]() {
    int code = run_quote(*options, std::cout, std::cerr);
    if (code != kExitOk) exit_with(code);
  });
}

}  // namespace prepaid::cli

#include "admin-cli/commands/quote_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "admin-cli/cli/cli_context.h"
#include "admin-cli/cli/command_line.h"
#include "admin-cli/commands/quote_start.h"
#include "admin-cli/json/json_text.h"
#include "admin-cli/json/quote_json.h"
#include "admin-cli/text/quote_text.h"
#include "billing/calls/call_policy.h"
#include "rating/pricing.h"
#include "rating/tariff_file.h"

namespace prepaid::cli {

namespace {

using rating::Instant;
using rating::Money;

int print_failure(const QuoteOptions& o, std::ostream& err, const Failure& f) {
  if (o.json) {
    err << json_text(f.to_json(), 2) << "\n";
  } else {
    err << "prepaidctl quote: " << f.message << "\n";
    for (const auto& d : f.details) err << "  " << d << "\n";
  }
  return static_cast<int>(f.exit);
}

int usage_error(const QuoteOptions& o, std::ostream& err, const std::string& message) {
  return print_failure(o, err, Failure{"usage", message, {}, {}, 400, ExitCode::usage});
}

Instant system_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// `quote --tariff-name`: the database quote, through the same command as its API route.
int run_stored_quote(const QuoteOptions& o, CliContext& ctx) {
  nlohmann::json values = {{"tariff", o.tariff_name},
                           {"number", o.number},
                           {"start", o.start},
                           {"zone_of_start", o.zone_of_start}};
  if (o.duration_s) values["duration_s"] = *o.duration_s;
  if (o.balance) values["balance"] = *o.balance;
  if (o.cap_s) values["cap_s"] = *o.cap_s;
  const bool json = ctx.json;
  ctx.json = ctx.json || o.json;
  const int code = ctx.run(command_named("quote"), std::move(values));
  ctx.json = json;
  return code;
}

}  // namespace

int run_file_quote(const QuoteOptions& o, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(o.tariff_file)) {
    return print_failure(
        o, err,
        Failure{
            "not_found", "cannot read " + o.tariff_file, "tariff", {}, 404, ExitCode::not_found});
  }
  rating::TariffLoad load = rating::load_tariff_file(o.tariff_file);
  if (!load.tariff) {
    Failure f = input_failure("tariff", o.tariff_file + ": the tariff file is not usable:");
    for (const auto& p : load.problems) f.details.push_back(o.tariff_file + ": " + p.to_string());
    return print_failure(o, err, f);
  }
  const rating::Tariff& t = *load.tariff;
  const auto zone = quote_start_zone(o.zone_of_start, t.zone());
  if (!zone) {
    return print_failure(o, err,
                         input_failure("zone_of_start",
                                       "--zone-of-start: unknown time "
                                       "zone: " +
                                           o.zone_of_start));
  }
  const QuoteStart read = read_quote_start(o.start, *zone, system_now());
  if (!read.clock_problem.empty()) {
    return print_failure(o, err, input_failure("start", "--start: " + read.clock_problem));
  }
  const auto& start = read.at;
  if (!start) {
    return print_failure(o, err,
                         input_failure("start",
                                       "--start: expected \"YYYY-MM-DD "
                                       "HH:MM[:SS]\" or now, not: " +
                                           o.start));
  }
  std::optional<Money> balance;
  if (o.balance) {
    balance = Money::parse(*o.balance);
    if (!balance) {
      return print_failure(o, err,
                           input_failure("balance",
                                         "--balance: not a decimal amount "
                                         "(e.g. 10.00): " +
                                             *o.balance));
    }
  }
  auto refused = [&](rating::Refusal r) {
    const bool unknown = r == rating::Refusal::unknown_destination;
    return print_failure(o, err,
                         Failure{unknown ? "not_found" : "invalid_argument",
                                 std::string(rating::to_string(r)) + ": " + o.number,
                                 "number",
                                 {},
                                 unknown ? 404 : 400,
                                 unknown ? ExitCode::not_found : ExitCode::refused});
  };
  const auto header = QuoteTariff::of(t);
  nlohmann::json doc;
  if (o.duration_s) {
    auto price = rating::price_call(t, o.number, *start, *o.duration_s);
    if (!price) return refused(price.refusal());
    doc = price_quote_json(header, o.number, *start, *price);
  } else {
    if (o.cap_s && (*o.cap_s < 1 || *o.cap_s > 86400))
      return print_failure(o, err, input_failure("cap_s", "--cap: must be 1..86400 seconds"));
    const std::uint32_t cap = o.cap_s.value_or(billing::kModuleDefaultMaxCallDuration_s);
    auto grant = rating::max_duration(t, o.number, *start, *balance, cap);
    if (!grant) return refused(grant.refusal());
    doc = grant_quote_json(header, o.number, *start, *balance, cap, !o.cap_s.has_value(), *grant);
  }
  if (o.json) {
    out << json_text(doc, 2) << "\n";
  } else {
    print_quote(doc, out);
  }
  return static_cast<int>(ExitCode::ok);
}

DirectCommand add_quote_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<QuoteOptions>();
  CLI::App* cmd = app.add_subcommand(
      "quote",
      "Price a call (--duration) or compute how long a balance lasts (--balance), from a tariff "
      "file (no database) or a stored tariff (--tariff-name)");
  cmd->fallthrough();
  CLI::Option* file = cmd->add_option("--tariff", options->tariff_file,
                                      "Tariff file (format: docs/tariff-file.md)");
  CLI::Option* name = cmd->add_option(
      "--tariff-name", options->tariff_name,
      "A tariff stored in the database (needs --as; the same as GET /v1/tariffs/{tariff}/quote)");
  file->excludes(name);
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
                  "With --balance: never grant more than this many seconds, 1..86400 (default "
                  "7200: rlm_prepaid's default max_call_duration, what a server configured by "
                  "default grants at most)")
      ->needs(balance);
  cmd->add_flag("--json", options->json, "Machine-readable output (amounts are decimal strings)");
  cmd->footer(
      std::string(
          "Example:\n"
          "  prepaidctl quote --tariff examples/tariffs/demo.tariff --number +359888123456 "
          "\\\n      --start \"2026-11-23 17:58:00\" --duration 300\n"
          "  prepaidctl quote --tariff examples/tariffs/demo.tariff --number 00447911123456 "
          "\\\n      --start \"2026-11-23 17:58:00\" --balance 10.00 --json\n"
          "  prepaidctl --as bob quote --tariff-name retail --number 00447911123456 --start now "
          "--duration 60\n\n") +
      exit_codes_help());
  return DirectCommand{cmd, [options, &ctx] {
                         const auto& o = *options;
                         if (o.tariff_file.empty() == o.tariff_name.empty()) {
                           return usage_error(o, ctx.err,
                                              "give exactly one of --tariff FILE and "
                                              "--tariff-name NAME");
                         }
                         if (o.duration_s.has_value() == o.balance.has_value()) {
                           return usage_error(o, ctx.err,
                                              "give exactly one of --duration and --balance");
                         }
                         if (!o.tariff_name.empty()) return run_stored_quote(o, ctx);
                         QuoteOptions file_options = o;
                         file_options.json = o.json || ctx.json;
                         return run_file_quote(file_options, ctx.out, ctx.err);
                       }};
}

}  // namespace prepaid::cli

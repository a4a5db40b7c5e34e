// Runs the real prepaidctl binary (`prepaidctl quote`) and checks its output and exit codes.
#include "admin-cli/commands/quote_command.h"

#include "admin-cli/command/failure.h"
#include "admin-cli/commands/quote_start.h"

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

const std::string kDemo = std::string(PREPAID_SOURCE_DIR) + "/examples/tariffs/demo.tariff";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs prepaidctl with `args` (already shell-quoted) and captures both streams.
Run prepaidctl(const std::string& args) {
  auto dir = std::filesystem::temp_directory_path();
  auto out = dir / ("prepaidctl_test_out_" + std::to_string(::getpid()));
  auto err = dir / ("prepaidctl_test_err_" + std::to_string(::getpid()));
  std::string command = std::string("'") + PREPAIDCTL_PATH + "' " + args + " >'" + out.string() +
                        "' 2>'" + err.string() + "'";
  int status = std::system(command.c_str());
  Run run;
  REQUIRE(WIFEXITED(status));
  run.exit_code = WEXITSTATUS(status);
  run.out = slurp(out);
  run.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return run;
}

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / (name + std::to_string(::getpid()));
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("quote --duration prints the cost, the spans and the rounding") {
  // Proves the README example: 17:58 + 300 s to a Bulgarian mobile is 2 day + 3 evening minutes.
  Run r = prepaidctl("quote --tariff '" + kDemo +
                     "' --number +359888123456 --start '2026-11-23 17:58:00' --duration 300");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Bulgaria Mobile A1 (prefix 35988)") != std::string::npos);
  CHECK(r.out.find("(base)       day        35988          0.18/60s 2026-11-23 17:58:00      120   "
                   "      0.36") != std::string::npos);
  CHECK(r.out.find("evening      evening    35988          0.12/60s 2026-11-23 18:00:00      180   "
                   "      0.36") != std::string::npos);
  CHECK(r.out.find("total (rounded up to 2 decimals)") != std::string::npos);
  CHECK(r.out.find("0.72 EUR") != std::string::npos);
}

TEST_CASE("quote --json gives machine-readable prices and grants") {
  // Proves the JSON fields, with amounts as decimal strings, for both modes.
  Run r =
      prepaidctl("quote --tariff '" + kDemo +
                 "' --number +359888123456 --start '2026-11-23 17:58:00' --duration 300 --json");
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["total"] == "0.72");
  CHECK(doc["billed_s"] == 300);
  CHECK(doc["start"] == "2026-11-23T15:58:00Z");
  REQUIRE(doc["spans"].size() == 2);
  CHECK(doc["spans"][0]["seconds"] == 120);
  CHECK(doc["spans"][1]["rule"] == "evening");
  CHECK(doc["spans"][1]["amount"] == "0.36");
  // UK mobile from 17:58 with 10.00: 2 day minutes at 0.15, then 97 evening minutes at 0.10.
  Run g =
      prepaidctl("quote --tariff '" + kDemo +
                 "' --number 00447911123456 --start '2026-11-23 17:58:00' --balance 10.00 --json");
  REQUIRE(g.exit_code == 0);
  auto grant = nlohmann::json::parse(g.out);
  CHECK(grant["granted_s"] == 5940);
  CHECK(grant["limited_by"] == "balance");
  CHECK(grant["price"] == "10.00");
}

TEST_CASE("quote --balance: the issue's example and --zone-of-start") {
  // Proves 0.60/min 60/60 grants 960 s for 10.00, the cap, and a start read in UTC.
  std::string tariff =
      write_temp("quote_test_tariff",
                 "[tariff]\nname = flat\ncurrency = EUR\nzone = Europe/Sofia\nbase = day\n"
                 "[pricelist day]\nprefix,destination,rate\n44,UK,0.60\n"
                 "[pricelist night]\nprefix,destination,rate\n44,UK,0.06\n"
                 "[rule night]\npricelist = night\ntime = 22:00-06:00\n");
  Run r = prepaidctl("quote --tariff '" + tariff +
                     "' --number 44 --start '2026-11-23 12:00' --balance 10.00");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Granted:     960 s (0:16:00)") != std::string::npos);
  CHECK(r.out.find("Price:       9.60 EUR") != std::string::npos);
  Run capped =
      prepaidctl("quote --tariff '" + tariff +
                 "' --number 44 --start '2026-11-23 12:00' --balance 10.00 --cap 90 --json");
  CHECK(nlohmann::json::parse(capped.out)["granted_s"] == 90);
  CHECK(nlohmann::json::parse(capped.out)["limited_by"] == "cap");
  // 20:30 UTC is 22:30 in Sofia: the night rate.
  Run utc = prepaidctl("quote --tariff '" + tariff +
                       "' --number 44 --start '2026-11-23 20:30:00' --zone-of-start utc "
                       "--duration 60 --json");
  CHECK(nlohmann::json::parse(utc.out)["total"] == "0.06");
  Run local = prepaidctl("quote --tariff '" + tariff +
                         "' --number 44 --start '2026-11-23 20:30:00' --duration 60 --json");
  CHECK(nlohmann::json::parse(local.out)["total"] == "0.60");
  std::filesystem::remove(tariff);
}

TEST_CASE(
    "quote --balance caps a grant like a server with the default configuration, and says so") {
  // Proves the simulator's default cap is rlm_prepaid's default max_call_duration (7,200 s,
  // read from radius-module/rlm_prepaid.c, not 86,400): a balance that buys a day is granted
  // what the server would grant, and the output names the cap and where it comes from.
  std::ifstream module(std::string(PREPAID_SOURCE_DIR) + "/radius-module/rlm_prepaid.c");
  std::stringstream source;
  source << module.rdbuf();
  const std::string text = source.str();
  const auto option = text.find("{\"max_call_duration\"");
  REQUIRE(option != std::string::npos);
  const auto value = text.find('"', text.find("),", option) + 2);
  CHECK(text.substr(value, 6) == "\"7200\"");  // the module's default, which the quote follows

  std::string tariff = write_temp("quote_cap_tariff",
                                  "[tariff]\nname = cheap\ncurrency = EUR\nzone = UTC\nbase = day\n"
                                  "[pricelist day]\nprefix,destination,rate\n44,UK,0.01\n");
  Run r = prepaidctl("quote --tariff '" + tariff +
                     "' --number 44 --start '2026-11-23 12:00' --balance 100.00 --json");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto grant = nlohmann::json::parse(r.out);
  CHECK(grant["granted_s"] == 7200);  // 100.00 would buy 10,000 minutes
  CHECK(grant["cap_s"] == 7200);
  CHECK(grant["cap_origin"] == "server_default");
  CHECK(grant["limited_by"] == "cap");
  Run readable = prepaidctl("quote --tariff '" + tariff +
                            "' --number 44 --start '2026-11-23 12:00' --balance 100.00");
  CHECK(readable.out.find("Cap:         7200 s: rlm_prepaid's default max_call_duration") !=
        std::string::npos);
  CHECK(readable.out.find("Granted:     7200 s (2:00:00)") != std::string::npos);
  CHECK(readable.out.find("Limited by:  the cap (7200 s)") != std::string::npos);
  Run asked = prepaidctl("quote --tariff '" + tariff +
                         "' --number 44 --start '2026-11-23 12:00' --balance 100.00 --cap 86400");
  CHECK(asked.out.find("Cap:         86400 s (as asked)") != std::string::npos);
  CHECK(asked.out.find("Granted:     86400 s") != std::string::npos);
  Run zero = prepaidctl("quote --tariff '" + tariff +
                        "' --number 44 --start '2026-11-23 12:00' --balance 1.00 --cap 0");
  CHECK(zero.exit_code == 1);
  CHECK(zero.err.find("--cap: must be 1..86400 seconds") != std::string::npos);
  std::filesystem::remove(tariff);
}

TEST_CASE("errors: bad files name line and field; refusals and usage have their exit codes") {
  // Proves the exit codes (1 invalid input, 2 usage, 3 not found) and their messages.
  std::string bad = write_temp("quote_test_bad",
                               "[tariff]\nname = x\ncurrency = EUX\nzone = UTC\nbase = day\n"
                               "[pricelist day]\nprefix,destination,rate\n44,UK,0,5\n");
  Run r = prepaidctl("quote --tariff '" + bad + "' --number 44 --start now --duration 60");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("line 3, currency: not an active ISO 4217 code (e.g. EUR): EUX") !=
        std::string::npos);
  CHECK(r.err.find("line 8: expected 3 fields, found 4") != std::string::npos);
  Run j = prepaidctl("quote --tariff '" + bad + "' --number 44 --start now --duration 60 --json");
  CHECK(j.exit_code == 1);
  const auto error = nlohmann::json::parse(j.err)["error"];
  CHECK(error["field"] == "tariff");
  CHECK(error["details"][0].get<std::string>().find("line 3, currency:") != std::string::npos);
  std::filesystem::remove(bad);
  Run unknown = prepaidctl("quote --tariff '" + kDemo + "' --number 999 --start now --duration 60");
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.err.find("UNKNOWN_DESTINATION") != std::string::npos);
  Run malformed =
      prepaidctl("quote --tariff '" + kDemo + "' --number 44x --start now --duration 60");
  CHECK(malformed.exit_code == 1);
  CHECK(malformed.err.find("MALFORMED_NUMBER") != std::string::npos);
  Run start =
      prepaidctl("quote --tariff '" + kDemo + "' --number 44 --start 'tomorrow' --duration 60");
  CHECK(start.exit_code == 1);
  CHECK(start.err.find("--start") != std::string::npos);
  Run both = prepaidctl("quote --tariff '" + kDemo +
                        "' --number 44 --start now --duration 60 --balance 1");
  CHECK(both.exit_code == 2);
  Run neither = prepaidctl("quote --tariff '" + kDemo + "' --number 44 --start now");
  CHECK(neither.exit_code == 2);
  CHECK(neither.err.find("exactly one of --duration and --balance") != std::string::npos);
  Run money = prepaidctl("quote --tariff '" + kDemo + "' --number 44 --start now --balance 1,50");
  CHECK(money.exit_code == 1);
  Run missing = prepaidctl("quote --tariff /no/such/file --number 44 --start now --duration 1");
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("cannot read /no/such/file") != std::string::npos);
}

TEST_CASE("a --start the clocks skipped or showed twice is refused, naming the offsets") {
  // Proves how quote reads Europe/Sofia's DST changes: 03:30 on 2026-03-29 never happened and
  // 03:30 on 2026-10-25 happened twice, so both are refused (exit 1, field start) with the
  // readings to write instead; with an offset, or in UTC, the same times are quoted.
  const std::string quote =
      "quote --tariff '" + kDemo + "' --number +359888123456 --duration 60 --start ";
  Run skipped = prepaidctl(quote + "'2026-03-29 03:30'");
  INFO(skipped.out << skipped.err);
  CHECK(skipped.exit_code == 1);
  CHECK(skipped.err.find("--start: 2026-03-29 03:30:00 does not exist in Europe/Sofia: the "
                         "clocks went from 03:00 EET straight to 04:00 EEST; give a time they "
                         "showed, or add the offset you mean (2026-03-29 03:30:00+02:00 is "
                         "04:30:00 EEST)") != std::string::npos);
  Run repeated = prepaidctl(quote + "'2026-10-25T03:30:00' --json");
  INFO(repeated.err);
  CHECK(repeated.exit_code == 1);
  const auto error = nlohmann::json::parse(repeated.err)["error"];
  CHECK(error["field"] == "start");
  CHECK(error["message"] ==
        "--start: 2026-10-25 03:30:00 occurs twice in Europe/Sofia: the clocks went back from "
        "04:00 EEST to 03:00 EET; add the offset you mean: 2026-10-25 03:30:00+03:00 (EEST, the "
        "first, 2026-10-25 00:30:00 UTC) or 2026-10-25 03:30:00+02:00 (EET, the second, "
        "2026-10-25 01:30:00 UTC)");
  auto start_of = [&](const std::string& start) {
    Run r = prepaidctl(quote + start + " --json");
    INFO(start << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["start"].get<std::string>();
  };
  CHECK(start_of("'2026-10-25 03:30:00+03:00'") == "2026-10-25T00:30:00Z");
  CHECK(start_of("'2026-10-25 03:30:00+02:00'") == "2026-10-25T01:30:00Z");
  CHECK(start_of("'2026-03-29 03:30:00+02:00'") == "2026-03-29T01:30:00Z");
  CHECK(start_of("'2026-03-29 04:00'") == "2026-03-29T01:00:00Z");
  CHECK(start_of("'2026-03-29 02:59:59'") == "2026-03-29T00:59:59Z");
  CHECK(start_of("'2026-10-25 04:00'") == "2026-10-25T02:00:00Z");
  CHECK(start_of("'2026-03-29 03:30' --zone-of-start utc") == "2026-03-29T03:30:00Z");
}

TEST_CASE("a --start date alone is the first instant of that day, even where midnight is skipped") {
  // Proves quote reads a date as every prepaidctl command does (instant_text.h): the start of
  // the day, which exists once. America/Santiago's clocks go from 24:00 to 01:00 on 2026-09-06
  // (the date was refused as a skipped midnight); its 00:30 is still refused.
  const std::string quote = "quote --tariff '" + kDemo +
                            "' --number +359888123456 --duration 60 --json --zone-of-start "
                            "America/Santiago --start ";
  Run day = prepaidctl(quote + "2026-09-06");
  INFO(day.err);
  REQUIRE(day.exit_code == 0);
  CHECK(nlohmann::json::parse(day.out)["start"] == "2026-09-06T04:00:00Z");
  Run gap = prepaidctl(quote + "'2026-09-06 00:30'");
  CHECK(gap.exit_code == 1);
  CHECK(nlohmann::json::parse(gap.err)["error"]["message"].get<std::string>().find(
            "--start: 2026-09-06 00:30:00 does not exist in America/Santiago") == 0);
}

TEST_CASE("the API's start reader refuses skipped and repeated readings with field start") {
  // Proves parse_quote_start, which GET /v1/tariffs/{tariff}/quote uses: malformed text is left
  // to the caller (nullopt), a skipped or repeated reading throws InputError("start") with the
  // same explanation as the CLI, and offsets or unique readings give their instant.
  using prepaid::cli::InputError;
  using prepaid::cli::parse_quote_start;
  const auto sofia = *prepaid::rating::TimeZone::locate("Europe/Sofia");
  const prepaid::rating::Instant now{};
  CHECK_FALSE(parse_quote_start("tomorrow", sofia, now).has_value());
  try {
    (void)parse_quote_start("2026-10-25 03:30", sofia, now);
    FAIL("a repeated reading was accepted");
  } catch (const InputError& e) {
    CHECK(e.field() == "start");
    CHECK(std::string(e.what()).find("start: 2026-10-25 03:30:00 occurs twice in Europe/Sofia") ==
          0);
  }
  CHECK_THROWS_AS((void)parse_quote_start("2026-03-29 03:00", sofia, now), InputError);
  CHECK(parse_quote_start("2026-10-25 03:30+02:00", sofia, now) ==
        *prepaid::rating::TimeZone::utc().from_local(2026, 10, 25, 5400));
  CHECK(parse_quote_start("now", sofia, now) == now);
}

TEST_CASE("--help documents the start zone, an example and the exit codes") {
  // Proves the help text a user sees.
  Run r = prepaidctl("quote --help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("TARIFF'S time zone") != std::string::npos);
  CHECK(r.out.find("Example:") != std::string::npos);
  CHECK(r.out.find("Exit codes: 0 ok") != std::string::npos);
  Run top = prepaidctl("--help");
  CHECK(top.exit_code == 0);
  CHECK(top.out.find("quote") != std::string::npos);
  CHECK(prepaidctl("").exit_code == 2);
}

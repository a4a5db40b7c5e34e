#include "rating/tariff_file.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <random>

#include "rating/pricing.h"

using namespace prepaid::rating;

namespace {

const std::filesystem::path kExamples =
    std::filesystem::path(PREPAID_SOURCE_DIR) / "examples" / "tariffs";

std::string problems_text(const std::vector<InputProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

/// Parses text expected to be bad; returns its problems as text.
std::string problems_of(const std::string& text) {
  TariffLoad load = parse_tariff_text(text, kExamples);
  CHECK_FALSE(load.tariff);
  return problems_text(load.problems);
}

const char* kMinimal =
    "[tariff]\nname = t\ncurrency = EUR\nzone = UTC\nbase = day\n"
    "[pricelist day]\nprefix,destination,rate\n44,UK,0.10\n";

void check_same(const Tariff& a, const Tariff& b) {
  CHECK(a.name() == b.name());
  CHECK(a.currency() == b.currency());
  CHECK(a.zone() == b.zone());
  CHECK(a.base_price_list() == b.base_price_list());
  CHECK(a.rounding() == b.rounding());
  CHECK(a.number_plan() == b.number_plan());
  CHECK(a.rules() == b.rules());
  CHECK(a.holidays() == b.holidays());
  REQUIRE(a.price_lists().size() == b.price_lists().size());
  for (const auto& [name, deck] : a.price_lists()) {
    REQUIRE(b.price_list(name) != nullptr);
    CHECK(b.price_list(name)->rates() == deck->rates());
  }
}

}  // namespace

TEST_CASE("the demo tariff loads with its files, inline list, rules and holidays") {
  // Proves the documented example parses into the expected tariff.
  TariffLoad load = load_tariff_file(kExamples / "demo.tariff");
  REQUIRE_MESSAGE(load.tariff, problems_text(load.problems));
  const Tariff& t = *load.tariff;
  CHECK(t.name() == "demo-call-shop");
  CHECK(t.currency().code() == "EUR");
  CHECK(t.zone().name() == "Europe/Sofia");
  CHECK(t.rounding() == Rounding{RoundingMethod::up, 2});
  CHECK(t.number_plan().international_prefix == "00");
  CHECK(t.base_price_list() == "day");
  CHECK(t.price_lists().size() == 4);
  CHECK(t.price_list("day")->find("882")->destination == "International Networks, Satellite");
  CHECK(t.price_list("holiday")->find("44")->increment_s == 6);
  REQUIRE(t.rules().size() == 3);
  CHECK(t.rules()[0].time.to_string() == "18:00-08:00");
  CHECK(t.rules()[0].weekdays.to_string() == "mon-fri");
  CHECK(t.rules()[2].on_holidays);
  CHECK(t.holidays().size() == 12);
  CHECK(t.holidays()[11].name == "Easter Monday");
  // The README's example: Monday 17:58, 5 minutes to a Bulgarian mobile.
  Instant start = *t.zone().from_local(2026, 11, 23, 17 * 3600 + 58 * 60);
  auto price = price_call(t, "+359888123456", start, 300);
  REQUIRE(price);
  CHECK(price->total == Money::parse("0.72"));  // 2 × 0.18 + 3 × 0.12
}

TEST_CASE("format_tariff_text round-trips, compactly") {
  // Proves parse(format(t)) equals t for the demo and for a restricted snapshot.
  TariffLoad load = load_tariff_file(kExamples / "demo.tariff");
  REQUIRE(load.tariff);
  std::string text = format_tariff_text(*load.tariff);
  TariffLoad again = parse_tariff_text(text);
  REQUIRE_MESSAGE(again.tariff, (problems_text(again.problems) + text));
  check_same(*load.tariff, *again.tariff);
  CHECK(format_tariff_text(*again.tariff) == text);
  Tariff small = load.tariff->restricted_to("359888123456");
  std::string snapshot = format_tariff_text(small);
  CHECK(snapshot.size() < 1200);
  TariffLoad small_again = parse_tariff_text(snapshot);
  REQUIRE_MESSAGE(small_again.tariff, (problems_text(small_again.problems) + snapshot));
  check_same(small, *small_again.tariff);
}

TEST_CASE("bad values name their line and key") {
  // Proves one specific message per bad key, with the right line numbers.
  std::string text =
      "[tariff]\n"                 // 1
      "name = t\n"                 // 2
      "currency = EURO\n"          // 3
      "zone = Mars/Olympus\n"      // 4
      "rounding = sideways\n"      // 5
      "rounding_decimals = 9\n"    // 6
      "base = nope\n"              // 7
      "colour = red\n"             // 8
      "[pricelist day]\n"          // 9
      "prefix,destination,rate\n"  // 10
      "44,UK,0,10\n"               // 11
      "33,France,abc\n"            // 12
      "[rule evening]\n"           // 13
      "pricelist = evening\n"      // 14
      "weekdays = mon-fry\n"       // 15
      "time = 18:00\n"             // 16
      "holidays = maybe\n"         // 17
      "priority = high\n"          // 18
      "[holidays]\n"               // 19
      "12-32 = Nope\n";            // 20
  std::string problems = problems_of(text);
  INFO(problems);
  for (const char* expected :
       {"line 3, currency: not an active ISO 4217 code (e.g. EUR): EURO",
        "line 4, zone: not an IANA time zone (e.g. Europe/Sofia): Mars/Olympus",
        "line 5, rounding: expected up, down, half-up or half-even, not: sideways",
        "line 6, rounding_decimals: expected 0 to 6, not: 9",
        "line 7, base: no [pricelist nope] in this file", "line 8, colour: unknown key in [tariff]",
        "line 11: expected 3 fields, found 4", "line 12, rate: not a decimal amount",
        "line 14, pricelist: no [pricelist evening] in this file",
        "line 15, weekdays: expected e.g. mon-fri", "line 16, time: expected HH:MM[:SS]-HH:MM[:SS]",
        "line 17, holidays: expected yes or no, not: maybe",
        "line 18, priority: expected a whole number, not: high",
        "line 20, 12-32: expected a date"}) {
    CHECK_MESSAGE(problems.find(expected) != std::string::npos, expected);
  }
}

TEST_CASE("a time range says what it accepts, seconds included, and refuses equal ends") {
  // Proves the time key's message names the HH:MM:SS form it accepts, that seconds parse, and
  // that 10:00-10:00 is refused (not silently the whole day) with the whole-day form to use.
  const std::string rule = std::string(kMinimal) + "[rule r]\npricelist = day\ntime = ";
  std::string bad = problems_of(rule + "25:00-06:00\n");
  CHECK(bad.find("line 11, time: expected HH:MM[:SS]-HH:MM[:SS] (e.g. 18:00-08:00, "
                 "08:30:15-12:00, 00:00-24:00; 24:00 only as the end), not: 25:00-06:00") !=
        std::string::npos);
  std::string same = problems_of(rule + "10:00-10:00\n");
  CHECK(same.find("line 11, time: 10:00-10:00 ends where it starts") != std::string::npos);
  CHECK(same.find("00:00-24:00") != std::string::npos);
  TariffLoad seconds = parse_tariff_text(rule + "08:30:15-12:00:30\n");
  REQUIRE_MESSAGE(seconds.tariff, problems_text(seconds.problems));
  CHECK(seconds.tariff->rules()[0].time.to_string() == "08:30:15-12:00:30");
}

TEST_CASE("structural problems: sections, duplicates, missing keys and files") {
  // Proves the messages for broken structure.
  CHECK(problems_of("name = x\n").find("line 1, name: key outside any section") !=
        std::string::npos);
  CHECK(problems_of("[tarif]\n").find("line 1, [tarif]: unknown section") != std::string::npos);
  std::string missing = problems_of("[tariff]\nname = t\n");
  CHECK(missing.find("line 1, currency: required key missing from [tariff]") != std::string::npos);
  CHECK(missing.find("line 1, zone: required key missing") != std::string::npos);
  CHECK(missing.find("line 1, base: required key missing") != std::string::npos);
  std::string twice = problems_of(std::string(kMinimal) + "[pricelist day]\nfile = day.csv\n");
  CHECK(twice.find("line 9, [pricelist day]: defined twice (first on line 6)") !=
        std::string::npos);
  std::string dup_key = problems_of(
      "[tariff]\nname = t\nname = u\ncurrency = EUR\nzone = UTC\nbase = day\n"
      "[pricelist day]\nprefix,destination,rate\n");
  CHECK(dup_key.find("line 3, name: given twice (first on line 2)") != std::string::npos);
  std::string no_file = problems_of(
      "[tariff]\nname = t\ncurrency = EUR\nzone = UTC\nbase = day\n[pricelist day]\n"
      "file = no-such.csv\n");
  CHECK(no_file.find("line 7, file: cannot read") != std::string::npos);
  std::string garbage = problems_of(std::string(kMinimal) + "[rule r]\npricelist = day\njunk\n");
  CHECK(garbage.find("line 11: expected `key = value`") != std::string::npos);
  CHECK(problems_of(std::string(kMinimal) + "[pricelist empty]\n")
            .find("line 9, [pricelist empty]: empty") != std::string::npos);
}

TEST_CASE("problems inside a price-list file name the file key, the file's line and column") {
  // Proves nested CSV errors are reported through the `file =` line.
  auto dir = std::filesystem::temp_directory_path() / "prepaid_tariff_file_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "bad.csv");
    out << "prefix,destination,rate\n44,UK,0.1\n44,UK again,0.2\n";
  }
  TariffLoad load = parse_tariff_text(
      "[tariff]\nname = t\ncurrency = EUR\nzone = UTC\nbase = day\n[pricelist day]\n"
      "file = bad.csv\n",
      dir);
  CHECK_FALSE(load.tariff);
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].to_string() ==
        "line 7, file: bad.csv line 3, prefix: duplicate prefix 44 (first on line 2)");
  std::filesystem::remove_all(dir);
}

TEST_CASE("text without a base directory never reads a local file") {
  // Proves that tariff text from a client or a database cannot make the process read files:
  // a `file =` reference is refused (naming the line and key) unless a base directory is given.
  auto dir = std::filesystem::temp_directory_path() / "prepaid_tariff_file_refs";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "day.csv");
    out << "prefix,destination,rate\n44,UK,0.10\n";
  }
  const std::string text =
      "[tariff]\nname = t\ncurrency = EUR\nzone = UTC\nbase = day\n[pricelist day]\n"
      "file = " +
      (dir / "day.csv").string() + "\n";
  TariffLoad untrusted = parse_tariff_text(text);
  CHECK_FALSE(untrusted.tariff);
  REQUIRE(untrusted.problems.size() == 1);
  CHECK(untrusted.problems[0].line == 7);
  CHECK(untrusted.problems[0].field == "file");
  CHECK(untrusted.problems[0].reason.find("allowed only in a tariff file read from disk") !=
        std::string::npos);

  // The same reference from a file on disk, even named relative to the working directory, loads.
  {
    std::ofstream out(dir / "t.tariff");
    out << "[tariff]\nname = t\ncurrency = EUR\nzone = UTC\nbase = day\n[pricelist day]\n"
           "file = day.csv\n";
  }
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  TariffLoad from_disk = load_tariff_file("t.tariff");
  std::filesystem::current_path(cwd);
  REQUIRE_MESSAGE(from_disk.tariff, problems_text(from_disk.problems));
  CHECK(from_disk.tariff->price_list("day")->find("44") != nullptr);
  std::filesystem::remove_all(dir);
}

TEST_CASE("comments, CRLF and the number plan") {
  // Proves '#' comments (whole-line and after a blank), CRLF line ends and international_prefix.
  std::string text =
      "# header comment\r\n[tariff]\r\nname = t # trailing\r\ncurrency = USD\r\nzone = "
      "America/New_York\r\ninternational_prefix = 011\r\nbase = day\r\n\r\n[pricelist day]\r\n"
      "# rows follow\r\nprefix,destination,rate\r\n01144,UK,0.10\r\n";
  TariffLoad load = parse_tariff_text(text);
  REQUIRE_MESSAGE(load.tariff, problems_text(load.problems));
  CHECK(load.tariff->name() == "t");
  CHECK(load.tariff->number_plan().international_prefix == "011");
  CHECK(load.tariff->price_list("day")->find("44") != nullptr);
  CHECK(price_call(*load.tariff, "011447", Instant{}, 60)->total == Money::parse("0.10"));
}

TEST_CASE("mangled tariff files never crash the parser and always get an answer") {
  // Proves the invariant on random edits of the demo: a tariff exactly when there are no
  // problems, and each problem has a reason.
  std::ifstream in(kExamples / "demo.tariff");
  std::string demo((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(!demo.empty());
  std::mt19937_64 rng(23);
  const char alphabet[] = "[]=#,\n -0123456789abz:";
  for (int round = 0; round < 400; ++round) {
    std::string text = demo;
    for (int edits = 0; edits < 1 + static_cast<int>(rng() % 4); ++edits) {
      std::size_t at = rng() % text.size();
      if (rng() % 2) {
        text.erase(at, 1 + rng() % 8);
      } else {
        text.insert(at, 1, alphabet[rng() % (sizeof(alphabet) - 1)]);
      }
    }
    TariffLoad load = parse_tariff_text(text, kExamples);
    CHECK((load.tariff != nullptr) == load.problems.empty());
    for (const auto& p : load.problems) CHECK_FALSE(p.reason.empty());
  }
}

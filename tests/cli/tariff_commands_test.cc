// Tariffs, price lists, rates, rules, holidays and quotes through the real prepaidctl binary.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli_fixtures.h"
#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::kDayDeck;
using prepaid::cli::testing::make_cards;
using prepaid::cli::testing::make_tariff;
using prepaid::cli::testing::ServeProcess;

TEST_CASE("a price list import is checked whole: bad lines are all listed and nothing changes") {
  // Proves import/export/list of decks, and the all-or-nothing refusal of a broken CSV.
  CliWorld world;
  make_tariff(world);
  const auto lists = world.ok({"pricelists", "list", "retail"});
  REQUIRE(lists["lists"].size() == 1);
  CHECK(lists["lists"][0]["name"] == "day");
  CHECK(lists["lists"][0]["rates"] == 3);

  const auto before = world.fingerprint();
  const std::string broken =
      "prefix,destination,rate\n"
      "44,United Kingdom,0.12\n"
      "4x,Bad prefix,0.10\n"
      "33,France,0,10\n"
      "49,Germany,abc\n";
  const auto refused = world.as("admin", {"pricelists", "import", "retail", "day", "-"}, broken);
  CHECK(refused.exit_code == 1);
  const auto error = json::parse(refused.err)["error"];
  CHECK(error["code"] == "invalid_argument");
  REQUIRE(error["details"].size() == 3);
  CHECK(error["details"][0].get<std::string>().find("line 3") != std::string::npos);
  CHECK(error["details"][1].get<std::string>().find("line 4") != std::string::npos);
  CHECK(error["details"][2].get<std::string>().find("line 5") != std::string::npos);
  CHECK(world.fingerprint() == before);

  // The readable error lists the lines too; the import reports progress on stderr.
  const auto readable =
      world.run({"--as", "admin", "pricelists", "import", "retail", "day", "-"}, broken);
  CHECK(readable.err.find("line 4") != std::string::npos);
  const auto progress =
      world.run({"--as", "admin", "pricelists", "import", "retail", "evening", "-"}, kDayDeck);
  CHECK(progress.exit_code == 0);
  CHECK(progress.err.find("read standard input: 4 lines") != std::string::npos);
  CHECK(progress.err.find("done in") != std::string::npos);
  CHECK(progress.err.find("lines read: 4 of 4 (100 %)") != std::string::npos);
  CHECK(progress.err.find("rates written: 3 of 3 (100 %)") != std::string::npos);
  // Under --json stderr stays clean for the JSON error, unless --progress asks for the counts.
  const auto quiet = world.run(
      {"--as", "admin", "--json", "pricelists", "import", "retail", "evening", "-"}, kDayDeck);
  CHECK(quiet.exit_code == 0);
  if (!::isatty(2)) CHECK(quiet.err.empty());  // (a terminal on fd 2 gets progress anyway)
  const auto asked = world.run(
      {"--as", "admin", "--json", "--progress", "pricelists", "import", "retail", "evening", "-"},
      kDayDeck);
  CHECK(asked.exit_code == 0);
  CHECK(asked.err.find("rates written: 3 of 3 (100 %)") != std::string::npos);
  CHECK(json::parse(asked.out)["rates"] == 3);

  // Export then import gives the same rates back.
  const auto csv = world.run({"--as", "admin", "pricelists", "export", "retail", "day"});
  REQUIRE(csv.exit_code == 0);
  const auto rates = world.ok({"rates", "list", "retail", "day"});
  world.ok({"pricelists", "import", "retail", "copy", "-"}, "admin", csv.out);
  CHECK(world.ok({"rates", "list", "retail", "copy"})["rates"] == rates["rates"]);
  world.ok({"pricelists", "remove", "retail", "copy"});
  CHECK(world.as("admin", {"pricelists", "remove", "retail", "day"}).exit_code != 0);  // base list
}

TEST_CASE("rates, rules and holidays: set, list, remove; a quote sees them") {
  // Proves the single-item tariff commands and the stored-tariff quote.
  CliWorld world;
  make_tariff(world);
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto set =
      world.ok({"rates", "set", "retail", "day", "4420", "--destination", "London", "--rate",
                "0.0123", "--first-increment-s", "30", "--increment-s", "6"});
  CHECK(set["rate"] == "0.0123");
  CHECK(set["first_increment_s"] == 30);
  CHECK(world.ok({"rates", "list", "retail", "day", "--prefix", "442"})["rates"].size() == 1);
  world.ok({"rates", "remove", "retail", "day", "4420"});
  CHECK(world.ok({"rates", "list", "retail", "day", "--prefix", "442"})["rates"].empty());
  CHECK(
      world.as("bob", {"rates", "set", "retail", "day", "33", "--destination", "F", "--rate", "1"})
          .exit_code == 4);

  world.ok({"pricelists", "import", "retail", "evening", "-"}, "admin",
           "prefix,destination,rate\n44,United Kingdom,0.05\n");
  const auto rule = world.ok({"rules", "add", "retail", "evening", "--price-list", "evening",
                              "--weekdays", "mon-fri", "--time", "18:00-08:00"});
  CHECK(rule["time"] == "18:00-08:00");
  CHECK(world.ok({"rules", "list", "retail"})["rules"].size() == 1);
  CHECK(world
            .as("admin", {"rules", "add", "retail", "bad", "--price-list", "evening", "--time",
                          "25:00-26:00"})
            .exit_code == 1);
  const auto holiday = world.ok({"holidays", "add", "retail", "12-25", "--name", "Christmas"});
  CHECK(holiday["date"] == "12-25");
  CHECK(world.ok({"holidays", "list", "retail"})["holidays"].size() == 1);
  CHECK(world.as("admin", {"holidays", "add", "retail", "02-30"}).exit_code == 1);

  // Monday 2026-11-23 17:58 in Sofia: 2 minutes of day rate, then the evening rule.
  const auto quote = world.ok({"quote", "--tariff-name", "retail", "--number", "+4420", "--start",
                               "2026-11-23 17:58:00", "--duration", "300"},
                              "bob");
  CHECK(quote["total"] == "0.35");  // 2 × 0.10 + 3 × 0.05
  REQUIRE(quote["spans"].size() == 2);
  CHECK(quote["spans"][1]["rule"] == "evening");
  const auto grant = world.ok({"quote", "--tariff-name", "retail", "--number", "44", "--start",
                               "2026-11-23 12:00", "--balance", "1.00"},
                              "bob");
  CHECK(grant["granted_s"] == 600);
  const auto readable = world.run({"--as", "bob", "quote", "--tariff-name", "retail", "--number",
                                   "44", "--start", "2026-11-23 12:00", "--duration", "60"});
  CHECK(readable.out.find("total (rounded up to 2 decimals)") != std::string::npos);
  CHECK(world
            .as("bob", {"quote", "--tariff-name", "retail", "--number", "999", "--start", "now",
                        "--duration", "60"})
            .exit_code == 3);  // UNKNOWN_DESTINATION

  world.ok({"rules", "remove", "retail", "evening"});
  world.ok({"holidays", "remove", "retail", "12-25"});
  CHECK(world.ok({"rules", "list", "retail"})["rules"].empty());
  CHECK(world.ok({"holidays", "list", "retail"})["holidays"].empty());
  CHECK(world.as("admin", {"holidays", "remove", "retail", "12-25"}).exit_code == 3);
}

TEST_CASE("tariffs: create, update, list, and whole tariff files out and back in") {
  // Proves the tariff header commands and the tariff-file round trip (file lists inlined).
  CliWorld world;
  make_tariff(world);
  CHECK(world
            .as("admin",
                {"tariffs", "create", "retail", "--currency", "EUR", "--base-price-list", "day"})
            .exit_code == 5);
  CHECK(world.run({"--as", "admin", "tariffs", "create", "t2", "--currency", "EUR"}).exit_code ==
        2);  // no base list: a usage error
  const auto updated = world.ok({"tariffs", "update", "retail", "--rounding-method", "half-up"});
  CHECK(updated["rounding_method"] == "half-up");
  const auto version = updated["version"].get<std::int64_t>();

  const auto text = world.run({"--as", "admin", "tariffs", "export", "retail"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("[tariff]") != std::string::npos);
  const auto again = world.ok({"tariffs", "import", "-"}, "admin", text.out);
  CHECK(again["name"] == "retail");
  CHECK(again["version"].get<std::int64_t>() > version);
  CHECK(world.ok({"tariffs", "list"})["tariffs"].size() == 1);

  // A tariff file whose price list is another file: the CLI sends it inline.
  const auto dir =
      std::filesystem::temp_directory_path() / ("tariff_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "deck.csv") << kDayDeck;
  std::ofstream(dir / "shop.tariff") << "[tariff]\nname = shop\ncurrency = EUR\nzone = UTC\n"
                                        "base = day\n\n[pricelist day]\nfile = deck.csv\n";
  const auto shop = world.ok({"tariffs", "import", (dir / "shop.tariff").string()});
  CHECK(shop["name"] == "shop");
  CHECK(world.ok({"pricelists", "list", "shop"})["lists"][0]["rates"] == 3);
  std::filesystem::remove_all(dir);

  const auto before = world.fingerprint();
  const auto bad =
      world.as("admin", {"tariffs", "import", "-"}, "[tariff]\nname = x\ncurrency = EUX\n");
  CHECK(bad.exit_code == 1);
  CHECK(world.fingerprint() == before);
}

TEST_CASE(
    "SQL metacharacters are data: refused where a name is expected, stored verbatim elsewhere") {
  // Proves that quotes, semicolons and comments never reach SQL as code.
  CliWorld world;
  make_tariff(world);
  make_cards(world, 1);
  const auto before = world.fingerprint();
  CHECK(world.as("admin", {"cards", "list", "--prefix", "1' OR '1'='1"}).exit_code == 1);
  CHECK(world.as("admin", {"cards", "show", "1 OR 1=1"}).exit_code != 0);
  CHECK(world.ok({"audit", "list", "--actor", "x' OR '1'='1"})["entries"].empty());
  CHECK(world.fingerprint() == before);

  // Tariff names are labels (docs/labels.md): this one is refused, naming the field.
  const std::string evil = "x'; DROP TABLE card; --";
  const auto refused = world.as(
      "admin", {"tariffs", "create", evil, "--currency", "EUR", "--base-price-list", "day"});
  CHECK(refused.exit_code == 1);
  CHECK(json::parse(refused.err)["error"]["field"] == "name");
  CHECK(world.fingerprint() == before);
  CHECK(world.ok({"cards", "list"})["total"] == 1);  // the card table is still there

  const std::string name = "O'Brien \"Ltd\"; DROP TABLE rate; -- \\";
  world.ok({"rates", "set", "retail", "day", "3531", "--destination", name, "--rate", "0.30"});
  const auto rates = world.ok({"rates", "list", "retail", "day", "--prefix", "3531"});
  REQUIRE(rates["rates"].size() == 1);
  CHECK(rates["rates"][0]["destination"] == name);
  make_cards(world, 1, "retail", {"--note", "'; DELETE FROM card; --"});
  CHECK(world.ok({"batches", "list"})["batches"][0]["note"] == "'; DELETE FROM card; --");
  CHECK(world.ok({"cards", "list"})["total"] == 2);
}

TEST_CASE("a whole-day rule reads 'all day' in the tables; its JSON keeps the range") {
  // Proves rules list and rules add show a rule without a time range as "all day" instead of
  // a range, while --json keeps the documented "time" text (00:00-24:00).
  CliWorld world;
  make_tariff(world);
  world.ok({"pricelists", "import", "retail", "weekend", "-"}, "admin",
           "prefix,destination,rate\n44,United Kingdom,0.05\n");
  const auto added = world.run({"--as", "admin", "rules", "add", "retail", "weekend",
                                "--price-list", "weekend", "--weekdays", "sat,sun"});
  REQUIRE(added.exit_code == 0);
  CHECK(added.out.find("all day") != std::string::npos);
  CHECK(added.out.find("00:00-00:00") == std::string::npos);
  world.ok(
      {"rules", "add", "retail", "evening", "--price-list", "weekend", "--time", "18:00-08:00"});
  const auto table = world.run({"--as", "admin", "rules", "list", "retail"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("all day") != std::string::npos);
  CHECK(table.out.find("00:00-00:00") == std::string::npos);
  CHECK(table.out.find("18:00-08:00") != std::string::npos);
  const auto rules = world.ok({"rules", "list", "retail"})["rules"];
  REQUIRE(rules.size() == 2);
  CHECK(rules[0]["time"] == "00:00-24:00");  // the whole day, as the tariff file writes it
}

TEST_CASE("rules add --time 10:00-10:00 is refused with the tariff file's reason, CLI and API") {
  // Proves rules add and POST /v1/tariffs/{tariff}/rules give TimeOfDayRange::problem()'s
  // message for a range that ends where it starts (they said "not a time-of-day range
  // (18:00-08:00, 00:00-24:00)"), naming "time", and for a malformed one the accepted form;
  // nothing changes, and 00:00-24:00 is then taken.
  CliWorld world;
  make_tariff(world);
  world.ok({"pricelists", "import", "retail", "weekend", "-"}, "admin",
           "prefix,destination,rate\n44,United Kingdom,0.05\n");
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const auto before = world.fingerprint();
  const std::string same =
      "time: 10:00-10:00 ends where it starts, which could mean no time or the whole day: "
      "write 00:00-24:00 (or leave the time out) for the whole day";
  const std::vector<std::string> add = {"rules",        "add",     "retail", "late",
                                        "--price-list", "weekend", "--time"};
  auto with = [&](const std::string& time) {
    auto args = add;
    args.push_back(time);
    return args;
  };
  const auto refused = world.as("admin", with("10:00-10:00"));
  CHECK(refused.exit_code == 1);
  const auto error = json::parse(refused.err)["error"];
  CHECK(error["field"] == "time");
  CHECK(error["message"] == same);
  auto readable_args = with("10:00-10:00");
  readable_args.insert(readable_args.begin(), {"--as", "admin"});
  CHECK(world.run(readable_args).err.find(same) != std::string::npos);
  const auto malformed = world.as("admin", with("25:00-06:00"));
  CHECK(malformed.exit_code == 1);
  CHECK(json::parse(malformed.err)["error"]["message"] ==
        "time: expected HH:MM[:SS]-HH:MM[:SS] (e.g. 18:00-08:00, 08:30:15-12:00, 00:00-24:00; "
        "24:00 only as the end), not: 25:00-06:00");

  const auto posted =
      api->Post("/v1/tariffs/retail/rules",
                json{{"name", "late"}, {"price_list", "weekend"}, {"time", "10:00-10:00"}}.dump(),
                "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 400);
  const auto api_error = json::parse(posted->body)["error"];
  CHECK(api_error["field"] == "time");
  CHECK(api_error["message"] == same);
  CHECK(world.fingerprint() == before);

  CHECK(world.ok(with("00:00-24:00"))["time"] == "00:00-24:00");
}

TEST_CASE("buy prices in USD on a BGN tariff: stored, listed, exported and quoted in USD") {
  // Proves the seed's price list (buy in dollars, sell in leva): the buy currency goes in and
  // out with the CSV, shows in rates list (JSON and table), is set by hand and checked, and a
  // quote shows the buy cost in USD apart from the BGN total, never added to it.
  CliWorld world;
  world.ok({"tariffs", "create", "leva", "--currency", "BGN", "--time-zone", "Europe/Sofia",
            "--base-price-list", "day"});
  world.ok({"pricelists", "import", "leva", "day", "-"}, "admin",
           "prefix,destination,rate,buy_rate,buy_currency\n"
           "359,Bulgaria,0.12,0.021,USD\n"
           "44,United Kingdom,0.30,0.05,\n");
  const auto rates = world.ok({"rates", "list", "leva", "day"});
  REQUIRE(rates["rates"].size() == 2);
  CHECK(rates["currency"] == "BGN");
  CHECK(rates["rates"][0]["prefix"] == "359");
  CHECK(rates["rates"][0]["buy_rate"] == "0.021");
  CHECK(rates["rates"][0]["buy_currency"] == "USD");
  CHECK(rates["rates"][1]["buy_currency"] == "BGN");  // none given: the tariff's
  // Searched by destination name (any case), as the console's price search asks.
  const auto uk = world.ok({"rates", "list", "leva", "day", "--destination", "kingdom"});
  REQUIRE(uk["rates"].size() == 1);
  CHECK(uk["rates"][0]["prefix"] == "44");
  const auto control = world.run(
      {"--as", "admin", "rates", "list", "leva", "day", "--destination", std::string("a\tb")});
  CHECK(control.exit_code != 0);
  CHECK(control.err.find("destination") != std::string::npos);
  const auto table = world.run({"--as", "admin", "rates", "list", "leva", "day"});
  CHECK(table.out.find("0.021 USD") != std::string::npos);
  CHECK(table.out.find("0.05 BGN") == std::string::npos);  // the tariff's own: no code
  const auto csv = world.run({"--as", "admin", "pricelists", "export", "leva", "day"});
  CHECK(csv.out.find(",buy_rate,buy_currency\n") != std::string::npos);
  CHECK(csv.out.find("359,Bulgaria,0.12,60,0.00,60,60,0,0.021,USD\n") != std::string::npos);

  const auto quote = world.ok({"quote", "--tariff-name", "leva", "--number", "+359888123456",
                               "--start", "2026-11-23 12:00", "--duration", "90"});
  CHECK(quote["total"] == "0.24");
  CHECK(quote["currency"] == "BGN");
  CHECK(quote["buy_cost"] == "0.05");
  CHECK(quote["buy_currency"] == "USD");
  const auto readable =
      world.run({"--as", "admin", "quote", "--tariff-name", "leva", "--number", "+359888123456",
                 "--start", "2026-11-23 12:00", "--duration", "90"});
  CHECK(readable.out.find("total (rounded up to 2 decimals)") != std::string::npos);
  CHECK(readable.out.find("buy cost (in USD, not converted to BGN)") != std::string::npos);
  CHECK(readable.out.find("0.05 USD") != std::string::npos);

  const auto set = world.ok({"rates", "set", "leva", "day", "4420", "--destination", "London",
                             "--rate", "0.25", "--buy-rate", "0.02", "--buy-currency", "GBP"});
  CHECK(set["buy_currency"] == "GBP");
  const auto before = world.fingerprint();
  const auto unknown =
      world.as("admin", {"rates", "set", "leva", "day", "4421", "--destination", "X", "--rate",
                         "0.25", "--buy-rate", "0.02", "--buy-currency", "DOLLAR"});
  CHECK(unknown.exit_code == 1);
  CHECK(json::parse(unknown.err)["error"]["field"] == "buy_currency");
  const auto orphan = world.as("admin", {"rates", "set", "leva", "day", "4421", "--destination",
                                         "X", "--rate", "0.25", "--buy-currency", "USD"});
  CHECK(orphan.exit_code == 1);
  CHECK(json::parse(orphan.err)["error"]["field"] == "buy_currency");
  CHECK(world.fingerprint() == before);
}

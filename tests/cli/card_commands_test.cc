// The card commands through the real prepaidctl binary (cards, batches, ledger, audit).
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "cli_fixtures.h"
#include "cli_world.h"
#include "tests/pin_search.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::make_cards;
using prepaid::cli::testing::make_tariff;

namespace {

std::vector<std::string> numbers_of(const json& created) {
  std::vector<std::string> out;
  for (const auto& c : created["cards"]) out.push_back(c["number"]);
  return out;
}

}  // namespace

TEST_CASE("a batch prints its numbers and PINs once; listings show PINs only to administrators") {
  // Proves cards create / list / show / batches, and the PIN rules of the two roles.
  CliWorld world;
  make_tariff(world);
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto created = make_cards(world, 5, "retail", {"--pin-length", "8", "--note", "shop 1"});
  REQUIRE(created["cards"].size() == 5);
  const auto batch = created["batch"]["id"].get<std::int64_t>();
  CHECK(created["batch"]["amount"] == "5.00");
  CHECK(created["batch"]["note"] == "shop 1");
  std::set<std::string> pins;
  for (const auto& c : created["cards"]) {
    CHECK(c["pin"].get<std::string>().size() == 8);
    pins.insert(c["pin"]);
  }

  const auto listed = world.ok({"cards", "list", "--batch", std::to_string(batch)}, "bob");
  CHECK(listed["total"] == 5);
  for (const auto& c : listed["cards"]) {
    CHECK_FALSE(c.contains("pin"));
    CHECK(c["balance"] == "5.00");
    CHECK(c["currency"] == "EUR");
    CHECK(c["status"] == "new");
  }
  const auto with_pins =
      world.ok({"cards", "list", "--batch", std::to_string(batch), "--with-pins"});
  std::set<std::string> listed_pins;
  for (const auto& c : with_pins["cards"]) listed_pins.insert(c["pin"]);
  CHECK(listed_pins == pins);
  CHECK(world.as("bob", {"cards", "list", "--with-pins"}).exit_code == 4);
  const auto number = created["cards"][0]["number"].get<std::string>();
  CHECK_FALSE(world.ok({"cards", "show", number}, "bob").contains("pin"));
  CHECK(world.as("bob", {"cards", "show", number, "--with-pin"}).exit_code == 4);
  CHECK(world.ok({"cards", "show", number, "--with-pin"})["pin"] == created["cards"][0]["pin"]);
  CHECK(world.as("bob", {"cards", "show", "999999999999"}).exit_code == 3);

  // The readable forms.
  const auto table = world.run({"--as", "bob", "cards", "list", "--limit", "2"});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("NUMBER") != std::string::npos);
  CHECK(table.out.find("5.00 EUR") != std::string::npos);
  CHECK(table.out.find("rows 1-2 of 5") != std::string::npos);
  for (const auto& pin : pins) CHECK_FALSE(prepaid::testing::shows_pin(table.out, pin));

  const auto batches = world.ok({"batches", "list"});
  REQUIRE(batches["batches"].size() == 1);
  CHECK(batches["batches"][0]["card_count"] == 5);
  const auto shown = world.ok({"batches", "show", std::to_string(batch)});
  CHECK(shown["batch"]["id"] == batch);
  CHECK(shown["cards"].size() == 5);
  CHECK(world.as("admin", {"batches", "show", "424242"}).exit_code == 3);
  CHECK(world.ok({"batches", "list"}, "bob")["batches"].size() == 1);  // operators may read them
  CHECK(world.as("bob", {"batches", "show", std::to_string(batch), "--with-pins"}).exit_code == 4);
}

TEST_CASE("recharges: an operator may; a wrong currency or amount is refused and changes nothing") {
  // Proves the recharge path, its ledger row, and that refusals leave every table as it was.
  CliWorld world;
  make_tariff(world);
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto number = numbers_of(make_cards(world, 1))[0];
  const auto entry = world.ok(
      {"cards", "recharge", number, "--amount", "10.00", "--currency", "EUR", "--reason", "cash"},
      "bob");
  CHECK(entry["kind"] == "recharge");
  CHECK(entry["amount"] == "10.00");
  CHECK(entry["balance_after"] == "15.00");
  CHECK(entry["actor"] == "bob");

  const auto before = world.fingerprint();
  const auto usd =
      world.as("bob", {"cards", "recharge", number, "--amount", "1.00", "--currency", "USD"});
  CHECK(usd.exit_code == 1);
  CHECK(json::parse(usd.err)["error"]["code"] == "currency_mismatch");
  const auto comma =
      world.as("bob", {"cards", "recharge", number, "--amount", "1,00", "--currency", "EUR"});
  CHECK(comma.exit_code == 1);
  CHECK(json::parse(comma.err)["error"]["field"] == "amount");
  CHECK(world.as("bob", {"cards", "recharge", number, "--amount", "-5.00", "--currency", "EUR"})
            .exit_code == 1);
  CHECK(world.as("bob", {"cards", "recharge", number, "--amount", "1.00", "--currency", "XXX"})
            .exit_code == 1);
  CHECK(
      world
          .as("bob", {"cards", "recharge", "123456789012", "--amount", "1.00", "--currency", "EUR"})
          .exit_code == 3);
  CHECK(world
            .as("bob", {"cards", "adjust", number, "--kind", "refund", "--amount", "1.00",
                        "--currency", "EUR", "--reason", "x"})
            .exit_code == 4);
  CHECK(world.fingerprint() == before);

  const auto refund = world.ok({"cards", "adjust", number, "--kind", "refund", "--amount", "0.50",
                                "--currency", "EUR", "--reason", "dropped call"});
  CHECK(refund["balance_after"] == "15.50");
  const auto ledger = world.ok({"cards", "ledger", number}, "bob");
  REQUIRE(ledger["entries"].size() == 3);
  CHECK(ledger["entries"][0]["kind"] == "batch_load");
  CHECK(ledger["entries"][1]["kind"] == "recharge");
  CHECK(ledger["entries"][2]["kind"] == "refund");
  const auto check = world.ok({"cards", "ledger-check"});
  CHECK(check["ok"] == true);
  CHECK(check["cards"] == 1);
}

TEST_CASE("enable, disable and drop: one card, a list or a batch, all or nothing") {
  // Proves the status commands and that a selection with one unknown card changes none.
  CliWorld world;
  make_tariff(world);
  const auto created = make_cards(world, 3);
  const auto n = numbers_of(created);
  const auto batch = std::to_string(created["batch"]["id"].get<std::int64_t>());

  auto disabled = world.ok({"cards", "disable", n[0], n[1]});
  REQUIRE(disabled["cards"].size() == 2);
  CHECK(disabled["cards"][0]["status"] == "disabled");
  CHECK(world.ok({"cards", "show", n[2]})["status"] == "new");

  const auto before = world.fingerprint();
  CHECK(world.as("admin", {"cards", "enable", n[0], "999999999999"}).exit_code == 3);
  CHECK(world.as("admin", {"cards", "enable"}).exit_code == 1);  // nothing selected
  CHECK(world.as("admin", {"cards", "enable", n[0], "--batch", batch}).exit_code == 1);
  CHECK(world.fingerprint() == before);

  CHECK(world.ok({"cards", "enable", n[0]})["cards"][0]["status"] != "disabled");
  const auto dropped = world.ok({"cards", "drop", "--batch", batch});
  CHECK(dropped["cards"].size() == 3);
  for (const auto& c : dropped["cards"]) CHECK(c["status"] == "dropped");
  CHECK(world.as("admin", {"cards", "recharge", n[2], "--amount", "1.00", "--currency", "EUR"})
            .exit_code == 1);  // a dropped card takes no money
}

TEST_CASE("set-pin, activate, touch and configure") {
  // Proves the remaining card mutations and what they return.
  CliWorld world;
  make_tariff(world);
  world.ok({"tariffs", "create", "other", "--currency", "USD", "--base-price-list", "day"});
  const auto n = numbers_of(make_cards(world, 2, "retail", {"--activation", "manual"}));

  CHECK(world.ok({"cards", "set-pin", n[0], "--pin", "86420"})["pin"] == "86420");
  CHECK(world.ok({"cards", "show", n[0], "--with-pin"})["pin"] == "86420");
  const auto random = world.ok({"cards", "set-pin", n[1], "--random-length", "9"});
  CHECK(random["pin"].get<std::string>().size() == 9);
  CHECK(world.as("admin", {"cards", "set-pin", n[0], "--pin", "12ab"}).exit_code == 1);

  const auto active = world.ok({"cards", "activate", n[0]});
  CHECK(active["status"] == "active");
  CHECK_FALSE(active["activated_at"].is_null());
  const auto touched = world.ok({"cards", "touch", n[0]});
  CHECK_FALSE(touched["last_recharged_at"].is_null());

  const auto configured =
      world.ok({"cards", "configure", n[0], "--max-concurrent", "3", "--credit-limit", "2.50"});
  CHECK(configured["max_concurrent"] == 3);
  CHECK(configured["credit_limit"] == "2.50");
  const auto before = world.fingerprint();
  CHECK(world.as("admin", {"cards", "configure", n[0], "--tariff", "other"}).exit_code == 1);
  CHECK(world.as("admin", {"cards", "configure", n[0]}).exit_code == 1);  // nothing to change
  CHECK(world.fingerprint() == before);
}

TEST_CASE("every card mutation is in the audit log with its actor, and no PIN is anywhere") {
  // Proves the audit trail of the CLI (actor, source "cli …") and that PINs stay secret.
  CliWorld world;
  make_tariff(world);
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto created = make_cards(world, 2, "retail", {"--pin-length", "12"});
  const auto n = numbers_of(created);
  world.ok({"cards", "recharge", n[0], "--amount", "1.00", "--currency", "EUR"}, "bob");
  world.ok({"cards", "disable", n[1]});
  const auto set =
      world.run({"--json", "--as", "admin", "cards", "set-pin", n[1], "--pin", "864209753197"});
  REQUIRE(set.exit_code == 0);

  const auto audit = world.ok({"audit", "list", "--limit", "1000"});
  std::set<std::string> actions;
  bool recharge_by_bob = false;
  for (const auto& e : audit["entries"]) {
    actions.insert(e["action"].get<std::string>());
    CHECK(e["source"].get<std::string>().rfind("cli", 0) == 0);
    if (e["action"].get<std::string>().find("recharge") != std::string::npos) {
      recharge_by_bob = e["actor"] == "bob" && e["object"] == "card:" + n[0];
    }
  }
  CHECK(recharge_by_bob);
  CHECK(actions.size() >= 6);  // tariff, price list, operator, batch, recharge, status, PIN
  CHECK(world.ok({"audit", "list", "--actor", "bob"})["entries"].size() == 1);
  CHECK(world.as("bob", {"audit", "list"}).exit_code == 4);

  // No PIN in the audit table, in any command's output or error stream.
  const auto rows = world.sql("SELECT * FROM audit_log");
  CHECK(rows.find("864209753197") == std::string::npos);
  for (const auto& c : created["cards"])
    CHECK(rows.find(c["pin"].get<std::string>()) == std::string::npos);
  CHECK(set.err.find("864209753197") == std::string::npos);
}

TEST_CASE("amounts with digits below the cent are refused wherever a card's money is entered") {
  // Proves that recharge --amount 5.001 (which gave 14.971 EUR), an adjustment, a batch's
  // amount and credit limit, and a card's credit limit below the cent exit 1 naming the
  // parameter and the nearest amounts, and change nothing.
  CliWorld world;
  make_tariff(world);
  const auto number = numbers_of(make_cards(world, 1))[0];
  const auto before = world.fingerprint();
  const auto recharge =
      world.as("admin", {"cards", "recharge", number, "--amount", "5.001", "--currency", "EUR"});
  CHECK(recharge.exit_code == 1);
  const auto error = json::parse(recharge.err)["error"];
  CHECK(error["code"] == "invalid_argument");
  CHECK(error["field"] == "amount");
  CHECK(error["message"] ==
        "amount 5.001 EUR has digits below the minor unit of EUR (2 decimals): enter 5.00 or 5.01");
  const auto readable = world.run(
      {"--as", "admin", "cards", "recharge", number, "--amount", "5.001", "--currency", "EUR"});
  CHECK(readable.err.find("enter 5.00 or 5.01") != std::string::npos);
  CHECK(json::parse(world
                        .as("admin", {"cards", "adjust", number, "--kind", "adjustment", "--amount",
                                      "-0.005", "--currency", "EUR", "--reason", "x"})
                        .err)["error"]["field"] == "amount");
  CHECK(json::parse(world
                        .as("admin", {"cards", "create", "--count", "1", "--amount", "5.005",
                                      "--currency", "EUR", "--tariff", "retail"})
                        .err)["error"]["field"] == "amount");
  CHECK(json::parse(
            world
                .as("admin", {"cards", "create", "--count", "1", "--amount", "5.00", "--currency",
                              "EUR", "--tariff", "retail", "--credit-limit", "0.001"})
                .err)["error"]["field"] == "credit_limit");
  CHECK(json::parse(world.as("admin", {"cards", "configure", number, "--credit-limit", "1.999"})
                        .err)["error"]["field"] == "credit_limit");
  CHECK(world.fingerprint() == before);
  CHECK(world.ok({"cards", "recharge", number, "--amount", "5.01", "--currency",
                  "EUR"})["balance_after"] == "10.01");
}

TEST_CASE("a refused batch prints its refusal alone; a successful one its progress too") {
  // Proves that no progress line ("creating 2 cards", "done in") is printed before a quick
  // refusal, while a command that succeeds still reports them on stderr.
  CliWorld world;
  make_tariff(world);
  const std::vector<std::string> create = {"--as",       "admin", "cards",    "create",
                                           "--count",    "2",     "--amount", "5.00",
                                           "--currency", "EUR",   "--tariff"};
  auto args = create;
  args.push_back("nope");
  const auto refused = world.run(args);
  CHECK(refused.exit_code == 3);
  CHECK(refused.err == "prepaidctl: no tariff named 'nope'\n");
  args = create;
  args.push_back("retail");
  const auto done = world.run(args);
  CHECK(done.exit_code == 0);
  CHECK(done.err.find("] creating 2 cards") != std::string::npos);
  CHECK(done.err.find("prepaidctl: done in") != std::string::npos);
  // An import refused for its lines: the problems, without the reading progress.
  const auto broken = world.run({"--as", "admin", "pricelists", "import", "retail", "day", "-"},
                                "prefix,destination,rate\n4x,Bad,0.1\n");
  CHECK(broken.exit_code == 1);
  CHECK(broken.err.rfind("prepaidctl: ", 0) == 0);
  CHECK(broken.err.find("read standard input") == std::string::npos);
  CHECK(broken.err.find("lines read") == std::string::npos);
  CHECK(broken.err.find("line 2, prefix") != std::string::npos);
}

TEST_CASE("the card list shows when each card was activated or last recharged") {
  // Proves the list's ACTIVATED/RECHARGED column (the later of the two), and that a recharge
  // before the first use starts no validity (no expiry until the card is activated).
  CliWorld world;
  make_tariff(world);
  const auto fresh = numbers_of(make_cards(world, 1))[0];  // first use: not activated
  const auto active =
      numbers_of(make_cards(world, 1, "retail", {"--activation", "at_creation"}))[0];
  const auto recharged =
      world.ok({"cards", "recharge", fresh, "--amount", "1.00", "--currency", "EUR"});
  const auto shown = world.ok({"cards", "show", fresh});
  CHECK(shown["last_recharged_at"] == recharged["at"]);
  CHECK(shown["expires_at"].is_null());
  const auto activated_at = world.ok({"cards", "show", active})["activated_at"].get<std::string>();

  const auto table = world.run({"--as", "admin", "cards", "list"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("ACTIVATED/RECHARGED") != std::string::npos);
  std::istringstream lines(table.out);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.rfind(fresh, 0) == 0) {
      ++rows;
      CHECK(line.find(recharged["at"].get<std::string>()) != std::string::npos);
    }
    if (line.rfind(active, 0) == 0) {
      ++rows;
      CHECK(line.find(activated_at) != std::string::npos);
    }
  }
  CHECK(rows == 2);
}

TEST_CASE("the audit table shows times as times, the JSON keeps its seconds") {
  // Proves the audit list's CHANGE column shows the card's instants as RFC 3339 times (not
  // seconds since 1970), while --json keeps the documented numbers.
  CliWorld world;
  make_tariff(world);
  const auto number =
      numbers_of(make_cards(world, 1, "retail", {"--activation", "at_creation"}))[0];
  world.ok({"cards", "recharge", number, "--amount", "1.00", "--currency", "EUR"});
  const auto table = world.run({"--as", "admin", "audit", "list", "--action", "card.recharge"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("\"last_recharged_at\":\"20") != std::string::npos);
  CHECK(table.out.find("\"activated_at\":\"20") != std::string::npos);
  CHECK(table.out.find("\"activated_at\":1") == std::string::npos);
  const auto doc = world.ok({"audit", "list", "--action", "card.recharge"});
  REQUIRE(doc["entries"].size() == 1);
  CHECK(doc["entries"][0]["after"]["last_recharged_at"].is_number_integer());
}

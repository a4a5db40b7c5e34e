// Shops, booths and operators' shops through the real prepaidctl binary.
#include <doctest/doctest.h>

#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;

namespace {

void add_tariff(const CliWorld& world, const std::string& name, const std::string& currency) {
  world.ok({"tariffs", "create", name, "--currency", currency, "--base-price-list", "day"});
}

}  // namespace

TEST_CASE("shops: added, configured and read by administrators; bad input changes nothing") {
  // Proves shops add/list/show/configure, their refusals (exit codes, unchanged fingerprint)
  // and the table output.
  CliWorld world;
  add_tariff(world, "retail", "EUR");
  add_tariff(world, "upstream", "USD");
  const auto shop = world.ok({"shops", "add", "corner", "--currency", "EUR", "--time-zone",
                              "Europe/Sofia", "--retail-tariff", "retail", "--cost-tariff",
                              "upstream", "--receipt-header", "Corner Calls", "--receipt-header",
                              "1 Main Street", "--rounding-step", "0.05", "--rounding", "up"});
  CHECK(shop["rounding_step"] == "0.05");
  CHECK(shop["cost_tariff"] == "upstream");
  CHECK(shop["receipt_header"] == json::array({"Corner Calls", "1 Main Street"}));

  const auto before = world.fingerprint();
  const auto refused = [&](const std::vector<std::string>& args, int exit_code,
                           const std::string& says) {
    const auto run = world.as("admin", args);
    CHECK_MESSAGE(run.exit_code == exit_code, run.err);
    CHECK_MESSAGE(run.err.find(says) != std::string::npos, run.err);
  };
  const std::vector<std::string> add = {
      "shops", "add", "b", "--currency", "EUR", "--time-zone", "Europe/Sofia", "--retail-tariff"};
  auto with = [&](std::vector<std::string> extra) {
    auto args = add;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  refused(with({"retail", "--rounding-step", "0.02"}), 1, "0.01, 0.05, 0.10 or 1.00");
  refused(with({"upstream"}), 1, "is in USD");
  refused(with({"nowhere"}), 3, "no tariff 'nowhere'");
  refused(with({"retail", "--rounding", "sideways"}), 1, "rounding");
  refused({"shops", "add", "corner", "--currency", "EUR", "--time-zone", "Europe/Sofia",
           "--retail-tariff", "retail"},
          5, "exists");
  refused({"shops", "add", "c", "--currency", "EUR", "--time-zone", "Mars/Olympus",
           "--retail-tariff", "retail"},
          1, "IANA");
  refused({"shops", "configure", "corner"}, 1, "nothing to change");
  CHECK(world.fingerprint() == before);

  CHECK(world
            .ok({"shops", "configure", "corner", "--rounding-step", "1.00", "--cost-tariff",
                 ""})["cost_tariff"]
            .is_null());
  CHECK(world.ok({"shops", "show", "corner"})["rounding_step"] == "1.00");
  const auto table = world.run({"--as", "admin", "shops", "list"});
  CHECK(table.out.find("corner") != std::string::npos);
  CHECK(table.out.find("Europe/Sofia") != std::string::npos);
  const auto shown = world.run({"--as", "admin", "shops", "show", "corner"});
  CHECK(shown.out.find("receipt: 1 Main Street") != std::string::npos);
}

TEST_CASE("booths: accounts of their shop, read by the shop's operators, enabled and disabled") {
  // Proves booths add/list/show/enable/disable and operators set-shop, the roles (an operator
  // reads only its shop's booths and changes none) and that refusals change nothing.
  CliWorld world;
  add_tariff(world, "retail", "EUR");
  for (const char* name : {"corner", "station"})
    world.ok({"shops", "add", name, "--currency", "EUR", "--time-zone", "Europe/Sofia",
              "--retail-tariff", "retail"});
  const auto booth =
      world.ok({"booths", "add", "--shop", "corner", "--label", "Cabin 1", "--number", "5550001"});
  CHECK(booth["label"] == "Cabin 1");
  const auto pin = booth["pin"].get<std::string>();
  CHECK(pin.size() == 6);
  CHECK(world.sql("SELECT * FROM audit_log").find("\"" + pin + "\"") == std::string::npos);
  world.ok({"booths", "add", "--shop", "station", "--label", "Cabin 1", "--number", "5550009"});
  const auto card = world.ok({"cards", "show", "5550001"});
  CHECK(card["kind"] == "booth");
  CHECK(card["tariff"] == "retail");
  CHECK(card["status"] == "active");
  world.ok({"operators", "add", "olga", "--role", "operator"});

  const auto before = world.fingerprint();
  CHECK(world.as("admin", {"booths", "add", "--shop", "corner", "--label", "Cabin 1"}).exit_code ==
        5);
  CHECK(world.as("admin", {"booths", "add", "--shop", "nowhere", "--label", "x"}).exit_code == 3);
  CHECK(world.as("olga", {"booths", "add", "--shop", "corner", "--label", "x"}).exit_code == 4);
  CHECK(world.as("olga", {"booths", "disable", "5550001"}).exit_code == 4);
  CHECK(world.as("olga", {"booths", "show", "5550001"}).exit_code == 4);
  CHECK(world.as("olga", {"operators", "set-shop", "olga", "--shop", "corner"}).exit_code == 4);
  CHECK(world.as("admin", {"booths", "enable", "5550001"}).exit_code == 1);
  CHECK(world.fingerprint() == before);

  CHECK(world.ok({"operators", "set-shop", "olga", "--shop", "corner"})["shop"] == "corner");
  CHECK(world.ok({"booths", "list"}, "olga")["booths"].size() == 1);
  CHECK(world.ok({"booths", "list"})["booths"].size() == 2);
  CHECK(world.as("olga", {"booths", "list", "--shop", "station"}).exit_code == 4);
  CHECK(world.ok({"booths", "show", "5550001"}, "olga")["shop"] == "corner");
  CHECK(world.ok({"shops", "list"}, "olga")["shops"].size() == 1);
  const auto table = world.run({"--as", "olga", "booths", "list"});
  CHECK(table.out.find("Cabin 1") != std::string::npos);

  CHECK(world.ok({"booths", "disable", "5550001"})["status"] == "disabled");
  CHECK(world.ok({"cards", "show", "5550001"})["status"] == "disabled");
  CHECK(world.ok({"booths", "enable", "5550001"})["status"] == "active");
  CHECK(world.ok({"operators", "set-shop", "olga"})["shop"].is_null());
  CHECK(world.ok({"booths", "list"}, "olga")["booths"].empty());
}

TEST_CASE("booths open and close at the counter: states, the table, and the refusals") {
  // Proves booths open/close and the booths' states through the binary: exactly one of
  // --prepaid and --postpaid, no session without an open shift, the checkout's settlement,
  // and that refusals change nothing.
  CliWorld world;
  add_tariff(world, "retail", "EUR");
  world.ok({"shops", "add", "corner", "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--retail-tariff", "retail"});
  world.ok({"booths", "add", "--shop", "corner", "--label", "Cabin 1", "--number", "5550001"});
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.ok({"operators", "set-shop", "olga", "--shop", "corner"});
  CHECK(world.ok({"booths", "show", "5550001"}, "olga")["state"] == "free");

  const auto before = world.fingerprint();
  const auto no_shift = world.as("olga", {"booths", "open", "5550001", "--prepaid", "5.00"});
  CHECK(no_shift.exit_code == 1);
  CHECK(no_shift.err.find("no open shift") != std::string::npos);
  CHECK(world.fingerprint() == before);
  world.ok({"shifts", "open", "--float", "10.00"}, "olga");
  const auto shifted = world.fingerprint();
  CHECK(world.as("olga", {"booths", "open", "5550001"}).exit_code == 1);
  CHECK(world.as("olga", {"booths", "open", "5550001", "--prepaid", "1.00", "--postpaid", "1.00"})
            .exit_code == 1);
  CHECK(world.as("olga", {"booths", "close", "5550001"}).exit_code == 1);
  CHECK(world.fingerprint() == shifted);

  const auto opened = world.ok({"booths", "open", "5550001", "--postpaid", "20.00"}, "olga");
  CHECK(opened["state"] == "open");
  CHECK(opened["session"]["kind"] == "postpaid");
  CHECK(opened["session"]["available"] == "20.00");
  CHECK(world.ok({"cards", "show", "5550001"})["credit_limit"] == "20.00");
  const auto table = world.run({"--as", "olga", "booths", "list"});
  CHECK(table.out.find("postpaid 20.00") != std::string::npos);
  const auto closed = world.ok({"booths", "close", "5550001"}, "olga");
  CHECK(closed["state"] == "free");
  CHECK(closed["session"]["settled"] == "0.00");
  CHECK(world.ok({"cards", "show", "5550001"})["credit_limit"] == "0.00");
}

TEST_CASE("shops upstream: opened, recharged and checked by administrators, shown to the shop") {
  // Proves shops upstream configure/recharge/show/check through the binary: the account in the
  // cost tariff's currency, the recharge row, the warning in shops show and booths show, the
  // roles (an operator reads its shop's only and changes nothing), and that refusals (no cost
  // tariff, a bad amount, another shop) name their fault and change nothing.
  CliWorld world;
  add_tariff(world, "retail", "EUR");
  add_tariff(world, "wholesale", "USD");
  world.ok({"shops", "add", "corner", "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--retail-tariff", "retail"});
  world.ok({"shops", "add", "station", "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--retail-tariff", "retail"});
  world.ok({"booths", "add", "--shop", "corner", "--label", "Cabin 1", "--number", "5550001"});
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.ok({"operators", "set-shop", "olga", "--shop", "corner"});

  const auto before = world.fingerprint();
  auto run = world.as("admin", {"shops", "upstream", "configure", "corner"});
  CHECK(run.exit_code == 1);
  CHECK_MESSAGE(run.err.find("no cost tariff") != std::string::npos, run.err);
  run = world.as("olga", {"shops", "upstream", "configure", "corner"});
  CHECK(run.exit_code != 0);
  run = world.as("admin", {"shops", "upstream", "show", "corner"});
  CHECK(run.exit_code == 3);
  CHECK(world.fingerprint() == before);

  world.ok({"shops", "configure", "corner", "--cost-tariff", "wholesale"});
  const auto opened =
      world.ok({"shops", "upstream", "configure", "corner", "--warn-below", "20.00"});
  CHECK(opened["currency"] == "USD");
  CHECK(opened["balance"] == "0.00");
  CHECK(opened["warning"] == true);
  CHECK(opened["refusing"] == true);  // nothing on it: booths refused
  const auto open_state = world.fingerprint();
  CHECK(
      world.as("admin", {"shops", "upstream", "recharge", "corner", "--amount", "-5"}).exit_code ==
      1);
  CHECK(world.as("olga", {"shops", "upstream", "recharge", "corner", "--amount", "5"}).exit_code !=
        0);
  CHECK(world.as("olga", {"shops", "upstream", "show", "station"}).exit_code != 0);
  CHECK(world.fingerprint() == open_state);

  const auto recharged = world.ok(
      {"shops", "upstream", "recharge", "corner", "--amount", "12.50", "--reason", "transfer 17"});
  CHECK(recharged["kind"] == "recharge");
  CHECK(recharged["balance_after"] == "12.50");
  const auto shown = world.ok({"shops", "upstream", "show", "corner"}, "olga");
  CHECK(shown["balance"] == "12.50");
  CHECK(shown["warning"] == true);  // below 20.00
  CHECK(shown["refusing"] == false);
  REQUIRE(shown["ledger"].size() == 1);
  CHECK(shown["ledger"][0]["reason"] == "transfer 17");
  CHECK(world.ok({"shops", "show", "corner"}, "olga")["upstream"]["available"] == "12.50");
  CHECK(world.ok({"shops", "show", "station"})["upstream"].is_null());
  CHECK(world.ok({"booths", "show", "5550001"}, "olga")["upstream_warning"] == true);
  const auto table = world.run({"--as", "olga", "shops", "upstream", "show", "corner"});
  CHECK(table.out.find("transfer 17") != std::string::npos);
  CHECK(world.ok({"shops", "upstream", "check"})["ok"] == true);
  CHECK(world.as("olga", {"shops", "upstream", "check"}).exit_code != 0);
}

// Shifts and the cash register through the real prepaidctl binary.
#include <doctest/doctest.h>

#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;

namespace {

/// Shops corner and station (EUR), olga working corner's counter.
void counter(const CliWorld& world) {
  world.ok({"tariffs", "create", "retail", "--currency", "EUR", "--base-price-list", "day"});
  for (const char* name : {"corner", "station"})
    world.ok({"shops", "add", name, "--currency", "EUR", "--time-zone", "Europe/Sofia",
              "--retail-tariff", "retail"});
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.ok({"operators", "set-shop", "olga", "--shop", "corner"});
}

}  // namespace

TEST_CASE("a shift from its float to the counted cash: report as JSON and as a table") {
  // Proves shifts open/show/list/close and cash in/out, and the report exact to the cent.
  CliWorld world;
  counter(world);
  const auto opened = world.ok({"shifts", "open", "--float", "50.00"}, "olga");
  const auto id = std::to_string(opened["shift"]["id"].get<std::int64_t>());
  CHECK(opened["shift"]["shop"] == "corner");
  world.ok({"cash", "in", "--amount", "20.00", "--reason", "float", "--note", "change"}, "olga");
  world.ok({"cash", "out", "--amount", "12.35", "--reason", "expense", "--note", "light bulbs"},
           "olga");
  const auto report = world.ok({"shifts", "show", id}, "olga");
  CHECK(report["cash_in"] == "20.00");
  CHECK(report["cash_out"] == "12.35");
  CHECK(report["expected"] == "57.65");
  CHECK(report["counted"].is_null());
  CHECK(report["movements"].size() == 2);
  const auto table = world.run({"--as", "olga", "shifts", "show", id});
  CHECK(table.out.find("light bulbs") != std::string::npos);
  CHECK(table.out.find("57.65 EUR") != std::string::npos);
  CHECK(world.ok({"shifts", "list", "--open"}, "olga")["shifts"].size() == 1);

  const auto closed = world.ok({"shifts", "close", id, "--counted", "58.00"}, "olga");
  CHECK(closed["expected"] == "57.65");
  CHECK(closed["difference"] == "0.35");
  const auto printed = world.run({"--as", "olga", "shifts", "show", id});
  CHECK(printed.out.find("difference") != std::string::npos);
  CHECK(printed.out.find("0.35 EUR") != std::string::npos);
  CHECK(world.ok({"shifts", "list", "--open"}, "olga")["shifts"].empty());
  CHECK(world.ok({"shifts", "list"})["shifts"].size() == 1);
}

TEST_CASE("cash without an open shift, bad amounts, another shop: refused, nothing changes") {
  // Proves the counter's refusals through the binary (exit codes, messages) and an unchanged
  // fingerprint.
  CliWorld world;
  counter(world);
  const auto before = world.fingerprint();
  const auto refused = [&](const std::vector<std::string>& args, int exit_code,
                           const std::string& says) {
    const auto run = world.as("olga", args);
    CHECK_MESSAGE(run.exit_code == exit_code, run.err);
    CHECK_MESSAGE(run.err.find(says) != std::string::npos, run.err);
  };
  refused({"cash", "in", "--amount", "5.00", "--reason", "float"}, 1, "no open shift");
  refused({"shifts", "open", "--float=-1.00"}, 1, "may not be negative");
  refused({"shifts", "open", "--float", "1.005"}, 1, "finer than the minor unit");
  refused({"shifts", "open", "--float", "1.00", "--shop", "station"}, 4, "does not work at");
  refused({"cash", "out", "--amount", "1.00", "--reason", "float"}, 1, "reason");
  CHECK(world.fingerprint() == before);

  const auto id = std::to_string(
      world.ok({"shifts", "open", "--float", "5.00"}, "olga")["shift"]["id"].get<std::int64_t>());
  const auto open = world.fingerprint();
  refused({"shifts", "open", "--float", "5.00"}, 1, "close it first");
  refused({"cash", "out", "--amount", "5.01", "--reason", "withdrawal"}, 1, "should hold 5.00");
  refused({"cash", "in", "--amount=-2.00", "--reason", "float"}, 1, "must be positive");
  refused({"shifts", "close", id, "--counted", "0.001"}, 1, "finer than the minor unit");
  CHECK(world.fingerprint() == open);
}

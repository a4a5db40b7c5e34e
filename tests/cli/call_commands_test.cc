// calls list / export and online through the real prepaidctl binary and the API, on calls
// made by the billing CallService (what the RADIUS module calls) on the same database.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "billing/call_service.h"
#include "billing/mysql/mysql_store.h"
#include "cli_fixtures.h"
#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::make_cards;
using prepaid::cli::testing::make_tariff;
using prepaid::cli::testing::ServeProcess;
namespace billing = prepaid::billing;

namespace {

/// One answered 125-second call to the UK on card `number` (ended now), and one call in
/// progress to a UK mobile on card `other`.
void make_calls(const CliWorld& world, const std::string& number, const std::string& other) {
  auto store = std::make_shared<prepaid::mysql::MySqlStore>(world.database());
  billing::CallService calls(store);
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());

  billing::CallRequest done;
  done.account = number;
  done.key = {"192.0.2.10", "call-1"};
  done.called = "00442079460000";
  done.calling = "35929000000";
  done.at = now - std::chrono::seconds(200);
  REQUIRE(calls.authorize_call(done).code == billing::ReturnCode::ok);
  billing::AccountingEvent stop;
  stop.kind = billing::AccountingKind::stop;
  stop.key = done.key;
  stop.account = number;
  stop.called = done.called;
  stop.connect_at = now - std::chrono::seconds(125);
  stop.end_at = now;
  stop.session_time_s = 125;
  stop.event_at = now;
  stop.disconnect_cause = "10";
  REQUIRE(calls.record_accounting(stop).outcome == billing::AccountingOutcome::recorded);

  billing::CallRequest open;
  open.account = other;
  open.key = {"192.0.2.10", "call-2"};
  open.called = "447911123456";
  open.at = now;
  REQUIRE(calls.authorize_call(open).code == billing::ReturnCode::ok);
}

}  // namespace

TEST_CASE("calls list (today by default), filters, CSV export and calls in progress") {
  // Proves the call views on real CDRs and reservations, through the CLI and the API.
  CliWorld world;
  make_tariff(world);
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto created = make_cards(world, 2, "retail", {"--activation", "at_creation"});
  const auto a = created["cards"][0]["number"].get<std::string>();
  const auto b = created["cards"][1]["number"].get<std::string>();
  make_calls(world, a, b);

  // "Today" in a zone where the calls, made a few minutes ago, are not yesterday's.
  const auto since_midnight =
      std::chrono::system_clock::now().time_since_epoch() % std::chrono::hours(24);
  const std::string zone = since_midnight < std::chrono::minutes(10) ? "Asia/Tokyo" : "UTC";
  const auto today = world.ok({"calls", "list", "--zone", zone}, "bob");
  REQUIRE(today["calls"].size() == 1);
  const auto& call = today["calls"][0];
  CHECK(call["card"] == a);
  CHECK(call["destination"] == "United Kingdom");
  CHECK(call["duration_s"] == 125);
  CHECK(call["billed_s"] == 180);  // 60-second increments
  CHECK(call["price"] == "0.30");  // 3 × 0.10
  CHECK(call["currency"] == "EUR");
  CHECK(call["disconnect_cause"] == "10");
  CHECK(world.ok({"calls", "list", "--zone", zone, "--card", b}, "bob")["calls"].empty());
  CHECK(world.ok({"calls", "list", "--zone", zone, "--dialed", "44"}, "bob")["calls"].size() == 1);
  CHECK(world.ok({"calls", "list", "--zone", zone, "--dialed", "33"}, "bob")["calls"].empty());
  CHECK(world.ok({"calls", "list", "--from", "2001-01-01", "--to", "2001-01-02"}, "bob")["calls"]
            .empty());
  const auto table = world.run({"--as", "bob", "calls", "list", "--zone", zone});
  CHECK(table.out.find("0.30 EUR") != std::string::npos);

  const auto csv = world.run({"--as", "bob", "calls", "export", "--zone", zone});
  REQUIRE(csv.exit_code == 0);
  std::istringstream lines(csv.out);
  std::string header, row, extra;
  std::getline(lines, header);
  std::getline(lines, row);
  CHECK(header.rfind("id,call_at,card,calling,called", 0) == 0);
  CHECK(row.find("," + a + ",35929000000,00442079460000,") != std::string::npos);
  CHECK(row.find(",0.30,EUR,") != std::string::npos);
  CHECK_FALSE(std::getline(lines, extra));
  const auto file =
      std::filesystem::temp_directory_path() / ("calls_" + std::to_string(::getpid()) + ".csv");
  CHECK(world.run({"--as", "bob", "calls", "export", "--zone", zone, "--output", file.string()})
            .exit_code == 0);
  std::ifstream in(file);
  std::stringstream written;
  written << in.rdbuf();
  CHECK(written.str() == csv.out);
  std::filesystem::remove(file);

  const auto online = world.ok({"online"}, "bob");
  REQUIRE(online["sessions"].size() == 1);
  CHECK(online["sessions"][0]["card"] == b);
  CHECK(online["sessions"][0]["destination"] == "United Kingdom Mobile");
  CHECK(online["sessions"][0]["state"] == "reserved");
  CHECK(online["sessions"][0]["reserved"].is_string());

  const auto ledger = world.ok({"cards", "ledger", a}, "bob");
  REQUIRE(ledger["entries"].size() == 2);
  CHECK(ledger["entries"][1]["kind"] == "call_charge");
  CHECK(ledger["entries"][1]["amount"] == "-0.30");
  CHECK(world.ok({"cards", "ledger-check"})["ok"] == true);

  // The same through the API.
  ServeProcess serve(world);
  auto api = serve.client(world.token_for("carol", "operator"));
  auto listed = api->Get("/v1/calls?zone=" + zone);
  REQUIRE(listed);
  CHECK(json::parse(listed->body)["calls"][0]["price"] == "0.30");
  auto sessions = api->Get("/v1/online");
  REQUIRE(sessions);
  CHECK(json::parse(sessions->body)["sessions"][0]["card"] == b);
}

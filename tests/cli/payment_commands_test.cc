// The counter's payments through the real prepaidctl binary: booths pay, calls unserved and
// unserved-undo, the checkout's receipt, receipts show/list, payments list/undo, on calls made
// by the billing CallService (what the RADIUS module calls) on the same database.
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>

#include "billing/calls/call_service.h"
#include "billing/store/mysql/mysql_store.h"
#include "cli_fixtures.h"
#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::make_tariff;
namespace billing = prepaid::billing;

namespace {

/// A call of `seconds` to the UK (0.10 per started minute) from booth `booth`, ended now.
std::string make_call(const CliWorld& world, const std::string& booth, const std::string& id,
                      std::uint32_t seconds) {
  auto store = std::make_shared<prepaid::mysql::MySqlStore>(world.database());
  billing::CallService calls(store);
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  billing::CallRequest r;
  r.account = booth;
  r.key = {"192.0.2.10", id};
  r.called = "00442079460000";
  r.calling = "35929000000";
  r.at = now - std::chrono::seconds(seconds + 5);
  REQUIRE(calls.authorize_call(r).code == billing::ReturnCode::ok);
  billing::AccountingEvent stop;
  stop.kind = billing::AccountingKind::stop;
  stop.key = r.key;
  stop.account = booth;
  stop.called = r.called;
  stop.connect_at = now - std::chrono::seconds(seconds);
  stop.end_at = now;
  stop.session_time_s = seconds;
  stop.event_at = now;
  REQUIRE(calls.record_accounting(stop).outcome == billing::AccountingOutcome::recorded);
  auto tx = store->begin();
  auto cdr = tx->find_cdr(r.key);
  tx->commit();
  REQUIRE(cdr);
  return std::to_string(cdr->id);
}

/// A 40-column receipt line: `left`, spaces, `right`.
std::string line40(const std::string& left, const std::string& right) {
  return left + std::string(40 - left.size() - right.size(), ' ') + right + "\n";
}

}  // namespace

TEST_CASE("the counter pays, marks unserved and checks out; receipts reprint as issued") {
  // Proves booths pay (extras, rounding up to 0.05, change), calls unserved and its undo by an
  // administrator only, the checkout's receipt (the unpaid call, the unserved one at 0, the
  // deposit given back), receipts show at 40 and 48 columns and as JSON, the lists, payments
  // undo refused after the checkout, and that every refusal changes nothing.
  CliWorld world;
  make_tariff(world);
  world.ok({"shops", "add", "corner", "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--retail-tariff", "retail", "--receipt-header", "Corner Calls", "--rounding-step",
            "0.05", "--rounding", "up"});
  world.ok({"booths", "add", "--shop", "corner", "--label", "Cabin 1", "--number", "5550001",
            "--pin", "4321"});
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.ok({"operators", "set-shop", "olga", "--shop", "corner"});
  const auto shift = world.ok({"shifts", "open", "--float", "10.00"}, "olga");
  world.ok({"booths", "open", "5550001", "--prepaid", "5.00"}, "olga");
  const std::string c1 = make_call(world, "5550001", "c1", 125);  // 3 minutes: 0.30
  const std::string c2 = make_call(world, "5550001", "c2", 61);   // 2 minutes: 0.20
  const std::string c3 = make_call(world, "5550001", "c3", 30);   // 1 minute: 0.10

  const auto before = world.fingerprint();
  const auto refused = [&](const std::vector<std::string>& args, int exit_code,
                           const std::string& says, const std::string& who = "olga") {
    const auto run = world.as(who, args);
    CHECK_MESSAGE(run.exit_code == exit_code, run.err);
    CHECK_MESSAGE(run.err.find(says) != std::string::npos, run.err);
  };
  refused({"booths", "pay", "5550001", "--calls", c1, "--tendered", "0.10"}, 1,
          "less than the 0.30 EUR to pay");
  refused({"booths", "pay", "5550001", "--calls", c1, "--tendered", "-1.00"}, 1, "tendered");
  refused({"booths", "pay", "5550001", "--calls", "x1"}, 1, "whole number");
  refused({"booths", "pay", "5550001", "--calls", c1, "--extra", "Coffee"}, 1, "LABEL:PRICE");
  refused({"booths", "pay", "5550001", "--calls", c1 + "," + c1}, 1, "named twice");
  refused({"booths", "pay", "5550001", "--calls", "999999"}, 3, "no call 999999");
  CHECK(world.fingerprint() == before);

  // --preview: the same amounts as the payment below, nothing written; a payment that would
  // be refused is answered with its refusal (exit 0: a preview is an answer, not a change).
  const auto preview = world.ok({"booths", "pay", "5550001", "--calls", c1, "--extra",
                                 "Coffee:1.00:2", "--tendered", "5.00", "--preview"},
                                "olga");
  CHECK(preview["preview"] == true);
  CHECK(preview["payment"]["total"] == "2.30");
  CHECK(preview["payment"]["change"] == "2.70");
  CHECK_FALSE(preview["payment"].contains("receipt"));
  const auto short_by = world.ok(
      {"booths", "pay", "5550001", "--calls", c1, "--tendered", "0.10", "--preview"}, "olga");
  CHECK(short_by["refused"]["field"] == "tendered");
  CHECK(short_by["refused"]["message"].get<std::string>().find("less than the 0.30 EUR to pay") !=
        std::string::npos);
  const auto previewed = world.run({"--as", "olga", "booths", "pay", "5550001", "--calls", c1,
                                    "--extra", "Coffee:1.00:2", "--tendered", "5.00", "--preview"});
  CHECK(previewed.exit_code == 0);
  CHECK(previewed.out.find("preview: nothing written") != std::string::npos);
  CHECK(previewed.out.find("2.70 EUR") != std::string::npos);
  CHECK(world.fingerprint() == before);

  const auto paid = world.ok(
      {"booths", "pay", "5550001", "--calls", c1, "--extra", "Coffee:1.00:2", "--tendered", "5.00"},
      "olga")["payment"];
  CHECK(paid["receipt"] == 1);
  CHECK(paid["total"] == "2.30");
  CHECK(paid["change"] == "2.70");
  refused({"booths", "pay", "5550001", "--calls", c1}, 1, "already paid");

  CHECK(world.ok({"calls", "unserved", c2, "--reason", "wrong number"}, "olga")["call"]["state"] ==
        "unserved");
  refused({"calls", "unserved-undo", c2, "--reason", "oops"}, 4, "", "olga");
  world.ok({"calls", "unserved-undo", c2, "--reason", "the line was fine"});
  world.ok({"calls", "unserved", c2, "--reason", "bad line"}, "olga");

  const auto closed = world.ok({"booths", "close", "5550001"}, "olga");
  CHECK(closed["session"]["receipt"] == 2);
  CHECK(closed["session"]["settled"] == "-4.90");  // 5.00 − c3's 0.10

  const auto text = world.run({"--as", "olga", "receipts", "show", "--shop", "corner", "2"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find(line40("Receipt No", "2")) != std::string::npos);
  CHECK(text.out.find(line40("  United Kingdom (unserved)", "0.00")) != std::string::npos);
  CHECK(text.out.find(line40("TOTAL EUR", "0.10")) != std::string::npos);
  CHECK(text.out.find(line40("Deposit returned", "4.90")) != std::string::npos);
  const auto again = world.run({"--as", "olga", "receipts", "show", "--shop", "corner", "2"});
  CHECK(again.out == text.out);
  const auto wide =
      world.run({"--as", "olga", "receipts", "show", "--shop", "corner", "2", "--width", "48"});
  std::istringstream lines(wide.out);
  std::size_t widest = 0;
  for (std::string line; std::getline(lines, line);) widest = std::max(widest, line.size());
  CHECK(widest == 48);
  const auto shown = world.ok({"receipts", "show", "--shop", "corner", "2"}, "olga");
  CHECK(shown["receipt"]["number"] == 2);
  CHECK(shown["receipt"]["calls"].size() == 2);
  CHECK(shown["receipt"]["calls"][1]["unserved"] == true);
  refused({"receipts", "show", "--shop", "corner", "3"}, 3, "no receipt 3");

  CHECK(world.ok({"payments", "list"}, "olga")["payments"].size() == 2);
  CHECK(world
            .ok({"receipts", "list", "--shift", std::to_string(shift["shift"]["id"].get<int>())},
                "olga")["payments"]
            .size() == 2);
  const auto listed = world.run({"--as", "olga", "payments", "list"});
  CHECK(listed.out.find("checkout") != std::string::npos);
  const std::string first_id = std::to_string(paid["id"].get<int>());
  const auto closed_state = world.fingerprint();
  refused({"payments", "undo", first_id, "--reason", "x"}, 4, "", "olga");
  refused({"payments", "undo", first_id, "--reason", "x"}, 1, "is closed", "admin");
  CHECK(world.fingerprint() == closed_state);
  // Cash: 10.00 float + 5.00 deposit + 2.30 paid − 4.90 returned.
  const std::string shift_id = std::to_string(shift["shift"]["id"].get<int>());
  const auto report = world.ok({"shifts", "show", shift_id}, "olga");
  CHECK(report["expected"] == "12.40");
  CHECK(report["counter"]["calls"]["count"] == 3);
  CHECK(report["counter"]["unserved"]["amount"] == "0.20");
  CHECK(report["counter"]["revenue"] == "2.40");
  const auto printed =
      world.run({"--as", "olga", "shifts", "show", shift_id, "--text", "--width", "48"});
  CHECK(printed.exit_code == 0);
  CHECK(printed.out.find("Expected") != std::string::npos);
  CHECK(printed.out.find(std::string(48, '-')) != std::string::npos);
  const auto table = world.run({"--as", "olga", "shifts", "show", shift_id});
  CHECK(table.out.find("from deposits") != std::string::npos);
}

TEST_CASE("booths calls lists the open session's calls with their counter state") {
  // Proves booths calls (GET /v1/booths/{number}/calls) gives each call of the open session
  // with its state (unpaid, paid by its payment, unserved with its reason), nothing once the
  // booth is checked out, and refuses an operator of another shop and an unknown booth.
  CliWorld world;
  make_tariff(world);
  world.ok({"shops", "add", "corner", "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--retail-tariff", "retail"});
  world.ok({"shops", "add", "market", "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--retail-tariff", "retail"});
  world.ok({"booths", "add", "--shop", "corner", "--label", "Cabin 1", "--number", "5550001",
            "--pin", "4321"});
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.ok({"operators", "set-shop", "olga", "--shop", "corner"});
  world.ok({"operators", "add", "ivan", "--role", "operator"});
  world.ok({"operators", "set-shop", "ivan", "--shop", "market"});
  world.ok({"shifts", "open", "--float", "10.00"}, "olga");
  world.ok({"booths", "open", "5550001", "--prepaid", "5.00"}, "olga");
  const std::string c1 = make_call(world, "5550001", "c1", 125);
  const std::string c2 = make_call(world, "5550001", "c2", 61);
  const std::string c3 = make_call(world, "5550001", "c3", 30);
  const auto paid = world.ok({"booths", "pay", "5550001", "--calls", c1}, "olga")["payment"];
  world.ok({"calls", "unserved", c2, "--reason", "bad line"}, "olga");

  const auto listed = world.ok({"booths", "calls", "5550001"}, "olga");
  CHECK(listed["booth"] == "5550001");
  CHECK(listed["currency"] == "EUR");
  CHECK(listed["session"].is_number_integer());
  const auto& calls = listed["calls"];
  REQUIRE(calls.size() == 3);
  CHECK(std::to_string(calls[0]["id"].get<int>()) == c1);
  CHECK(calls[0]["counter_state"] == "paid");
  CHECK(calls[0]["payment"] == paid["id"]);
  CHECK(calls[0]["price"] == "0.30");
  CHECK(calls[1]["counter_state"] == "unserved");
  CHECK(calls[1]["reason"] == "bad line");
  CHECK(calls[1]["payment"].is_null());
  CHECK(std::to_string(calls[2]["id"].get<int>()) == c3);
  CHECK(calls[2]["counter_state"] == "unpaid");
  const auto table = world.run({"--as", "olga", "booths", "calls", "5550001"});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("unserved") != std::string::npos);

  const auto other = world.as("ivan", {"booths", "calls", "5550001"});
  CHECK(other.exit_code == 4);
  const auto unknown = world.as("olga", {"booths", "calls", "5559999"});
  CHECK(unknown.exit_code == 3);
  CHECK_MESSAGE(unknown.err.find("no booth 5559999") != std::string::npos, unknown.err);

  world.ok({"booths", "close", "5550001"}, "olga");
  const auto after = world.ok({"booths", "calls", "5550001"}, "olga");
  CHECK(after["session"].is_null());
  CHECK(after["calls"].empty());
}

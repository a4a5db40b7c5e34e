// calls list / export and online through the real prepaidctl binary and the API, on calls
// made by the billing CallService (what the RADIUS module calls) on the same database.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin-cli/command/instant_text.h"
#include "billing/calls/call_service.h"
#include "billing/clock.h"
#include "billing/store/mysql/mysql_store.h"
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

TEST_CASE("calls are found by the number as dialed or as listed, and by the tariff's day") {
  // Proves --dialed 0044, +44, 44 and "+44 20" all find a call listed as +442079460000 (0044
  // found nothing and +44 was refused), and that dates without --zone are the tariff's days
  // (Europe/Sofia), not UTC's: a call at 00:30 in Sofia, 22:30 UTC the day before, is on the
  // Sofia day. Explicit instants: nothing depends on when the test runs.
  CliWorld world;
  make_tariff(world);
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto number =
      make_cards(world, 1, "retail",
                 {"--activation", "at_creation", "--validity-days", "0"})["cards"][0]["number"]
          .get<std::string>();  // never expires: valid at any test instant
  const auto connect = prepaid::rating::Instant(std::chrono::seconds(1772490600));  // 22:30Z
  REQUIRE(prepaid::cli::instant_text(connect) == "2026-03-02T22:30:00Z");
  auto clock = std::make_shared<billing::ManualClock>(connect - std::chrono::seconds(60));
  auto store = std::make_shared<prepaid::mysql::MySqlStore>(world.database());
  billing::CallService calls(store, {}, clock);
  billing::CallRequest request;
  request.account = number;
  request.key = {"192.0.2.10", "midnight"};
  request.called = "+442079460000";
  REQUIRE(calls.authorize_call(request).code == billing::ReturnCode::ok);
  clock->set(connect + std::chrono::seconds(125));
  billing::AccountingEvent stop;
  stop.kind = billing::AccountingKind::stop;
  stop.key = request.key;
  stop.account = number;
  stop.called = request.called;
  stop.connect_at = connect;
  stop.end_at = clock->now();
  stop.session_time_s = 125;
  stop.event_at = clock->now();
  REQUIRE(calls.record_accounting(stop).outcome == billing::AccountingOutcome::recorded);

  auto listed = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"calls", "list"});
    return world.ok(args, "bob")["calls"];
  };
  const auto tuesday = listed({"--from", "2026-03-03", "--to", "2026-03-04"});
  REQUIRE(tuesday.size() == 1);
  CHECK(tuesday[0]["called"] == "+442079460000");
  CHECK(tuesday[0]["call_at"] == "2026-03-02T22:30:00Z");
  CHECK(listed({"--from", "2026-03-02", "--to", "2026-03-03"}).empty());
  CHECK(listed({"--from", "2026-03-02", "--to", "2026-03-03", "--zone", "UTC"}).size() == 1);
  CHECK(listed({"--from", "2026-03-02T22:00:00Z", "--to", "2026-03-02T23:00:00Z"}).size() == 1);
  CHECK(listed({"--from", "2026-03-03", "--to", "2026-03-04", "--card", number}).size() == 1);

  for (const char* dialed : {"0044", "+44", "44", "+44 20", "0044 20 7946"}) {
    CAPTURE(dialed);
    CHECK(listed({"--from", "2026-03-03", "--to", "2026-03-04", "--dialed", dialed}).size() == 1);
  }
  CHECK(listed({"--from", "2026-03-03", "--to", "2026-03-04", "--dialed", "+33"}).empty());
  const auto bad = world.as("bob", {"calls", "list", "--dialed", "+4a"});
  CHECK(bad.exit_code == 1);
  CHECK(json::parse(bad.err)["error"]["field"] == "dialed");
  const auto csv = world.run({"--as", "bob", "calls", "export", "--from", "2026-03-03", "--to",
                              "2026-03-04", "--dialed", "0044"});
  CHECK(csv.out.find(",+442079460000,") != std::string::npos);

  // A second tariff in another zone: "today" and local dates need a zone (or a card).
  world.ok({"tariffs", "create", "london", "--currency", "EUR", "--time-zone", "Europe/London",
            "--base-price-list", "day"});
  const auto ambiguous = world.as("bob", {"calls", "list"});
  CHECK(ambiguous.exit_code == 1);
  CHECK(json::parse(ambiguous.err)["error"]["field"] == "zone");
  CHECK(json::parse(ambiguous.err)["error"]["message"].get<std::string>().find(
            "Europe/London, Europe/Sofia") != std::string::npos);
  CHECK(listed({"--from", "2026-03-03", "--to", "2026-03-04", "--card", number}).size() == 1);
  CHECK(listed({"--from", "2026-03-02T22:00:00Z", "--to", "2026-03-02T23:00:00Z"}).size() == 1);
}

TEST_CASE("calls list, calls export and audit list refuse a local time skipped or repeated") {
  // Proves --from/--to read through Input::optional_instant: Europe/Sofia's repeated 03:30
  // (2026-10-25) and skipped 03:30 (2026-03-29) are refused naming the field, with quote's
  // explanation, on the CLI and the API (they were taken as the earlier reading and the jump);
  // the same times with an offset, and dates (America/Santiago's 2026-09-06, whose midnight is
  // skipped, included), still list. Nothing changes. Explicit dates only: no clock dependence.
  CliWorld world;
  make_tariff(world);  // Europe/Sofia: the zone of local dates and times without --zone
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto token = world.token_for("carol", "operator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const auto before = world.fingerprint();
  const std::string repeated =
      "2026-10-25 03:30:00 occurs twice in Europe/Sofia: the clocks went back from 04:00 EEST "
      "to 03:00 EET; add the offset you mean: 2026-10-25 03:30:00+03:00 (EEST, the first, "
      "2026-10-25 00:30:00 UTC) or 2026-10-25 03:30:00+02:00 (EET, the second, 2026-10-25 "
      "01:30:00 UTC)";
  const std::string skipped =
      "2026-03-29 03:30:00 does not exist in Europe/Sofia: the clocks went from 03:00 EET "
      "straight to 04:00 EEST; give a time they showed, or add the offset you mean "
      "(2026-03-29 03:30:00+02:00 is 04:30:00 EEST)";
  auto refused = [&](const std::vector<std::string>& args, const std::string& field,
                     const std::string& why) {
    CAPTURE(args.back());
    const auto run = world.as("bob", args);
    CHECK(run.exit_code == 1);
    const auto error = json::parse(run.err)["error"];
    CHECK(error["field"] == field);
    CHECK(error["message"] == field + ": " + why);
  };
  refused({"calls", "list", "--from", "2026-10-25T03:30", "--to", "2026-10-26"}, "from", repeated);
  refused({"calls", "list", "--from", "2026-03-28", "--to", "2026-03-29 03:30"}, "to", skipped);
  refused({"calls", "list", "--zone", "Europe/Sofia", "--from", "2026-10-25 03:30:00"}, "from",
          repeated);
  refused({"calls", "export", "--from", "2026-10-25T03:30", "--to", "2026-10-26"}, "from",
          repeated);
  const auto readable = world.run({"--as", "bob", "calls", "list", "--from", "2026-03-29T03:30"});
  CHECK(readable.exit_code == 1);
  CHECK(readable.err.find("from: " + skipped) != std::string::npos);
  // audit list reads its local times in --zone (default UTC).
  const auto audit =
      world.as("admin", {"audit", "list", "--zone", "Europe/Sofia", "--from", "2026-10-25T03:30"});
  CHECK(audit.exit_code == 1);
  CHECK(json::parse(audit.err)["error"]["message"] == "from: " + repeated);
  const auto api_refused = api->Get("/v1/calls?from=2026-10-25T03:30&to=2026-10-26");
  REQUIRE(api_refused);
  CHECK(api_refused->status == 400);
  CHECK(json::parse(api_refused->body)["error"]["field"] == "from");
  CHECK(json::parse(api_refused->body)["error"]["message"] == "from: " + repeated);
  CHECK(world.fingerprint() == before);

  // The same instants written so that they are one, and plain dates, are taken.
  auto listed = [&](const std::vector<std::string>& args) {
    CAPTURE(args.back());
    const auto run = world.as("bob", args);
    CHECK(run.exit_code == 0);
    return run.exit_code == 0 && json::parse(run.out)["calls"].is_array();
  };
  CHECK(listed(
      {"calls", "list", "--from", "2026-10-25T03:30+03:00", "--to", "2026-10-25T03:30+02:00"}));
  CHECK(listed({"calls", "list", "--from", "2026-03-29T04:00", "--to", "2026-03-30"}));
  CHECK(listed({"calls", "list", "--zone", "America/Santiago", "--from", "2026-09-06", "--to",
                "2026-09-07"}));
  CHECK(world.as("admin", {"audit", "list", "--zone", "Europe/Sofia", "--from", "2026-10-25"})
            .exit_code == 0);
  const auto api_listed = api->Get("/v1/calls?from=2026-10-25T03:30%2B02:00&to=2026-10-26");
  REQUIRE(api_listed);
  CHECK(api_listed->status == 200);
}

namespace {

/// An answered call of `seconds` on card `number` that connected at `connect` (a hand-set
/// clock: nothing depends on when the test runs).
void call_at(const CliWorld& world, const std::string& number, const std::string& session,
             prepaid::rating::Instant connect, int seconds) {
  auto clock = std::make_shared<billing::ManualClock>(connect - std::chrono::seconds(10));
  auto store = std::make_shared<prepaid::mysql::MySqlStore>(world.database());
  billing::CallService calls(store, {}, clock);
  billing::CallRequest request;
  request.account = number;
  request.key = {"192.0.2.10", session};
  request.called = "+442079460000";
  REQUIRE(calls.authorize_call(request).code == billing::ReturnCode::ok);
  clock->set(connect + std::chrono::seconds(seconds));
  billing::AccountingEvent stop;
  stop.kind = billing::AccountingKind::stop;
  stop.key = request.key;
  stop.account = number;
  stop.called = request.called;
  stop.connect_at = connect;
  stop.end_at = clock->now();
  stop.session_time_s = static_cast<std::uint32_t>(seconds);
  stop.event_at = clock->now();
  REQUIRE(calls.record_accounting(stop).outcome == billing::AccountingOutcome::recorded);
}

}  // namespace

TEST_CASE("calls summary: per local hour or day, through the CLI and the API") {
  // Proves `calls summary` and GET /v1/calls/summary sum the calls per local hour of the
  // tariff's zone (Europe/Sofia's 25-hour 2026-10-25: the two 03:00 hours apart) or per day,
  // with the revenue the calls list shows, a table for people, and refusals naming their
  // parameter (--by, from, zone) that change nothing.
  CliWorld world;
  make_tariff(world);  // Europe/Sofia
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto number =
      make_cards(world, 1, "retail",
                 {"--activation", "at_creation", "--validity-days", "0"})["cards"][0]["number"]
          .get<std::string>();
  using prepaid::rating::Instant;
  call_at(world, number, "first-03", Instant(std::chrono::seconds(1792888200)), 125);  // 00:30Z
  call_at(world, number, "second-03", Instant(std::chrono::seconds(1792891800)), 61);  // 01:30Z
  call_at(world, number, "evening", Instant(std::chrono::seconds(1792940400)), 30);    // 15:00Z
  const auto calls =
      world.ok({"calls", "list", "--from", "2026-10-25", "--to", "2026-10-26"}, "bob")["calls"];
  REQUIRE(calls.size() == 3);
  auto micros = [](const json& amount) {
    return prepaid::rating::Money::parse(amount.get<std::string>())->micros();
  };
  std::int64_t listed_total = 0;
  for (const auto& c : calls) listed_total += micros(c["price"]);

  const auto s =
      world.ok({"calls", "summary", "--from", "2026-10-25", "--to", "2026-10-26"}, "bob");
  CHECK(s["zone"] == "Europe/Sofia");
  CHECK(s["by"] == "hour");
  CHECK(s["from"] == "2026-10-25T00:00:00+03:00");
  CHECK(s["to"] == "2026-10-26T00:00:00+02:00");
  REQUIRE(s["periods"].size() == 25);
  CHECK(s["periods"][3]["start"] == "2026-10-25T03:00:00+03:00");
  CHECK(s["periods"][3]["end"] == "2026-10-25T03:00:00+02:00");
  CHECK(s["periods"][3]["calls"] == 1);
  CHECK(s["periods"][3]["billed_s"] == 180);
  CHECK(s["periods"][4]["start"] == "2026-10-25T03:00:00+02:00");
  CHECK(s["periods"][4]["calls"] == 1);
  CHECK(s["periods"][18]["start"] == "2026-10-25T17:00:00+02:00");
  CHECK(s["periods"][18]["calls"] == 1);
  CHECK(s["periods"][0]["calls"] == 0);
  CHECK(s["periods"][0]["revenue"].empty());
  CHECK(s["total"]["calls"] == 3);
  REQUIRE(s["total"]["revenue"].size() == 1);
  CHECK(s["total"]["revenue"][0]["currency"] == "EUR");
  CHECK(micros(s["total"]["revenue"][0]["amount"]) == listed_total);

  const auto by_day = world.ok(
      {"calls", "summary", "--from", "2026-10-01", "--to", "2026-11-01", "--by", "day"}, "bob");
  REQUIRE(by_day["periods"].size() == 31);
  CHECK(by_day["periods"][24]["start"] == "2026-10-25T00:00:00+03:00");
  CHECK(by_day["periods"][24]["calls"] == 3);
  CHECK(by_day["total"] == s["total"]);
  CHECK(world
            .ok({"calls", "summary", "--from", "2026-10-25", "--to", "2026-10-26", "--zone",
                 "Asia/Kathmandu"},
                "bob")["periods"]
            .size() == 24);

  const auto table =
      world.run({"--as", "bob", "calls", "summary", "--from", "2026-10-25", "--to", "2026-10-26"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("2026-10-25 03:00 +03:00") != std::string::npos);
  CHECK(table.out.find("2026-10-25 03:00 +02:00") != std::string::npos);
  CHECK(table.out.find("TOTAL") != std::string::npos);
  CHECK(table.out.find(s["total"]["revenue"][0]["amount"].get<std::string>() + " EUR") !=
        std::string::npos);

  const auto token = world.token_for("carol", "operator");
  const auto before = world.fingerprint();
  const auto bad_by = world.as("bob", {"calls", "summary", "--by", "week"});
  CHECK(bad_by.exit_code != 0);
  CHECK(json::parse(bad_by.err)["error"]["field"] == "by");
  const auto no_from = world.as("bob", {"calls", "summary", "--to", "2026-10-26"});
  CHECK(no_from.exit_code == 1);
  CHECK(json::parse(no_from.err)["error"]["field"] == "from");

  ServeProcess serve(world);
  auto api = serve.client(token);
  auto got = api->Get("/v1/calls/summary?from=2026-10-25&to=2026-10-26");
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(json::parse(got->body) == s);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?by=week", "by"},
           {"?to=2026-10-26", "from"},
           {"?zone=Mars/Olympus", "zone"},
           {"?from=2026-01-01&to=2026-03-01", "to"},  // 59 days by hour: too many periods
           {"?from=2026-10-25T03:30&to=2026-10-26", "from"}}) {
    CAPTURE(query);
    auto refused = api->Get("/v1/calls/summary" + query);
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(json::parse(refused->body)["error"]["field"] == field);
  }
  CHECK(world.fingerprint() == before);
}

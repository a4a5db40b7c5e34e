// The HTTP API through `prepaidctl serve` on a random 127.0.0.1 port and a real HTTP client.
#include "admin-cli/api/api_server.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "admin-cli/api/router.h"
#include "cli_fixtures.h"
#include "cli_world.h"
#include "raw_client.h"

using nlohmann::json;
using prepaid::cli::all_commands;
using prepaid::cli::Router;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::kDayDeck;
using prepaid::cli::testing::make_cards;
using prepaid::cli::testing::make_tariff;
using prepaid::cli::testing::run_program;
using prepaid::cli::testing::ServeProcess;

namespace {

/// An HTTP client that records which routes it reached (to prove every route was tested), and
/// checks that every change it makes (a 2xx reply to POST, PUT, PATCH or DELETE) is in the
/// audit log, by `actor`, from an "api <address>" source.
class Api {
 public:
  Api(const ServeProcess& serve, const std::string& token, const CliWorld& world, std::string actor)
      : client_(serve.client(token)), world_(&world), actor_(std::move(actor)) {}

  httplib::Result get(const std::string& path, const httplib::Params& query = {}) {
    note("GET", path);
    return client_->Get(path, query, httplib::Headers{}, httplib::Progress{});
  }
  httplib::Result post(const std::string& path, const json& body) {
    return post_text(path, body.dump(), "application/json");
  }
  httplib::Result post_text(const std::string& path, const std::string& body,
                            const std::string& type) {
    note("POST", path);
    return audited([&] { return client_->Post(path, body, type); });
  }
  httplib::Result put(const std::string& path, const json& body) {
    return put_text(path, body.dump(), "application/json");
  }
  httplib::Result put_text(const std::string& path, const std::string& body,
                           const std::string& type) {
    note("PUT", path);
    return audited([&] { return client_->Put(path, body, type); });
  }
  httplib::Result patch(const std::string& path, const json& body) {
    note("PATCH", path);
    return audited([&] { return client_->Patch(path, body.dump(), "application/json"); });
  }
  httplib::Result del(const std::string& path) {
    note("DELETE", path);
    return audited([&] { return client_->Delete(path); });
  }
  /// The routes reached so far, as "METHOD /pattern".
  static std::set<std::string>& reached() {
    static std::set<std::string> routes;
    return routes;
  }

 private:
  template <class F>
  httplib::Result audited(F&& request) {
    const auto before = world_->last_audit_id();
    auto result = request();
    if (result && result->status >= 200 && result->status < 300) {
      world_->require_audited_since(before, actor_, "api ");
    }
    return result;
  }

  void note(const std::string& method, const std::string& path) {
    static const Router router(all_commands());
    const auto m = router.match(method, path.substr(0, path.find('?')));
    if (m.command) reached().insert(method + " " + m.command->path);
  }
  std::unique_ptr<httplib::Client> client_;
  const CliWorld* world_;
  std::string actor_;
};

json body_of(const httplib::Result& r) {
  REQUIRE(r);
  auto j = json::parse(r->body, nullptr, false);
  if (j.is_discarded()) FAIL("not JSON: " << r->status << " " << r->body);
  return j;
}

/// The reply's JSON after checking its status.
json expect(const httplib::Result& r, int status) {
  REQUIRE_MESSAGE(r, "no HTTP reply: " << httplib::to_string(r.error()));
  INFO(r->status << " " << r->body);
  CHECK(r->status == status);
  return body_of(r);
}

std::string error_code(const httplib::Result& r) {
  return body_of(r)["error"]["code"];
}

}  // namespace

TEST_CASE(
    "no token, a bad token or a revoked one: 401; an operator on an administrator route: 403") {
  // Proves authentication and that the role is checked on routes, as on commands.
  CliWorld world;
  make_tariff(world);
  const auto admin = world.token_for("carol", "administrator");
  const auto op = world.token_for("bob", "operator");
  ServeProcess serve(world);
  CHECK(serve.banner().find("http://127.0.0.1:") != std::string::npos);

  auto anonymous = serve.client()->Get("/v1/cards");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(anonymous->get_header_value("WWW-Authenticate").find("Bearer") == 0);
  CHECK(error_code(anonymous) == "unauthenticated");
  auto bad = serve.client("pp_" + std::string(64, '0'))->Get("/v1/cards");
  CHECK(bad->status == 401);
  auto basic = serve.client()->Get("/v1/cards", {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  CHECK(basic->status == 401);

  Api as_operator(serve, op, world, "bob");
  const auto before = world.fingerprint();
  auto create = as_operator.post("/v1/tariffs",
                                 {{"name", "x"}, {"currency", "EUR"}, {"base_price_list", "day"}});
  CHECK(create->status == 403);
  CHECK(error_code(create) == "forbidden");
  CHECK(as_operator.post("/v1/operators", {{"name", "eve"}, {"role", "administrator"}})->status ==
        403);
  CHECK(as_operator.get("/v1/audit")->status == 403);
  CHECK(as_operator.get("/v1/cards", {{"with_pins", "true"}})->status == 403);
  CHECK(world.fingerprint() == before);
  CHECK(as_operator.get("/v1/cards")->status == 200);

  Api as_admin(serve, admin, world, "carol");
  const auto tokens = expect(as_admin.get("/v1/tokens", {{"operator", "bob"}}), 200);
  REQUIRE(tokens["tokens"].size() == 1);
  const auto id = tokens["tokens"][0]["id"].get<std::int64_t>();
  expect(as_admin.del("/v1/tokens/" + std::to_string(id)), 200);
  CHECK(as_operator.get("/v1/cards")->status == 401);  // revoked: at once
}

TEST_CASE("bad JSON, unknown fields, numbers for money and huge bodies: clear errors, no change") {
  // Proves the API's input refusals name the problem (and the field) and change nothing.
  CliWorld world;
  make_tariff(world);
  const auto number = make_cards(world, 1)["cards"][0]["number"].get<std::string>();
  const auto admin = world.token_for("carol", "administrator");
  ServeProcess serve(world, {"--max-body-bytes", "65536", "--max-json-bytes", "65536"});
  Api api(serve, admin, world, "carol");
  const auto before = world.fingerprint();
  const std::string recharge = "/v1/cards/" + number + "/recharge";

  auto truncated =
      api.post_text(recharge, R"({"amount": "1.00", "currency": )", "application/json");
  CHECK(truncated->status == 400);
  CHECK(error_code(truncated) == "invalid_json");
  auto array = api.post_text(recharge, "[1, 2]", "application/json");
  CHECK(array->status == 400);
  auto unknown = api.post(recharge, {{"amount", "1.00"}, {"currency", "EUR"}, {"amuont", "5"}});
  CHECK(unknown->status == 400);
  CHECK(body_of(unknown)["error"]["field"] == "amuont");
  auto float_money = api.post(recharge, {{"amount", 1.5}, {"currency", "EUR"}});
  CHECK(float_money->status == 400);
  CHECK(body_of(float_money)["error"]["field"] == "amount");
  auto missing = api.post(recharge, {{"amount", "1.00"}});
  CHECK(body_of(missing)["error"]["field"] == "currency");
  auto wrong_type =
      api.post("/v1/cards",
               {{"count", "many"}, {"amount", "1.00"}, {"currency", "EUR"}, {"tariff", "retail"}});
  CHECK(body_of(wrong_type)["error"]["field"] == "count");
  auto path_and_body =
      api.post(recharge, {{"number", "1"}, {"amount", "1.00"}, {"currency", "EUR"}});
  CHECK(path_and_body->status == 400);
  auto currency = api.post(recharge, {{"amount", "1.00"}, {"currency", "USD"}});
  CHECK(currency->status == 422);
  CHECK(error_code(currency) == "currency_mismatch");
  auto query_typo = api.get("/v1/cards", {{"stauts", "active"}});
  CHECK(query_typo->status == 400);
  CHECK(body_of(query_typo)["error"]["field"] == "stauts");

  const std::string huge(200000, 'x');
  auto too_big = api.post_text(recharge, R"({"reason": ")" + huge + "\"}", "application/json");
  REQUIRE(too_big);
  CHECK(too_big->status == 413);
  CHECK(error_code(too_big) == "payload_too_large");
  auto huge_deck =
      api.put_text("/v1/tariffs/retail/lists/day", std::string(100000, '4'), "text/csv");
  CHECK(huge_deck->status == 413);
  auto broken_deck = api.put_text("/v1/tariffs/retail/lists/day",
                                  "prefix,destination,rate\n44,UK,0.10\n4x,Bad,0.1\n", "text/csv");
  CHECK(broken_deck->status == 400);
  CHECK(body_of(broken_deck)["error"]["details"].size() == 1);
  auto file_ref = api.post_text("/v1/tariff-files",
                                "[tariff]\nname = t\ncurrency = EUR\nzone = UTC\nbase = day\n"
                                "[pricelist day]\nfile = /etc/passwd\n",
                                "text/plain");
  CHECK(file_ref->status == 400);
  CHECK(body_of(file_ref)["error"]["field"] == "file");
  CHECK(body_of(file_ref).dump().find("root:") == std::string::npos);
  CHECK(world.fingerprint() == before);

  // The server is still healthy after all of that.
  CHECK(api.get("/v1/cards/" + number)->status == 200);
}

TEST_CASE("unknown routes are 404 and known paths with another method are 405 with Allow") {
  // Proves the router's answers over HTTP.
  CliWorld world;
  const auto admin = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto c = serve.client(admin);
  auto none = c->Get("/v1/nothing");
  CHECK(none->status == 404);
  CHECK(error_code(none) == "no_route");
  auto wrong = c->Delete("/v1/cards");
  CHECK(wrong->status == 405);
  CHECK(wrong->get_header_value("Allow").find("GET") != std::string::npos);
  CHECK(error_code(wrong) == "method_not_allowed");
}

TEST_CASE("every route works through the API, and each change is audited with its API actor") {
  // Proves the whole route table end to end (the test fails when a route is never reached).
  CliWorld world;
  const auto admin_token = world.token_for("carol", "administrator");
  const auto op_token = world.token_for("bob", "operator");
  ServeProcess serve(world);
  Api api(serve, admin_token, world, "carol");
  Api op(serve, op_token, world, "bob");

  expect(api.get("/v1/db/version"), 200);
  // Tariffs.
  auto tariff = expect(api.post("/v1/tariffs", {{"name", "retail"},
                                                {"currency", "EUR"},
                                                {"time_zone", "Europe/Sofia"},
                                                {"base_price_list", "day"}}),
                       201);
  CHECK(tariff["currency"] == "EUR");
  expect(api.patch("/v1/tariffs/retail", {{"rounding_method", "up"}}), 200);
  CHECK(expect(api.get("/v1/tariffs"), 200)["tariffs"].size() == 1);
  auto imported = expect(api.put_text("/v1/tariffs/retail/lists/day", kDayDeck, "text/csv"), 200);
  CHECK(imported["rates"] == 3);
  auto csv = api.get("/v1/tariffs/retail/lists/day");
  REQUIRE(csv);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->body.find("United Kingdom Mobile") != std::string::npos);
  CHECK(expect(api.get("/v1/tariffs/retail/lists"), 200)["lists"].size() == 1);
  expect(api.put("/v1/tariffs/retail/lists/day/rates/4420",
                 {{"destination", "London"}, {"rate", "0.08"}}),
         200);
  CHECK(expect(api.get("/v1/tariffs/retail/lists/day/rates", {{"prefix", "44"}}), 200)["rates"]
            .size() == 3);
  expect(api.del("/v1/tariffs/retail/lists/day/rates/4420"), 200);
  expect(api.put_text("/v1/tariffs/retail/lists/night", "prefix,destination,rate\n44,UK,0.01\n",
                      "text/csv"),
         200);
  expect(api.post("/v1/tariffs/retail/rules",
                  {{"name", "night"}, {"price_list", "night"}, {"time", "22:00-06:00"}}),
         201);
  CHECK(expect(api.get("/v1/tariffs/retail/rules"), 200)["rules"].size() == 1);
  expect(api.del("/v1/tariffs/retail/rules/night"), 200);
  expect(api.del("/v1/tariffs/retail/lists/night"), 200);
  expect(api.post("/v1/tariffs/retail/holidays", {{"date", "2026-12-24"}, {"name", "Eve"}}), 201);
  CHECK(expect(api.get("/v1/tariffs/retail/holidays"), 200)["holidays"].size() == 1);
  expect(api.del("/v1/tariffs/retail/holidays/2026-12-24"), 200);
  auto file = api.get("/v1/tariffs/retail/file");
  REQUIRE(file);
  CHECK(file->status == 200);
  auto file_copy = file->body;
  const auto name_at = file_copy.find("retail");
  REQUIRE(name_at != std::string::npos);
  file_copy.replace(name_at, 6, "resale");
  CHECK(expect(api.post_text("/v1/tariff-files", file_copy, "text/plain"), 200)["name"] ==
        "resale");
  auto quote = expect(
      op.get("/v1/tariffs/retail/quote",
             {{"number", "447911123456"}, {"start", "2026-11-23 12:00"}, {"duration_s", "61"}}),
      200);
  CHECK(quote["billed_s"] == 66);  // 30 + 6-second increments
  CHECK(quote["total"] == "0.22");

  // Cards.
  auto created = expect(api.post("/v1/cards", {{"count", 3},
                                               {"amount", "5.00"},
                                               {"currency", "EUR"},
                                               {"tariff", "retail"},
                                               {"activation", "manual"},
                                               // long PINs: the log checks below must not
                                               // find one by chance in a time stamp
                                               {"pin_length", 12}}),
                        201);
  REQUIRE(created["cards"].size() == 3);
  const auto batch = std::to_string(created["batch"]["id"].get<std::int64_t>());
  std::vector<std::string> n;
  for (const auto& c : created["cards"]) n.push_back(c["number"]);
  auto listed = expect(op.get("/v1/cards", {{"batch", batch}, {"limit", "2"}}), 200);
  CHECK(listed["total"] == 3);
  CHECK(listed["cards"].size() == 2);
  CHECK_FALSE(expect(op.get("/v1/cards/" + n[0]), 200).contains("pin"));
  CHECK(expect(api.get("/v1/cards/" + n[0], {{"with_pin", "true"}}), 200)["pin"] ==
        created["cards"][0]["pin"]);
  auto recharge = expect(
      op.post("/v1/cards/" + n[0] + "/recharge", {{"amount", "2.50"}, {"currency", "EUR"}}), 201);
  CHECK(recharge["balance_after"] == "7.50");
  expect(api.post("/v1/cards/" + n[0] + "/adjustments", {{"kind", "adjustment"},
                                                         {"amount", "-0.50"},
                                                         {"currency", "EUR"},
                                                         {"reason", "correction"}}),
         201);
  CHECK(expect(api.post("/v1/cards/disable", {{"numbers", {n[1]}}}), 200)["cards"][0]["status"] ==
        "disabled");
  expect(api.post("/v1/cards/enable", {{"numbers", {n[1]}}}), 200);
  CHECK(expect(api.put("/v1/cards/" + n[1] + "/pin", {{"pin", "97531"}}), 200)["pin"] == "97531");
  CHECK(expect(api.post("/v1/cards/" + n[1] + "/activate", json::object()), 200)["status"] ==
        "active");
  expect(api.post("/v1/cards/" + n[1] + "/touch", json::object()), 200);
  const json unlocked = expect(api.post("/v1/cards/" + n[1] + "/unlock", json::object()), 200);
  CHECK(unlocked["locked_until"].is_null());
  CHECK(unlocked["pin_failures"] == 0);
  expect(op.post("/v1/cards/" + n[1] + "/unlock", json::object()), 403);  // administrators only
  CHECK(expect(api.patch("/v1/cards/" + n[1], {{"max_concurrent", 2}}), 200)["max_concurrent"] ==
        2);
  CHECK(expect(op.get("/v1/cards/" + n[0] + "/ledger"), 200)["entries"].size() == 3);
  CHECK(expect(api.get("/v1/ledger/check"), 200)["ok"] == true);
  CHECK(expect(api.get("/v1/batches"), 200)["batches"].size() == 1);
  CHECK(expect(api.get("/v1/batches/" + batch), 200)["cards"].size() == 3);
  CHECK(expect(api.post("/v1/cards/drop", {{"batch", std::stoll(batch)}}), 200)["cards"].size() ==
        3);

  // Calls (none yet: the RADIUS side makes them), online sessions.
  CHECK(expect(op.get("/v1/calls", {{"zone", "Europe/Sofia"}}), 200)["calls"].empty());
  const auto summary = expect(op.get("/v1/calls/summary", {{"zone", "Europe/Sofia"}}), 200);
  CHECK(summary["total"]["calls"] == 0);
  CHECK(summary["periods"].size() >= 23);
  auto export_csv = op.get("/v1/calls/export", {{"from", "2026-01-01"}, {"to", "2026-02-01"}});
  REQUIRE(export_csv);
  CHECK(export_csv->status == 200);
  CHECK(export_csv->body.rfind("id,call_at,card", 0) == 0);
  CHECK(expect(op.get("/v1/online"), 200)["sessions"].empty());

  // NAS settings for Disconnect-Requests: the secret is never returned; stopping an unknown
  // call is refused and changes nothing (tests/radius/e2e_disconnect_test.cc stops real ones).
  const auto nas = expect(
      api.post("/v1/nas", {{"nas", "127.0.0.1"}, {"dae_port", 3799}, {"secret", "nas-secret-77"}}),
      201);
  CHECK(nas["dae_address"] == "127.0.0.1");
  CHECK_FALSE(nas.contains("secret"));
  expect(op.post("/v1/nas", {{"nas", "127.0.0.2"}, {"secret", "x"}}), 403);
  CHECK(expect(api.patch("/v1/nas/127.0.0.1", {{"dae_port", 1700}}), 200)["dae_port"] == 1700);
  const auto nas_list = op.get("/v1/nas");
  CHECK(expect(nas_list, 200)["nas"].size() == 1);
  CHECK(nas_list->body.find("nas-secret-77") == std::string::npos);
  const auto before_stop = world.fingerprint();
  const auto unknown =
      op.post("/v1/calls/disconnect", {{"nas", "127.0.0.1"}, {"session_id", "no-such-call"}});
  expect(unknown, 404);
  CHECK(error_code(unknown) == "not_found");
  expect(op.post("/v1/calls/disconnect", {{"nas", "127.0.0.9"}, {"session_id", "x"}}), 404);
  expect(op.post("/v1/calls/disconnect", {{"session_id", "x"}}), 400);
  CHECK(world.fingerprint() == before_stop);
  CHECK(expect(op.get("/v1/calls/disconnects"), 200)["attempts"].empty());
  expect(api.del("/v1/nas/127.0.0.1"), 200);

  // Operators and tokens.
  expect(api.post("/v1/operators", {{"name", "dave"}, {"role", "operator"}}), 201);
  CHECK(expect(api.patch("/v1/operators/dave", {{"role", "administrator"}}), 200)["role"] ==
        "administrator");
  CHECK(expect(api.get("/v1/operators"), 200)["operators"].size() == 4);
  auto token = expect(api.post("/v1/tokens", {{"operator", "dave"}, {"label", "web"}}), 201);
  CHECK(token["token"].get<std::string>().rfind("pp_", 0) == 0);
  CHECK(expect(api.get("/v1/tokens"), 200)["tokens"].size() == 3);
  expect(api.del("/v1/tokens/" + std::to_string(token["id"].get<std::int64_t>())), 200);
  CHECK(expect(api.put("/v1/operators/dave/password", {{"password", "a long passphrase"}}),
               200)["name"] == "dave");
  CHECK(expect(api.put("/v1/operators/dave/language", {{"language", "bg"}}), 200)["language"] ==
        "bg");
  expect(api.del("/v1/operators/dave"), 200);

  // Shops and booths (bob, an operator, reads those of the shop he works).
  expect(api.post("/v1/shops", {{"name", "corner"},
                                {"currency", "EUR"},
                                {"time_zone", "Europe/Sofia"},
                                {"retail_tariff", "retail"},
                                {"receipt_header", {"Corner Calls", "1 Main Street"}},
                                {"rounding_step", "0.05"},
                                {"rounding", "up"}}),
         201);
  CHECK(expect(api.patch("/v1/shops/corner", {{"rounding", "nearest"}}), 200)["rounding"] ==
        "nearest");
  auto booth = expect(
      api.post("/v1/booths", {{"shop", "corner"}, {"label", "Cabin 1"}, {"number", "5550001"}}),
      201);
  CHECK(booth["pin"].get<std::string>().size() == 6);
  CHECK(expect(op.get("/v1/shops"), 200)["shops"].empty());
  CHECK(expect(api.put("/v1/operators/bob/shop", {{"shop", "corner"}}), 200)["shop"] == "corner");
  CHECK(expect(op.get("/v1/shops"), 200)["shops"].size() == 1);
  CHECK(expect(op.get("/v1/shops/corner"), 200)["receipt_header"].size() == 2);
  CHECK(expect(op.get("/v1/booths", {{"shop", "corner"}}), 200)["booths"].size() == 1);
  CHECK(expect(op.get("/v1/booths/5550001"), 200)["label"] == "Cabin 1");
  CHECK(op.post("/v1/booths/5550001/disable", json::object())->status == 403);
  CHECK(expect(api.post("/v1/booths/5550001/disable", json::object()), 200)["status"] ==
        "disabled");
  CHECK(expect(api.post("/v1/booths/5550001/enable", json::object()), 200)["status"] == "active");

  // Bob's shift at the counter: float, cash in and out, the report, the close.
  auto shift = expect(op.post("/v1/shifts", {{"float", "50.00"}}), 201);
  const auto shift_path = "/v1/shifts/" + std::to_string(shift["shift"]["id"].get<std::int64_t>());
  CHECK(expect(op.post("/v1/cash/in", {{"amount", "20.00"}, {"reason", "float"}}), 201)["amount"] ==
        "20.00");
  CHECK(expect(op.post("/v1/cash/out",
                       {{"amount", "12.35"}, {"reason", "expense"}, {"note", "light bulbs"}}),
               201)["amount"] == "-12.35");
  // A customer at booth 5550001: a deposit of 5.00, no call, all of it handed back.
  CHECK(expect(op.post("/v1/booths/5550001/open", {{"prepaid", "5.00"}}), 201)["state"] == "open");
  CHECK(expect(op.get("/v1/booths/5550001"), 200)["session"]["available"] == "5.00");
  expect(op.post("/v1/booths/5550001/stop", json::object()), 412);  // no call in progress
  const auto session_calls = expect(op.get("/v1/booths/5550001/calls"), 200);
  CHECK(session_calls["session"].is_number_integer());
  CHECK(session_calls["calls"].empty());
  // The counter's payment routes (calls_payment_commands_test pays real calls): unknown calls
  // and payments are refused.
  CHECK(error_code(op.post("/v1/booths/5550001/payments", {{"calls", {"999999"}}})) == "not_found");
  CHECK(error_code(op.post("/v1/calls/999999/unserved", {{"reason", "wrong number"}})) ==
        "not_found");
  CHECK(op.post("/v1/calls/999999/unserved/undo", {{"reason", "x"}})->status == 403);
  CHECK(error_code(api.post("/v1/calls/999999/unserved/undo", {{"reason", "x"}})) == "not_found");
  CHECK(error_code(api.post("/v1/payments/999999/undo", {{"reason", "x"}})) == "not_found");
  const auto closed_booth = expect(
      op.post("/v1/booths/5550001/close", {{"method", "cash"}, {"extra", {"Coffee:1.00"}}}), 200);
  CHECK(closed_booth["session"]["settled"] == "-4.00");  // the coffee out of the deposit
  CHECK(closed_booth["session"]["receipt"] == 1);
  CHECK(expect(op.get("/v1/payments"), 200)["payments"].size() == 1);
  CHECK(expect(op.get("/v1/receipts", {{"shop", "corner"}}), 200)["payments"][0]["receipt"] == 1);
  const auto receipt = expect(op.get("/v1/receipts/1", {{"shop", "corner"}, {"width", "48"}}), 200);
  CHECK(receipt["text"].get<std::string>().find("Coffee") != std::string::npos);
  CHECK(receipt["receipt"]["total"] == "1.00");
  CHECK(expect(op.get(shift_path), 200)["expected"] == "58.65");  // and the coffee
  // The shop's upstream account (its cost tariff: the retail one will do here).
  expect(api.patch("/v1/shops/corner", {{"cost_tariff", "retail"}}), 200);
  expect(op.put("/v1/shops/corner/upstream", {{"warn_below", "1.00"}}), 403);
  CHECK(expect(api.put("/v1/shops/corner/upstream", {{"warn_below", "1.00"}}), 200)["currency"] ==
        "EUR");
  CHECK(expect(api.post("/v1/shops/corner/upstream/recharge", {{"amount", "10.00"}}),
               201)["balance_after"] == "10.00");
  CHECK(expect(op.get("/v1/shops/corner/upstream"), 200)["ledger"].size() == 1);
  CHECK(expect(api.get("/v1/upstream/check"), 200)["ok"] == true);
  CHECK(expect(op.get("/v1/shifts", {{"open", "true"}}), 200)["shifts"].size() == 1);
  CHECK(expect(op.post(shift_path + "/close", {{"counted", "58.00"}}), 200)["difference"] ==
        "-0.65");

  // The audit log: every change above, by its API actor.
  const auto audit = expect(api.get("/v1/audit", {{"limit", "1000"}}), 200);
  std::set<std::string> actors;
  for (const auto& e : audit["entries"]) {
    if (e["source"].get<std::string>().rfind("api ", 0) == 0) actors.insert(e["actor"]);
  }
  CHECK(actors == std::set<std::string>{"bob", "carol"});
  // bob's recharge, his shift (open, cash in, cash out, close) and the booth's session (its
  // account and the booth, at the open and at the checkout, and the checkout's payment).
  CHECK(expect(api.get("/v1/audit", {{"actor", "bob"}}), 200)["entries"].size() == 10);
  const auto rows = world.sql("SELECT * FROM audit_log");
  CHECK(rows.find("97531") == std::string::npos);
  CHECK(rows.find("nas-secret-77") == std::string::npos);
  for (const auto& c : created["cards"])
    CHECK(rows.find(c["pin"].get<std::string>()) == std::string::npos);

  // The access log names requests, never tokens, PINs or bodies.
  const auto log = serve.log();
  CHECK(log.find("carol POST /v1/cards 201") != std::string::npos);
  CHECK(log.find(admin_token) == std::string::npos);
  CHECK(log.find("97531") == std::string::npos);
  for (const auto& c : created["cards"])
    CHECK(log.find(c["pin"].get<std::string>()) == std::string::npos);
  CHECK(serve.stop() == 0);

  // Every route of the server was reached by this test.
  const Router router(all_commands());
  for (const auto& r : router.routes()) {
    CHECK_MESSAGE(Api::reached().count(r.method + " " + r.pattern),
                  "untested route: " << r.method << " " << r.pattern);
  }
}

TEST_CASE("the allow-list refuses other client addresses before anything else") {
  // Proves --allow: 127.0.0.1 is outside 10.0.0.0/8, inside 127.0.0.0/8.
  CliWorld world;
  const auto token = world.token_for("carol", "administrator");
  {
    ServeProcess closed(world, {"--allow", "10.0.0.0/8", "--allow", "fd00::/8"});
    auto r = closed.client(token)->Get("/v1/operators");
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(error_code(r) == "address_not_allowed");
  }
  ServeProcess open(world, {"--allow", "127.0.0.0/8"});
  CHECK(open.client(token)->Get("/v1/operators")->status == 200);
  CHECK(world.run({"serve", "--port", "0", "--allow", "10.0.0.0/33"}).exit_code == 2);
}

TEST_CASE("with a certificate and key the API speaks HTTPS, verified against that certificate") {
  // Proves TLS serving (ApiServer's TLS transport), that both files are needed, and that a
  // client that never starts its handshake is cut at the header deadline.
  CliWorld world;
  const auto token = world.token_for("carol", "administrator");
  const auto dir = std::filesystem::temp_directory_path() / ("tls_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto cert = (dir / "cert.pem").string();
  const auto key = (dir / "key.pem").string();
  const auto made =
      run_program("/usr/bin/openssl",
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                   "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert});
  REQUIRE_MESSAGE(made.exit_code == 0, made.err);

  ServeProcess tls(world, {"--tls-cert", cert, "--tls-key", key, "--header-timeout", "2"});
  CHECK(tls.banner().find("https://127.0.0.1:") != std::string::npos);
  httplib::SSLClient client("127.0.0.1", tls.port());
  client.set_ca_cert_path(cert.c_str());
  client.enable_server_certificate_verification(true);
  client.set_default_headers({{"Authorization", "Bearer " + token}});
  auto r = client.Get("/v1/operators");
  REQUIRE_MESSAGE(r, httplib::to_string(r.error()));
  CHECK(r->status == 200);
  auto plain = tls.client(token)->Get("/v1/operators");
  CHECK((!plain || plain->status != 200));
  prepaid::cli::testing::RawClient silent("127.0.0.5", tls.port());
  const auto start = std::chrono::steady_clock::now();
  CHECK(silent.read_until_closed(std::chrono::seconds(8)));
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(1500));

  CHECK(world.run({"serve", "--port", "0", "--tls-cert", cert}).exit_code == 2);
  CHECK(world.run({"serve", "--port", "0", "--tls-cert", cert, "--tls-key", cert}).exit_code == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the curl examples work against a running server") {
  // Proves examples/curl/ stays true: list, create, recharge, import, quote.
  CliWorld world;
  make_tariff(world);
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  const std::vector<std::string> env = {
      "PREPAID_API=http://127.0.0.1:" + std::to_string(serve.port()), "PREPAID_TOKEN=" + token};
  const std::string dir = PREPAID_SOURCE_DIR "/examples/curl/";
  auto run = [&](const std::string& script, std::vector<std::string> args,
                 const std::string& input = {}) {
    const auto r = run_program(
        "/bin/bash",
        [&] {
          std::vector<std::string> all = {dir + script};
          all.insert(all.end(), args.begin(), args.end());
          return all;
        }(),
        input, env);
    INFO(script << ": " << r.out << r.err);
    CHECK(r.exit_code == 0);
    return r;
  };
  const auto created = json::parse(run("create-cards.sh", {"2", "5.00", "EUR", "retail"}).out);
  const auto number = created["cards"][0]["number"].get<std::string>();
  CHECK(json::parse(run("recharge.sh", {number, "1.25", "EUR"}).out)["balance_after"] == "6.25");
  CHECK(json::parse(run("show-card.sh", {number}).out)["balance"] == "6.25");
  CHECK(json::parse(run("list-cards.sh", {"new"}).out)["total"] == 2);
  CHECK(json::parse(run("disable-cards.sh", {number}).out)["cards"].size() == 1);
  const auto deck =
      std::filesystem::temp_directory_path() / ("deck_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(deck) << kDayDeck;
  CHECK(json::parse(run("import-deck.sh", {"retail", "night", deck.string()}).out)["rates"] == 3);
  std::filesystem::remove(deck);
  CHECK(run("export-deck.sh", {"retail", "night"}).out.find("Bulgaria") != std::string::npos);
  CHECK(json::parse(run("quote.sh", {"retail", "359888", "60", "2026-11-23 12:00"}).out)["total"] ==
        "0.05");
  for (const char* script : {"calls-today.sh", "online.sh", "audit.sh"}) run(script, {});
  run("export-calls.sh", {"2026-01-01", "2026-02-01"});
  const auto refused = run_program("/bin/bash", {dir + "show-card.sh", "999999999999"}, {}, env);
  CHECK(refused.exit_code != 0);
  CHECK(refused.out.find("not_found") != std::string::npos);
}

// Hostile input through the real prepaidctl and `prepaidctl serve`: duplicate JSON keys,
// values of the wrong JSON type, integers with something after them, names that are not
// labels, and a price-list import that would empty a live list. Each is refused naming its
// field, and changes nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_fixtures.h"
#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::kDayDeck;
using prepaid::cli::testing::make_cards;
using prepaid::cli::testing::make_tariff;
using prepaid::cli::testing::ServeProcess;

namespace {

json error_of(const httplib::Result& r) {
  REQUIRE(r);
  INFO(r->status << " " << r->body);
  auto j = json::parse(r->body, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j["error"];
}

json cli_error(const prepaid::cli::testing::Run& run) {
  INFO(run.exit_code << " " << run.err);
  auto j = json::parse(run.err, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j["error"];
}

/// The API refused `r` with 400 and this code, naming `field`.
void refused(const httplib::Result& r, const std::string& code, const std::string& field) {
  REQUIRE(r);
  INFO(r->status << " " << r->body);
  CHECK(r->status == 400);
  const auto error = error_of(r);
  CHECK(error["code"] == code);
  CHECK(error.value("field", "") == field);
}

}  // namespace

TEST_CASE("a JSON body with a key given twice is refused, whichever value would have won") {
  // Proves {"amount":"1.00","amount":"1000.00"} recharges nothing (it recharged 1000.00).
  CliWorld world;
  make_tariff(world);
  const auto number = make_cards(world, 1)["cards"][0]["number"].get<std::string>();
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const auto before = world.fingerprint();
  const std::string recharge = "/v1/cards/" + number + "/recharge";
  refused(api->Post(recharge, R"({"amount":"1.00","currency":"EUR","amount":"1000.00"})",
                    "application/json"),
          "invalid_json", "amount");
  const auto message = error_of(api->Post(
      recharge, R"({"amount":"1.00","currency":"EUR","currency":"EUR"})", "application/json"));
  CHECK(message["message"].get<std::string>().find("duplicate key 'currency'") !=
        std::string::npos);
  // Anywhere in the document, nested too.
  refused(
      api->Post("/v1/cards/disable", R"({"numbers":["1"],"x":{"a":1,"a":2}})", "application/json"),
      "invalid_json", "a");
  CHECK(world.fingerprint() == before);
  auto once = api->Post(recharge, R"({"amount":"1.00","currency":"EUR"})", "application/json");
  REQUIRE(once);
  CHECK(once->status == 201);
  CHECK(json::parse(once->body)["balance_after"] == "6.00");
}

TEST_CASE("body values must have the types docs/openapi.json publishes") {
  // Proves "+5.00" is not money and "2" not an integer in a body (both were accepted), nor
  // "true" a boolean, "7" a list or null a value; the CLI refuses "+5.00" too.
  CliWorld world;
  make_tariff(world);
  const auto number = make_cards(world, 1)["cards"][0]["number"].get<std::string>();
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const auto before = world.fingerprint();
  const std::string recharge = "/v1/cards/" + number + "/recharge";
  auto post = [&](const std::string& path, const json& body) {
    return api->Post(path, body.dump(), "application/json");
  };
  for (const char* amount : {"+5.00", " 5.00", "5.", "1e2", "5.0000001"}) {
    CAPTURE(amount);
    refused(post(recharge, {{"amount", amount}, {"currency", "EUR"}}), "invalid_argument",
            "amount");
  }
  refused(post("/v1/cards",
               {{"count", "2"}, {"amount", "1.00"}, {"currency", "EUR"}, {"tariff", "retail"}}),
          "invalid_argument", "count");
  refused(post("/v1/cards",
               {{"count", 2.0}, {"amount", "1.00"}, {"currency", "EUR"}, {"tariff", "retail"}}),
          "invalid_argument", "count");
  refused(post("/v1/cards/disable", {{"numbers", number}}), "invalid_argument", "numbers");
  refused(post(recharge, {{"amount", "1.00"}, {"currency", "EUR"}, {"reason", nullptr}}),
          "invalid_argument", "reason");
  refused(post("/v1/tariffs/retail/rules", {{"name", "weekend"},
                                            {"price_list", "day"},
                                            {"weekdays", "sat,sun"},
                                            {"on_holidays", "true"}}),
          "invalid_argument", "on_holidays");
  CHECK(world.fingerprint() == before);

  const auto plus =
      world.as("admin", {"cards", "recharge", number, "--amount", "+5.00", "--currency", "EUR"});
  CHECK(plus.exit_code == 1);
  CHECK(cli_error(plus)["field"] == "amount");
  CHECK(world.fingerprint() == before);
  // The same values, well typed, are taken on both sides.
  CHECK(world.ok({"cards", "recharge", number, "--amount", "5.00", "--currency",
                  "EUR"})["balance_after"] == "10.00");
  auto typed = post("/v1/cards",
                    {{"count", 2}, {"amount", "1.00"}, {"currency", "EUR"}, {"tariff", "retail"}});
  REQUIRE(typed);
  CHECK(typed->status == 201);
}

TEST_CASE("an integer in a query or a path is the whole string, refused naming the parameter") {
  // Proves batch=1%20OR%201=1 is not batch 1 (cpp-httplib's query reader kept "1").
  CliWorld world;
  make_tariff(world);
  const auto batch = make_cards(world, 2)["batch"]["id"].get<std::int64_t>();
  make_cards(world, 3);
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const std::string id = std::to_string(batch);
  refused(api->Get("/v1/cards?batch=" + id + "%20OR%201=1"), "invalid_argument", "batch");
  refused(api->Get("/v1/cards?batch=" + id + "&batch=" + id), "invalid_argument", "batch");
  refused(api->Get("/v1/cards?batch=" + id + "x"), "invalid_argument", "batch");
  refused(api->Get("/v1/cards?limit=%2B5"), "invalid_argument", "limit");
  refused(api->Get("/v1/cards?limit=5%00"), "invalid_argument", "limit");
  refused(api->Get("/v1/batches/" + id + "%20OR%201=1"), "invalid_argument", "id");
  refused(api->Get("/v1/cards?with_pins=yes"), "invalid_argument", "with_pins");
  auto whole = api->Get("/v1/cards?batch=" + id);
  REQUIRE(whole);
  CHECK(whole->status == 200);
  CHECK(json::parse(whole->body)["total"] == 2);
  CHECK(world.as("admin", {"cards", "list", "--batch", id + " OR 1=1"}).exit_code == 1);
}

TEST_CASE("tariff, price-list and rule names must be labels, on the command line and the API") {
  // Proves docs/labels.md from outside: '../../etc/passwd' and names with spaces are refused
  // with the field named, and nothing is stored.
  CliWorld world;
  make_tariff(world);
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const auto before = world.fingerprint();
  for (const std::string bad : {"../../etc/passwd", "Demo call shop", ".hidden"}) {
    CAPTURE(bad);
    const auto run = world.as("admin", {"tariffs", "create", bad, "--currency", "EUR",
                                        "--time-zone", "Europe/Sofia", "--base-price-list", "day"});
    CHECK(run.exit_code == 1);
    CHECK(cli_error(run)["field"] == "name");
    refused(api->Post("/v1/tariffs",
                      json{{"name", bad}, {"currency", "EUR"}, {"base_price_list", "day"}}.dump(),
                      "application/json"),
            "invalid_argument", "name");
    const auto list = world.as("admin", {"pricelists", "import", "retail", bad, "-"}, kDayDeck);
    CHECK(list.exit_code == 1);
    CHECK(cli_error(list)["field"] == "list");
    const auto rule = world.as(
        "admin", {"rules", "add", "retail", bad, "--price-list", "day", "--weekdays", "sat,sun"});
    CHECK(rule.exit_code == 1);
    CHECK(cli_error(rule)["field"] == "name");
  }
  refused(api->Put("/v1/tariffs/retail/lists/my%20list", kDayDeck, "text/csv"), "invalid_argument",
          "list");
  const auto cards = world.as("admin", {"cards", "create", "--count", "1", "--amount", "1.00",
                                        "--currency", "EUR", "--tariff", "../retail"});
  CHECK(cli_error(cards)["field"] == "tariff");
  CHECK(world.fingerprint() == before);
}

TEST_CASE("a price-list import without rate lines is refused unless asked for") {
  // Proves a CSV of only its header no longer empties a live list (it answered 200), and
  // that --allow-empty / allow_empty=true still can.
  CliWorld world;
  make_tariff(world);
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world);
  auto api = serve.client(token);
  const auto before = world.fingerprint();
  const std::string header_only = "prefix,destination,rate,first_increment,increment\n";
  const auto run = world.as("admin", {"pricelists", "import", "retail", "day", "-"}, header_only);
  CHECK(run.exit_code == 1);
  CHECK(cli_error(run)["field"] == "csv");
  CHECK(cli_error(run)["message"].get<std::string>().find("no rate lines") != std::string::npos);
  refused(api->Put("/v1/tariffs/retail/lists/day", header_only, "text/csv"), "invalid_argument",
          "csv");
  refused(api->Put("/v1/tariffs/retail/lists/day?allow_empty=yes", header_only, "text/csv"),
          "invalid_argument", "allow_empty");
  CHECK(world.fingerprint() == before);
  CHECK(world.ok({"rates", "list", "retail", "day"})["rates"].size() == 3);

  auto asked =
      api->Put("/v1/tariffs/retail/lists/evening?allow_empty=true", header_only, "text/csv");
  REQUIRE(asked);
  CHECK(asked->status == 200);
  CHECK(json::parse(asked->body)["rates"] == 0);
  CHECK(world.ok({"pricelists", "import", "retail", "day", "-", "--allow-empty"}, "admin",
                 header_only)["rates"] == 0);
  CHECK(world.ok({"rates", "list", "retail", "day"})["rates"].empty());
}

#include "admin-cli/api/router.h"

#include <doctest/doctest.h>

#include <stdexcept>

using prepaid::cli::Command;
using prepaid::cli::Param;
using prepaid::cli::Router;

namespace {

Command command(std::string method, std::string path, std::vector<std::string> params = {}) {
  Command c;
  c.words = {method, path};
  c.method = std::move(method);
  c.path = std::move(path);
  for (auto& p : params) c.params.push_back(Param{.name = std::move(p)});
  return c;
}

std::vector<Command> table() {
  return {
      command("GET", "/v1/cards"),
      command("POST", "/v1/cards"),
      command("GET", "/v1/cards/{number}", {"number"}),
      command("PATCH", "/v1/cards/{number}", {"number"}),
      command("POST", "/v1/cards/enable"),
      command("POST", "/v1/cards/{number}/recharge", {"number"}),
      command("GET", "/v1/tariffs/{tariff}/lists/{list}/rates", {"tariff", "list"}),
      command("CLI", ""),  // a command-line-only command has no route
  };
}

}  // namespace

TEST_CASE("a request path finds its command and the values of its {params}") {
  // Proves matching by method and pattern, and that path parameters are captured by name.
  const auto commands = table();
  const Router router(commands);
  auto m = router.match("GET", "/v1/cards/100012345678");
  REQUIRE(m.command == &commands[2]);
  REQUIRE(m.path_params.size() == 1);
  CHECK(m.path_params[0].first == "number");
  CHECK(m.path_params[0].second == "100012345678");

  m = router.match("GET", "/v1/tariffs/retail/lists/base/rates");
  REQUIRE(m.command == &commands[6]);
  CHECK(m.path_params[0] == std::pair<std::string, std::string>{"tariff", "retail"});
  CHECK(m.path_params[1] == std::pair<std::string, std::string>{"list", "base"});
  CHECK(router.match("PATCH", "/v1/cards/42").command == &commands[3]);
}

TEST_CASE("a literal segment beats a parameter at the same place") {
  // Proves that POST /v1/cards/enable is not taken for a card numbered "enable".
  const auto commands = table();
  const Router router(commands);
  CHECK(router.match("POST", "/v1/cards/enable").command == &commands[4]);
  CHECK(router.match("POST", "/v1/cards/7/recharge").command == &commands[5]);
}

TEST_CASE("an unknown path is not found and a known path with another method lists the allowed") {
  // Proves the two ways a request can miss (404 vs 405 with an Allow list).
  const auto commands = table();
  const Router router(commands);
  auto m = router.match("GET", "/v1/nothing");
  CHECK(m.command == nullptr);
  CHECK(m.allowed_methods.empty());
  m = router.match("DELETE", "/v1/cards/42");
  CHECK(m.command == nullptr);
  CHECK(m.allowed_methods == std::vector<std::string>{"GET", "PATCH"});
  CHECK(router.match("GET", "/v1/cards/").command == nullptr);  // empty segment
  CHECK(router.match("GET", "/v1//cards").command == nullptr);
  CHECK(router.match("GET", "v1/cards").command == nullptr);
  CHECK(router.match("GET", "/v1/cards/1/2").command == nullptr);
}

TEST_CASE("the route table lists every routed command once, sorted") {
  // Proves what the OpenAPI test compares: commands without a route are left out.
  const auto commands = table();
  const Router router(commands);
  REQUIRE(router.routes().size() == 7);
  CHECK(router.routes()[0].pattern == "/v1/cards");
  CHECK(router.routes()[0].method == "GET");
  CHECK(router.routes()[1].method == "POST");
}

TEST_CASE("a table with a duplicate route or an undeclared path parameter is refused") {
  // Proves that a wiring mistake stops the program at start-up instead of misrouting.
  std::vector<Command> dup = {command("GET", "/v1/x"), command("GET", "/v1/x")};
  CHECK_THROWS_AS(Router{dup}, std::logic_error);
  std::vector<Command> undeclared = {command("GET", "/v1/cards/{number}")};
  CHECK_THROWS_AS(Router{undeclared}, std::logic_error);
  std::vector<Command> empty_segment = {command("GET", "/v1//x")};
  CHECK_THROWS_AS(Router{empty_segment}, std::logic_error);
}

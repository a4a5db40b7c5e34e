// Operators and API tokens through the real prepaidctl binary.
#include <doctest/doctest.h>

#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;

TEST_CASE("operators: add with a role, change it, list, remove; never the last administrator") {
  // Proves the operator commands and their refusals (duplicate, bad name, role, last admin).
  CliWorld world;
  CHECK(world.ok({"operators", "add", "bob", "--role", "operator"})["role"] == "operator");
  world.ok({"operators", "add", "eve", "--role", "administrator"});
  CHECK(world.ok({"operators", "list"})["operators"].size() == 3);
  CHECK(world.as("admin", {"operators", "add", "bob", "--role", "operator"}).exit_code == 5);
  CHECK(world.as("admin", {"operators", "add", "bad name!", "--role", "operator"}).exit_code == 1);
  CHECK(world.run({"--as", "admin", "operators", "add", "x", "--role", "root"}).exit_code == 1);
  CHECK(world.as("bob", {"operators", "add", "mallory", "--role", "administrator"}).exit_code == 4);
  CHECK(world.as("bob", {"operators", "list"}).exit_code == 4);

  CHECK(world.ok({"operators", "set-role", "bob", "--role", "administrator"})["role"] ==
        "administrator");
  CHECK(world.ok({"operators", "list"}, "bob")["operators"].size() == 3);  // now allowed
  world.ok({"operators", "set-role", "bob", "--role", "operator"});
  world.ok({"operators", "remove", "eve"});
  CHECK(world.as("eve", {"cards", "list"}).exit_code == 4);  // a removed operator cannot act
  const auto before = world.fingerprint();
  CHECK(world.as("admin", {"operators", "remove", "admin"}).exit_code == 1);  // the last admin
  CHECK(world.as("admin", {"operators", "remove", "nobody"}).exit_code == 3);
  CHECK(world.fingerprint() == before);
  const auto table = world.run({"--as", "admin", "operators", "list"});
  CHECK(table.out.find("bob") != std::string::npos);
  CHECK(table.out.find("operator") != std::string::npos);
}

TEST_CASE("tokens: created once with their secret, listed without it, revoked for good") {
  // Proves token commands never show a stored secret or hash after creation.
  CliWorld world;
  world.ok({"operators", "add", "bob", "--role", "operator"});
  const auto token = world.ok({"tokens", "create", "bob", "--label", "till 1"});
  const auto secret = token["token"].get<std::string>();
  CHECK(secret.size() == 67);  // "pp_" + 64 hex digits
  CHECK(token["operator"] == "bob");
  const auto id = std::to_string(token["id"].get<std::int64_t>());

  const auto listed = world.run({"--json", "--as", "admin", "tokens", "list", "--operator", "bob"});
  REQUIRE(listed.exit_code == 0);
  const auto tokens = listed.json()["tokens"];
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0]["label"] == "till 1");
  CHECK_FALSE(tokens[0].contains("token"));
  CHECK(listed.out.find(secret) == std::string::npos);
  CHECK(listed.out.find(secret.substr(3)) == std::string::npos);
  CHECK(world.sql("SELECT * FROM api_token").find(secret.substr(3)) == std::string::npos);
  CHECK(world.sql("SELECT * FROM audit_log").find(secret.substr(3)) == std::string::npos);
  CHECK(world.as("bob", {"tokens", "create", "bob"}).exit_code == 4);

  const auto revoked = world.ok({"tokens", "revoke", id});
  CHECK_FALSE(revoked["revoked_at"].is_null());
  CHECK(world.as("admin", {"tokens", "revoke", id}).exit_code != 0);
  CHECK(world.as("admin", {"tokens", "revoke", "999999"}).exit_code == 3);
  const auto table = world.run({"--as", "admin", "tokens", "list"});
  CHECK(table.out.find("till 1") != std::string::npos);
}

// prepaidctl as a user meets it: the real binary against the private MariaDB.
#include "admin-cli/cli/cli_app.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "admin-cli/command/command.h"
#include "cli_world.h"

using prepaid::cli::all_commands;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::run_program;

namespace {

std::string temp_file(const std::string& name, const std::string& text) {
  const auto path =
      std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE(
    "db init makes the schema, the first administrator and a token; version and upgrade agree") {
  // Proves the bootstrap path of the README, and that re-running it is safe.
  CliWorld world(/*bootstrap=*/false);
  auto before = world.run({"--json", "db", "version"});
  CHECK(before.exit_code == 7);  // no schema yet: a check that fails
  CHECK(before.json()["version"] == 0);
  CHECK(world.run({"db", "version"}).out.find("run `prepaidctl db init`") != std::string::npos);
  auto early_upgrade = world.run({"db", "upgrade"});
  CHECK(early_upgrade.exit_code == 1);
  CHECK(early_upgrade.err.find("prepaidctl db init") != std::string::npos);

  auto init = world.run({"--json", "db", "init", "--admin", "alice", "--token"});
  INFO(init.out << init.err);
  REQUIRE(init.exit_code == 0);
  const auto doc = init.json();
  CHECK(doc["created_schema"] == true);
  CHECK(doc["admin"]["name"] == "alice");
  CHECK(doc["admin"]["role"] == "administrator");
  CHECK(doc["token"]["token"].get<std::string>().rfind("pp_", 0) == 0);

  auto version = world.run({"--json", "db", "version"});
  CHECK(version.exit_code == 0);
  CHECK(version.json()["up_to_date"] == true);
  CHECK(world.run({"--json", "db", "upgrade"}).json()["applied"].empty());

  auto again = world.run({"--json", "db", "init"});
  CHECK(again.exit_code == 0);
  CHECK(again.json()["created_schema"] == false);
  auto twice = world.run({"db", "init", "--admin", "alice"});
  CHECK(twice.exit_code == 5);  // conflict: alice exists
  CHECK(world.ok({"operators", "list"}, "alice")["operators"].size() == 1);
}

TEST_CASE("every command acts as a named operator: --as or PREPAID_OPERATOR, never nobody") {
  // Proves the CLI's identity rules: missing name = usage, unknown name = forbidden.
  CliWorld world;
  auto anonymous = world.run({"cards", "list"});
  CHECK(anonymous.exit_code == 2);
  CHECK(anonymous.err.find("--as NAME or PREPAID_OPERATOR") != std::string::npos);
  auto stranger = world.run({"--as", "mallory", "cards", "list"});
  CHECK(stranger.exit_code == 4);
  CHECK(stranger.err.find("mallory") != std::string::npos);
  auto by_env = world.run({"cards", "list"}, {}, {"PREPAID_OPERATOR=admin"});
  CHECK(by_env.exit_code == 0);
  // The option may also come after the command words.
  CHECK(world.run({"cards", "list", "--as", "admin", "--json"}).exit_code == 0);
}

TEST_CASE("the database comes from the config file, which wins over the environment") {
  // Proves the documented precedence and that unknown config keys and a password on the
  // command line are refused.
  CliWorld world;
  const auto config =
      temp_file("prepaidctl_conf", "# test\ndb-name = \"" + world.database().database + "\"\n");
  const auto ok =
      run_program(PREPAIDCTL_PATH, {"--config", config, "--as", "admin", "cards", "list"}, {},
                  {"PREPAID_DB_NAME=no_such_database_here"});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  const auto by_env_var =
      run_program(PREPAIDCTL_PATH, {"--as", "admin", "cards", "list"}, {},
                  {"PREPAID_DB_NAME=no_such_database_here", "PREPAID_CONFIG=" + config});
  CHECK(by_env_var.exit_code == 0);
  const auto env_only = run_program(PREPAIDCTL_PATH, {"--as", "admin", "cards", "list"}, {},
                                    {"PREPAID_DB_NAME=no_such_database_here"});
  CHECK(env_only.exit_code == 6);  // that database does not exist

  const auto typo = temp_file("prepaidctl_conf_typo", "db-nmae = \"x\"\n");
  CHECK(world.run({"--config", typo, "--as", "admin", "cards", "list"}).exit_code == 2);
  const auto password = world.run({"--db-password", "secret", "--as", "admin", "cards", "list"});
  CHECK(password.exit_code == 2);
  CHECK(password.err.find("PREPAID_DB_PASSWORD") != std::string::npos);
  CHECK(world.run({"--db-name", "a;b", "db", "version"}).exit_code == 2);

  // The password may come from a file (first line), instead of PREPAID_DB_PASSWORD.
  const char* real = std::getenv("PREPAID_DB_PASSWORD");
  const auto secret = temp_file("prepaidctl_pw", std::string(real ? real : "") + "\n");
  const auto from_file = world.run({"--db-password-file", secret, "--as", "admin", "cards", "list"},
                                   {}, {"PREPAID_DB_PASSWORD=wrong"});
  CHECK(from_file.exit_code == 0);
  const auto wrong =
      world.run({"--as", "admin", "cards", "list"}, {}, {"PREPAID_DB_PASSWORD=wrong"});
  CHECK(wrong.exit_code == 6);
  CHECK(world.run({"--db-password-file", "/nonexistent/pw", "--as", "admin", "cards", "list"})
            .exit_code == 1);
  std::filesystem::remove(secret);
  std::filesystem::remove(config);
  std::filesystem::remove(typo);
}

TEST_CASE("an unreachable database exits 6 with a message saying so") {
  // Proves the "database unavailable" exit code.
  CliWorld world;
  auto down = world.run({"--as", "admin", "cards", "list"}, {},
                        {"PREPAID_DB_SOCKET=/nonexistent/mysqld.sock"});
  CHECK(down.exit_code == 6);
  CHECK(down.err.find("database unavailable") != std::string::npos);
}

TEST_CASE("usage errors exit 2; malformed values exit 1 and name the parameter") {
  // Proves the split between a wrong command line and a wrong value.
  CliWorld world;
  CHECK(world.run({"--as", "admin", "cards", "list", "--bogus"}).exit_code == 2);
  CHECK(world.run({"--as", "admin", "cards", "frobnicate"}).exit_code == 2);
  CHECK(world.run({}).exit_code == 2);
  auto limit = world.run({"--as", "admin", "cards", "list", "--limit", "0"});
  CHECK(limit.exit_code == 1);
  CHECK(limit.err.find("limit") != std::string::npos);
  auto money = world.run({"--json", "--as", "admin", "cards", "recharge", "100000000001",
                          "--amount", "1,50", "--currency", "EUR"});
  CHECK(money.exit_code == 1);
  CHECK(nlohmann::json::parse(money.err)["error"]["field"] == "amount");
}

TEST_CASE("a mistyped command says which word is unknown and suggests the nearest command") {
  // Proves unknown command words are named with a suggestion (not CLI11's "A subcommand is
  // required"), a group without a command lists its commands, and help and unknown options
  // are left as they were; all exit 2.
  CliWorld world(/*bootstrap=*/false);
  const auto lst = world.run({"--as", "admin", "cards", "lst"});
  CHECK(lst.exit_code == 2);
  CHECK(lst.err ==
        "prepaidctl: unknown command 'lst' in 'prepaidctl cards' (did you mean 'prepaidctl cards "
        "list'?) — see prepaidctl cards --help\n");
  CHECK(lst.err.find("A subcommand is required") == std::string::npos);
  const auto card = world.run({"card", "list"});
  CHECK(card.exit_code == 2);
  CHECK(
      card.err.find("unknown command 'card' in 'prepaidctl' (did you mean 'prepaidctl cards'?)") !=
      std::string::npos);
  const auto rech = world.run({"--json", "cards", "rech", "100012345678"});
  CHECK(rech.err.find("did you mean 'prepaidctl cards recharge'?") != std::string::npos);
  const auto far = world.run({"--as", "admin", "cards", "xyzzy"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("unknown command 'xyzzy' in 'prepaidctl cards'; its commands: create, ") !=
        std::string::npos);
  const auto none = world.run({"--as", "admin", "cards"});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("'prepaidctl cards' needs a command: create, ") != std::string::npos);
  const auto nothing = world.run({});
  CHECK(nothing.err.find("'prepaidctl' needs a command: ") != std::string::npos);
  // Not command words: CLI11's own messages, and help.
  CHECK(world.run({"--as", "admin", "cards", "list", "--bogus"}).err.find("--bogus") !=
        std::string::npos);
  CHECK(world.run({"cards", "--help"}).exit_code == 0);
}

TEST_CASE("every command has --help with an example (and its API route when it has one)") {
  // Proves the help contract over the whole command table, plus serve and quote.
  CliWorld world(/*bootstrap=*/false);
  for (const auto& c : all_commands()) {
    if (!c.cli_through.empty()) continue;
    std::vector<std::string> args = c.words;
    args.push_back("--help");
    CAPTURE(c.name());
    const auto r = world.run(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Example:") != std::string::npos);
    CHECK(r.out.find("Exit codes:") != std::string::npos);
    if (c.has_route()) CHECK(r.out.find("API: " + c.method + " " + c.path) != std::string::npos);
  }
  for (const char* direct : {"serve", "quote"}) {
    CAPTURE(direct);
    const auto r = world.run({direct, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Example:") != std::string::npos);
  }
}

#include "billing/mysql/schema.h"

#include <doctest/doctest.h>

#include <string>

#include "billing/mysql/migrations.h"
#include "billing/store_error.h"
#include "mysql/test_database.h"

using prepaid::billing::SchemaMismatch;
using prepaid::billing::StoreError;
using prepaid::billing::StoreUnavailable;
using prepaid::mysql::ConnectionOptions;
using prepaid::mysql::Migration;
using prepaid::mysql::migrations;
using prepaid::mysql::Schema;
using prepaid::mysql::testing::TestDatabase;

namespace {

std::string mismatch_message(Schema& schema) {
  try {
    schema.check();
  } catch (const SchemaMismatch& e) {
    return e.what();
  }
  return "no SchemaMismatch";
}

}  // namespace

TEST_CASE("init creates the schema on an empty database and refuses a second time") {
  // Proves init/version/check/upgrade on a fresh database and that init never reapplies.
  TestDatabase db(false);
  Schema schema(db.options());
  CHECK(schema.version() == 0);
  CHECK(mismatch_message(schema).find("prepaidctl db init") != std::string::npos);

  CHECK(schema.init() == schema.expected_version());
  CHECK(schema.version() == static_cast<int>(migrations().size()));
  CHECK_NOTHROW(schema.check());
  CHECK(schema.upgrade().empty());
  CHECK_THROWS_AS(schema.init(), SchemaMismatch);
  CHECK(schema.version() == schema.expected_version());
}

TEST_CASE("the start-up check refuses an older and a newer schema with a clear message") {
  // Proves upgrade applies only missing steps and a newer database is refused, not touched.
  TestDatabase db(true);
  std::vector<Migration> newer = migrations();
  const int next = newer.back().version + 1;
  newer.push_back(Migration{next, "999_test_step.sql",
                            "CREATE TABLE test_step (id INT PRIMARY KEY) ENGINE=InnoDB;\n"
                            "INSERT INTO test_step VALUES (1);\n"});

  Schema future_code(db.options(), newer);
  CHECK(mismatch_message(future_code).find("prepaidctl db upgrade") != std::string::npos);
  CHECK(future_code.upgrade() == std::vector<int>{next});
  CHECK_NOTHROW(future_code.check());
  CHECK(future_code.upgrade().empty());

  Schema current_code(db.options());
  const std::string message = mismatch_message(current_code);
  CHECK(message.find("newer") != std::string::npos);
  CHECK(message.find(std::to_string(next)) != std::string::npos);
  CHECK_THROWS_AS(current_code.upgrade(), SchemaMismatch);
  CHECK(current_code.version() == next);
}

TEST_CASE("an unreachable server is StoreUnavailable, distinct from other store errors") {
  // Proves the RADIUS path can tell "database down" (retransmit) from a fatal error.
  ConnectionOptions options = ConnectionOptions::from_env("prepaid_unreachable");
  options.url = "unix:///nonexistent/mysqld.sock";
  options.connect_timeout_s = 2;
  CHECK_THROWS_AS(Schema(options).version(), StoreUnavailable);

  options.url = "tcp://127.0.0.1:1";
  CHECK_THROWS_AS(Schema(options).version(), StoreUnavailable);

  ConnectionOptions bad = ConnectionOptions::from_env("prepaid_x");
  bad.password = "wrong password";
  try {
    Schema(bad).version();
    FAIL("a wrong password connected");
  } catch (const StoreUnavailable&) {
    FAIL("access denied must not look like an outage");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("wrong password") == std::string::npos);
  }
}

TEST_CASE("database names that could inject SQL are refused before connecting") {
  // Proves identifiers that cannot be bound as parameters are validated.
  ConnectionOptions options = ConnectionOptions::from_env("x");
  for (const char* name : {"a`b", "a;DROP DATABASE mysql", "", "a b", "db-1"}) {
    options.database = name;
    CHECK_THROWS_AS(Schema{options}, StoreError);
  }
}

#include "admin-cli/db_command.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "admin-cli/command_line.h"
#include "billing/mysql/schema.h"
#include "mysql/test_database.h"

using namespace prepaid;
using cli::DbAction;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run db(DbAction action, const std::string& database, bool json = false) {
  cli::DatabaseFlags flags;
  flags.database = database;
  std::ostringstream out, err;
  const int code = cli::run_db(action, flags, json, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("db init, version and upgrade bring a database to the code's schema") {
  // Proves the three commands, their messages and exit codes, against the private MariaDB.
  mysql::testing::TestDatabase empty(false);
  const std::string name = empty.options().database;
  const int expected = mysql::Schema(empty.options()).expected_version();

  Run v0 = db(DbAction::version, name);
  CHECK(v0.code == cli::kExitRefused);
  CHECK(v0.out.find("prepaidctl db init") != std::string::npos);
  Run up0 = db(DbAction::upgrade, name);
  CHECK(up0.code == cli::kExitRefused);
  CHECK(up0.err.find("prepaidctl db init") != std::string::npos);

  Run init = db(DbAction::init, name);
  CHECK(init.code == cli::kExitOk);
  CHECK(init.out.find("schema version " + std::to_string(expected)) != std::string::npos);
  Run again = db(DbAction::init, name);
  CHECK(again.code == cli::kExitRefused);
  CHECK(again.err.find("not empty") != std::string::npos);

  Run v1 = db(DbAction::version, name, true);
  CHECK(v1.code == cli::kExitOk);
  CHECK(v1.out.find("\"up_to_date\":true") != std::string::npos);
  Run up1 = db(DbAction::upgrade, name);
  CHECK(up1.code == cli::kExitOk);
  CHECK(up1.out.find("up to date") != std::string::npos);
}

TEST_CASE("prepaidctl db exits 5 when the database is unreachable and 2 on a bad name") {
  // Proves the exit codes scripts rely on, through the real binary.
  const std::string bin = PREPAIDCTL;
  CHECK(WEXITSTATUS(std::system((bin + " db version --socket /nonexistent/x.sock --database a "
                                       ">/dev/null 2>&1")
                                    .c_str())) == cli::kExitUnavailable);
  CHECK(WEXITSTATUS(std::system((bin + " db version --database 'a;b' >/dev/null 2>&1").c_str())) ==
        cli::kExitUsage);
  mysql::testing::TestDatabase db_ok(true);
  CHECK(
      WEXITSTATUS(std::system(
          (bin + " db version --database " + db_ok.options().database + " >/dev/null").c_str())) ==
      cli::kExitOk);
}

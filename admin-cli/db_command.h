#pragma once
/// @file db_command.h
/// @brief `prepaidctl db init | upgrade | version`: the schema of the database.

#include <iosfwd>
#include <string>

#include "admin-cli/database_options.h"

namespace CLI {
class App;
}

namespace prepaid::cli {

/// What `prepaidctl db` is asked to do.
enum class DbAction {
  init,     ///< create the database if missing and apply every migration (refuses a non-empty one)
  upgrade,  ///< apply the migrations the database lacks (refuses a newer schema)
  version,  ///< print the database's and this program's schema versions
};

/// Runs `prepaidctl db <action>`; writes the result to `out` and errors to `err`. Returns an
/// ExitCode: 0 done (version: up to date), 4 refused (schema mismatch, not empty, version:
/// not up to date), 5 database unavailable, 1 other errors.
int run_db(DbAction action, const DatabaseFlags& flags, bool json, std::ostream& out,
           std::ostream& err);

/// Adds the `db` command and its subcommands to prepaidctl.
void register_db_command(CLI::App& app);

}  // namespace prepaid::cli

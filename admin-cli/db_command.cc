#include "admin-cli/db_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "admin-cli/command_line.h"
#include "billing/mysql/schema.h"
#include "billing/store_error.h"

namespace prepaid::cli {

int run_db(DbAction action, const DatabaseFlags& flags, bool json, std::ostream& out,
           std::ostream& err) {
  mysql::ConnectionOptions options;
  try {
    options = connection_options(flags);
  } catch (const std::exception& e) {
    err << "prepaidctl db: " << e.what() << "\n";
    return kExitUsage;
  }
  try {
    mysql::Schema schema(options);
    const int expected = schema.expected_version();
    switch (action) {
      case DbAction::init: {
        const int v = schema.init();
        if (json)
          out << nlohmann::json{{"database", options.database}, {"version", v}}.dump() << "\n";
        else
          out << "initialised database " << options.database << " at schema version " << v << "\n";
        return kExitOk;
      }
      case DbAction::upgrade: {
        const int before = schema.version();
        if (before == 0)
          throw billing::SchemaMismatch("database '" + options.database +
                                        "' has no prepaid schema: run `prepaidctl db init`");
        const auto applied = schema.upgrade();
        const int after = schema.version();
        if (json) {
          out << nlohmann::json{{"database", options.database},
                                {"from", before},
                                {"to", after},
                                {"applied", applied}}
                     .dump()
              << "\n";
        } else if (applied.empty()) {
          out << "database " << options.database << " is up to date (schema version " << after
              << ")\n";
        } else {
          out << "upgraded database " << options.database << " from schema version " << before
              << " to " << after << "\n";
        }
        return kExitOk;
      }
      case DbAction::version: {
        const int v = schema.version();
        const char* state = v == expected  ? "up to date"
                            : v == 0       ? "no schema: run `prepaidctl db init`"
                            : v < expected ? "older: run `prepaidctl db upgrade`"
                                           : "newer than this program: upgrade the software";
        if (json)
          out << nlohmann::json{{"database", options.database},
                                {"version", v},
                                {"expected", expected},
                                {"up_to_date", v == expected}}
                     .dump()
              << "\n";
        else
          out << "database " << options.database << ": schema version " << v
              << ", this program expects " << expected << " (" << state << ")\n";
        return v == expected ? kExitOk : kExitRefused;
      }
    }
  } catch (const billing::SchemaMismatch& e) {
    err << "prepaidctl db: " << e.what() << "\n";
    return kExitRefused;
  } catch (const billing::StoreUnavailable& e) {
    err << "prepaidctl db: database unavailable: " << e.what() << "\n";
    return kExitUnavailable;
  } catch (const billing::StoreError& e) {
    err << "prepaidctl db: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitFailure;
}

void register_db_command(CLI::App& app) {
  CLI::App* db = app.add_subcommand("db", "The database schema: init, upgrade, version.");
  db->require_subcommand(1);
  struct Choice {
    const char* name;
    DbAction action;
    const char* help;
  };
  static const Choice kChoices[] = {
      {"init", DbAction::init,
       "Create the database if missing and apply every migration (refuses a non-empty one)"},
      {"upgrade", DbAction::upgrade,
       "Apply the migrations the database lacks (refuses a schema newer than this program)"},
      {"version", DbAction::version,
       "Print the database's schema version and the one this program expects (exit 4 when "
       "they differ)"},
  };
  for (const Choice& c : kChoices) {
    auto flags = std::make_shared<DatabaseFlags>();
    auto json = std::make_shared<bool>(false);
    CLI::App* cmd = db->add_subcommand(c.name, c.help);
    add_database_options(*cmd, *flags);
    cmd->add_flag("--json", *json, "Machine-readable output");
    cmd->footer(exit_codes_help());
    const DbAction action = c.action;
    cmd->callback([flags, json, action]() {
      int code = run_db(action, *flags, *json, std::cout, std::cerr);
      if (code != kExitOk) exit_with(code);
    });
  }
}

}  // namespace prepaid::cli

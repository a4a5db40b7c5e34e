#pragma once
/// @file cli_context.h
/// @brief CliContext: what every prepaidctl command line shares — global options, the
/// output streams, and the services (opened on first use).

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "admin-cli/cli/database_options.h"
#include "admin-cli/command/command.h"
#include "admin-cli/command/services.h"

namespace prepaid::cli {

/// @brief The global options and streams of one prepaidctl run.
struct CliContext {
  CliContext(std::ostream& o, std::ostream& e) : out(o), err(e) {}

  std::ostream& out;  ///< results
  std::ostream& err;  ///< errors and progress
  DatabaseOptions database;
  std::string operator_name;  ///< --as / PREPAID_OPERATOR
  bool json = false;          ///< --json: print the API's JSON instead of tables
  bool progress = false;      ///< --progress: report long work on stderr even under --json
  /// Set by tests: services to use instead of the database options.
  std::shared_ptr<Services> injected;

  /// The services (built from `database` on first use).
  Services& services();
  /// Whether a long-running command reports its stages and counts on stderr: with
  /// --progress, when stderr is a terminal, or without --json (under --json a script reads
  /// the JSON error on stderr, so it stays clean unless asked).
  bool shows_progress(const Command& command) const;
  /// Runs a table command with these values (as the API would) as `operator_name`, and
  /// prints its reply: a table, JSON with --json, or a text document to `output_path`
  /// (empty or "-": stdout). `progress_notes` are progress lines about what was read before
  /// (a FILE's size), shown like the command's own progress. Returns the exit code.
  int run(const Command& command, nlohmann::json values, const std::string& output_path = {},
          const std::vector<std::string>& progress_notes = {});
  /// Prints a Failure ("prepaidctl: message", then details) and returns its exit code.
  int fail(const Failure& failure) const;

 private:
  std::shared_ptr<Services> services_;
};

}  // namespace prepaid::cli

#pragma once
/// @file direct_command.h
/// @brief DirectCommand: a command that exists only on the command line and needs more than
/// one service call's shape (`serve` runs the API).

#include <functional>
#include <vector>

namespace CLI {
class App;
}

namespace prepaid::cli {

struct CliContext;

/// @brief A CLI11 subcommand and what runs when it is chosen (returns the exit code).
struct DirectCommand {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// `prepaidctl serve` (commands/serve_command.cc).
DirectCommand add_serve_command(CLI::App& app, CliContext& ctx);

/// `prepaidctl quote` (commands/quote_command.cc).
DirectCommand add_quote_command(CLI::App& app, CliContext& ctx);

/// `prepaidctl operators set-password NAME`: the password from standard input or the terminal
/// (commands/operators_set_password.cc).
DirectCommand add_set_password_command(CLI::App& app, CliContext& ctx);

/// Every command-line-only command, added to `app`.
std::vector<DirectCommand> direct_commands(CLI::App& app, CliContext& ctx);

}  // namespace prepaid::cli

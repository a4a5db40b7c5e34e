#pragma once
/// @file command_line.h
/// @brief What every prepaidctl command shares: exit codes and the parse-and-run loop.

namespace CLI {
class App;
}

namespace prepaid::cli {

/// Exit codes of prepaidctl, the same for every command (documented in --help).
enum ExitCode : int {
  kExitOk = 0,        ///< done
  kExitFailure = 1,   ///< unexpected internal error
  kExitUsage = 2,     ///< bad command line: unknown option, missing or malformed value
  kExitBadInput = 3,  ///< a file given to the command is malformed (the error names line and field)
  kExitRefused = 4,   ///< a business refusal (e.g. unknown destination); printed with its code
  kExitUnavailable = 5,  ///< the database cannot be reached (try again later)
};

/// The text appended to `prepaidctl --help` and to each command's help.
const char* exit_codes_help();

/// Ends the running command with `code` (after it printed its own message).
[[noreturn]] void exit_with(int code);

/// Parses the command line against `app` (with its registered commands), runs the chosen
/// command and returns the process's exit code. Usage errors print CLI11's message.
int run_command_line(CLI::App& app, int argc, char** argv);

}  // namespace prepaid::cli

#pragma once
/// @file command_line.h
/// @brief What every prepaidctl command shares on the command line: the exit-code help text,
/// and ending a command-line-only command with an exit code.

#include "admin-cli/command/failure.h"

namespace prepaid::cli {

/// The exit codes (ExitCode, failure.h) as printed under `prepaidctl --help` and each
/// command's help.
const char* exit_codes_help();

/// Ends the running command-line-only command (a CLI11 callback) with `code`, after it printed
/// its own message.
[[noreturn]] void exit_with(ExitCode code);

}  // namespace prepaid::cli

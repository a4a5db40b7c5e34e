#pragma once
/// @file command_line.h
/// @brief The exit-code help text every prepaidctl command prints under its --help.

namespace prepaid::cli {

/// The exit codes (ExitCode, command/failure.h) as printed under `prepaidctl --help` and each
/// command's help.
const char* exit_codes_help();

}  // namespace prepaid::cli

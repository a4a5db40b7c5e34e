#pragma once
/// @file command.h
/// @brief Running a program (radclient, freeradius -XC, mariadb) from a test.

#include <string>
#include <vector>

namespace prepaid::radius::testing {

/// @brief What a finished program left.
struct CommandResult {
  int exit_code = -1;  ///< exit status; 128 + signal number when killed by a signal
  std::string output;  ///< stdout and stderr, interleaved
};

/// Runs argv[0] (searched in PATH, then /usr/sbin and /sbin) with `input` on its standard
/// input and `extra_env` ("NAME=value") added to the environment; waits for it. Throws
/// std::runtime_error when it cannot be started (a missing tool fails the test).
CommandResult run_command(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::vector<std::string>& extra_env = {});

/// This process's environment with `overrides` ("NAME=value") replacing or adding variables.
std::vector<std::string> environment_with(const std::vector<std::string>& overrides);

/// The full path of a program (PATH, then /usr/sbin, /sbin); throws when it is not installed.
std::string find_program(const std::string& name);

}  // namespace prepaid::radius::testing

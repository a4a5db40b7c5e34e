#pragma once
/// @file cli_app.h
/// @brief prepaidctl: the command line built from the command table (command.h), plus the
/// commands that only exist on the command line (`serve`).

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "admin-cli/command/services.h"

namespace prepaid::cli {

/// Runs prepaidctl with `args` (args[0] is the program name); returns its exit code
/// (failure.h, ExitCode). `services`: use these instead of the database options (tests).
int run_prepaidctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   std::shared_ptr<Services> services = nullptr);

}  // namespace prepaid::cli

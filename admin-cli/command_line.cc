#include "admin-cli/command_line.h"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

namespace prepaid::cli {

const char* exit_codes_help() {
  return "Exit codes: 0 done, 1 internal error, 2 bad command line, 3 malformed input file "
         "(the message names the line and the field), 4 refused (e.g. UNKNOWN_DESTINATION), "
         "5 database unavailable.";
}

void exit_with(int code) {
  throw CLI::RuntimeError(code);
}

int run_command_line(CLI::App& app, int argc, char** argv) {
  app.require_subcommand(1);
  app.footer(exit_codes_help());
  try {
    app.parse(argc, argv);
    return kExitOk;
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "prepaidctl: internal error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace prepaid::cli

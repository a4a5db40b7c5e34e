// prepaidctl: the administration command line. Each command registers itself.
#include <CLI/CLI.hpp>

#include "admin-cli/command_line.h"
#include "admin-cli/db_command.h"
#include "admin-cli/quote_command.h"

int main(int argc, char** argv) {
  CLI::App app{"prepaidctl: administration of the prepaid RADIUS AAA server", "prepaidctl"};
  prepaid::cli::register_db_command(app);
  prepaid::cli::register_quote_command(app);
  return prepaid::cli::run_command_line(app, argc, argv);
}

// prepaidctl: the command line of the prepaid system (everything is in prepaid_cli).
#include <iostream>
#include <string>
#include <vector>

#include "admin-cli/cli/cli_app.h"

int main(int argc, char** argv) {
  return prepaid::cli::run_prepaidctl(std::vector<std::string>(argv, argv + argc), std::cout,
                                      std::cerr);
}

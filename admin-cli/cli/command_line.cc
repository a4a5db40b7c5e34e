#include "admin-cli/cli/command_line.h"

namespace prepaid::cli {

const char* exit_codes_help() {
  return "Exit codes: 0 ok, 1 refused (invalid input, a malformed file, a business refusal),\n"
         "2 bad command line, 3 not found (card, tariff, file, destination…), 4 forbidden,\n"
         "5 conflict (already exists), 6 database unavailable or wrong schema version,\n"
         "7 a check found problems, 8 internal error.";
}

}  // namespace prepaid::cli

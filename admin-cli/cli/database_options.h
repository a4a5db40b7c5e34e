#pragma once
/// @file database_options.h
/// @brief DatabaseOptions: how prepaidctl finds its database — options, a config file, or
/// the PREPAID_DB_* environment (README, "Configuration").

#include <string>

#include "billing/store/mysql/connection_options.h"

namespace CLI {
class App;
}

namespace prepaid::cli {

/// @brief The database settings of prepaidctl. Precedence, highest first: command-line
/// options, the `--config` file, the environment (PREPAID_DB_SOCKET, PREPAID_DB_HOST,
/// PREPAID_DB_PORT, PREPAID_DB_USER, PREPAID_DB_PASSWORD, PREPAID_DB_NAME), the defaults.
struct DatabaseOptions {
  std::string socket;  ///< Unix socket path; preferred over host/port when set
  std::string host;    ///< TCP host (127.0.0.1 when only a port is given)
  std::string port;    ///< TCP port (3306 when only a host is given)
  std::string user;
  std::string password;  ///< from the config file or the environment (never on the command line)
  std::string password_file;     ///< a file whose first line is the password (wins over `password`)
  std::string name = "prepaid";  ///< database name

  /// Adds --db-socket, --db-host, --db-port, --db-user, --db-name, --db-password-file (and the
  /// config-only db-password) with their environment variables to `app`.
  void add_to(CLI::App& app);
  /// The connection settings; url is empty when neither a socket nor a host/port is set.
  /// Throws InputError for an unreadable password file.
  mysql::ConnectionOptions connection() const;
  /// Why these settings cannot work (a malformed database name), or "" when they may.
  std::string problem() const;
};

}  // namespace prepaid::cli

#pragma once
/// @file database_options.h
/// @brief The database options every prepaidctl command that touches the store shares:
/// --socket / --host and --port, --user, --password-file, --database, with the PREPAID_DB_*
/// environment variables as defaults (the ones scripts/mariadb prints).

#include <optional>
#include <string>

#include "billing/mysql/connection_options.h"

namespace CLI {
class App;
}

namespace prepaid::cli {

/// @brief What the command line said about the database (empty = take the environment).
struct DatabaseFlags {
  std::string socket;  ///< unix socket path; wins over host/port
  std::string host;    ///< default 127.0.0.1 when a port is given
  std::optional<unsigned> port;
  std::string user;
  std::string password_file;  ///< first line is the password (never on the command line)
  std::string database = "prepaid";
};

/// Adds the options to a command.
void add_database_options(CLI::App& command, DatabaseFlags& flags);

/// The connection options: flags first, then PREPAID_DB_SOCKET / PREPAID_DB_HOST /
/// PREPAID_DB_PORT / PREPAID_DB_USER / PREPAID_DB_PASSWORD. Throws std::runtime_error naming
/// what is missing or unreadable.
mysql::ConnectionOptions connection_options(const DatabaseFlags& flags);

}  // namespace prepaid::cli

#include "admin-cli/database_options.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace prepaid::cli {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

void add_database_options(CLI::App& command, DatabaseFlags& flags) {
  command.add_option("--socket", flags.socket,
                     "MariaDB/MySQL unix socket (default: $PREPAID_DB_SOCKET)");
  command.add_option("--host", flags.host, "Server address for TCP (default 127.0.0.1)");
  command.add_option("--port", flags.port, "TCP port (default: $PREPAID_DB_PORT)");
  command.add_option("--user", flags.user, "Database user (default: $PREPAID_DB_USER)");
  command.add_option("--password-file", flags.password_file,
                     "File whose first line is the password (default: $PREPAID_DB_PASSWORD)");
  command.add_option("--database", flags.database, "Database name")->capture_default_str();
}

mysql::ConnectionOptions connection_options(const DatabaseFlags& flags) {
  mysql::ConnectionOptions o;
  const std::string socket = !flags.socket.empty() ? flags.socket : env("PREPAID_DB_SOCKET");
  if (!socket.empty() && !flags.port) {
    o.url = "unix://" + socket;
  } else {
    const std::string port = flags.port ? std::to_string(*flags.port) : env("PREPAID_DB_PORT");
    if (port.empty())
      throw std::runtime_error(
          "no database given: use --socket or --port, or set PREPAID_DB_SOCKET");
    std::string host = !flags.host.empty() ? flags.host : env("PREPAID_DB_HOST");
    o.url = "tcp://" + (host.empty() ? std::string("127.0.0.1") : host) + ":" + port;
  }
  o.user = !flags.user.empty() ? flags.user : env("PREPAID_DB_USER");
  if (o.user.empty())
    throw std::runtime_error("no database user: use --user or set PREPAID_DB_USER");
  if (!flags.password_file.empty()) {
    std::ifstream in(flags.password_file);
    if (!in) throw std::runtime_error("cannot read the password file " + flags.password_file);
    std::getline(in, o.password);
  } else {
    o.password = env("PREPAID_DB_PASSWORD");
  }
  o.database = flags.database;
  if (!mysql::ConnectionOptions::valid_database_name(o.database))
    throw std::runtime_error("invalid database name '" + o.database +
                             "': use letters, digits and '_' (at most 64)");
  return o;
}

}  // namespace prepaid::cli

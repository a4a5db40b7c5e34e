#include "admin-cli/cli/database_options.h"

#include <CLI/CLI.hpp>

#include <fstream>

#include "admin-cli/command/failure.h"

namespace prepaid::cli {

void DatabaseOptions::add_to(CLI::App& app) {
  const char* group = "Database (also PREPAID_DB_* or the --config file)";
  app.add_option("--db-socket", socket, "MariaDB/MySQL Unix socket")
      ->envname("PREPAID_DB_SOCKET")
      ->group(group);
  app.add_option("--db-host", host, "TCP host, when no socket is given")
      ->envname("PREPAID_DB_HOST")
      ->group(group);
  app.add_option("--db-port", port, "TCP port (default 3306)")
      ->envname("PREPAID_DB_PORT")
      ->group(group);
  app.add_option("--db-user", user, "database user")->envname("PREPAID_DB_USER")->group(group);
  app.add_option("--db-name", name, "database name (default prepaid)")
      ->envname("PREPAID_DB_NAME")
      ->group(group);
  app.add_option("--db-password-file", password_file,
                 "file whose first line is the password (instead of PREPAID_DB_PASSWORD)")
      ->envname("PREPAID_DB_PASSWORD_FILE")
      ->group(group);
  // The password is read from the config file (db-password = "…") or PREPAID_DB_PASSWORD only:
  // a command-line value would show in `ps`. The option exists for the config file; it is
  // hidden from --help.
  app.add_option("--db-password", password)->envname("PREPAID_DB_PASSWORD")->group("");
}

mysql::ConnectionOptions DatabaseOptions::connection() const {
  mysql::ConnectionOptions o;
  if (!socket.empty()) {
    o.url = "unix://" + socket;
  } else if (!host.empty() || !port.empty()) {
    o.url = "tcp://" + (host.empty() ? std::string("127.0.0.1") : host) + ":" +
            (port.empty() ? std::string("3306") : port);
  }
  o.user = user;
  o.password = password;
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    if (!in) throw InputError("db-password-file", "cannot read the password file " + password_file);
    std::getline(in, o.password);
    if (!o.password.empty() && o.password.back() == '\r') o.password.pop_back();
  }
  o.database = name;
  return o;
}

std::string DatabaseOptions::problem() const {
  if (!mysql::ConnectionOptions::valid_database_name(name)) {
    return "--db-name: '" + name + "' is not a database name (letters, digits and '_', at most 64)";
  }
  return "";
}

}  // namespace prepaid::cli

#include "billing/store/mysql/connection_options.h"

#include <cstdlib>
#include <stdexcept>

namespace prepaid::mysql {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

ConnectionOptions ConnectionOptions::from_env(std::string database) {
  ConnectionOptions o;
  const std::string socket = env("PREPAID_DB_SOCKET");
  const std::string port = env("PREPAID_DB_PORT");
  if (!socket.empty()) {
    o.url = "unix://" + socket;
  } else if (!port.empty()) {
    std::string host = env("PREPAID_DB_HOST");
    o.url = "tcp://" + (host.empty() ? std::string("127.0.0.1") : host) + ":" + port;
  } else {
    throw std::runtime_error(
        "PREPAID_DB_SOCKET (or PREPAID_DB_PORT) is not set: start a private MariaDB with "
        "`scripts/mariadb start` and export the lines it prints (scripts/test does)");
  }
  o.user = env("PREPAID_DB_USER");
  if (o.user.empty()) throw std::runtime_error("PREPAID_DB_USER is not set");
  o.password = env("PREPAID_DB_PASSWORD");
  o.database = std::move(database);
  return o;
}

std::string ConnectionOptions::describe() const {
  return url + " " + user + "@" + database;
}

bool ConnectionOptions::valid_database_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace prepaid::mysql

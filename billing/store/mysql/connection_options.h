#pragma once
/// @file connection_options.h
/// @brief ConnectionOptions: how the MySQL store reaches its database.

#include <string>

namespace prepaid::mysql {

/// @brief Where and how to connect. No secret is ever printed (describe() omits it).
struct ConnectionOptions {
  /// "unix:///path/to/mysqld.sock" or "tcp://127.0.0.1:3306".
  std::string url;
  std::string user;
  std::string password;
  std::string database = "prepaid";  ///< [A-Za-z0-9_]{1,64}
  unsigned connect_timeout_s = 5;
  unsigned read_timeout_s = 30;  ///< a statement taking longer means the server is gone
  unsigned write_timeout_s = 30;
  unsigned lock_wait_timeout_s = 5;  ///< innodb_lock_wait_timeout of each session
  unsigned max_connections = 64;     ///< pool size; begin() waits when all are in use

  /// From the environment: PREPAID_DB_SOCKET (preferred) or PREPAID_DB_HOST/PREPAID_DB_PORT
  /// (host defaults to 127.0.0.1), PREPAID_DB_USER, PREPAID_DB_PASSWORD, and the given
  /// database name. Throws std::runtime_error naming the missing variable.
  static ConnectionOptions from_env(std::string database);
  /// "unix:///…/mysqld.sock prepaid@db" style, without the password.
  std::string describe() const;
  /// True when `name` is a safe database name: [A-Za-z0-9_]{1,64}.
  static bool valid_database_name(const std::string& name);
};

}  // namespace prepaid::mysql

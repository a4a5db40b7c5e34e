#pragma once
/// @file private_mariadb.h
/// @brief A MariaDB of the test's own (scripts/mariadb in a temporary directory), for tests
/// that stop and restart the database under a running radiusd.

#include <filesystem>
#include <string>

#include "tests/radius/radius_server.h"

namespace prepaid::radius::testing {

class PrivateMariaDb {
 public:
  /// Initialises and starts one in a fresh temporary directory (a few seconds).
  PrivateMariaDb();
  ~PrivateMariaDb();  ///< stops it and removes the directory
  PrivateMariaDb(const PrivateMariaDb&) = delete;
  PrivateMariaDb& operator=(const PrivateMariaDb&) = delete;

  void start();
  void stop();
  /// Connection settings (socket, port, the development account); `name` is the database.
  DatabaseEnv env(const std::string& name) const;

 private:
  std::filesystem::path dir_;
  DatabaseEnv env_;
};

}  // namespace prepaid::radius::testing

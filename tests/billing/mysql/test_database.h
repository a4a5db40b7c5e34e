#pragma once
/// @file test_database.h
/// @brief TestDatabase: a uniquely named database on the private MariaDB for one test,
/// dropped afterwards. Reads PREPAID_DB_* from the environment and throws (so the test fails)
/// when they are absent: a MySQL test never skips.

#include <string>

#include "billing/store/mysql/connection_options.h"

namespace prepaid::mysql::testing {

class TestDatabase {
 public:
  /// Creates the database; with `init_schema`, applies every migration too.
  explicit TestDatabase(bool init_schema = true);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const ConnectionOptions& options() const { return options_; }

 private:
  ConnectionOptions options_;
};

}  // namespace prepaid::mysql::testing

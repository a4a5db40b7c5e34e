#pragma once
/// @file schema.h
/// @brief Schema: the migration runner — init, upgrade, version, and the start-up check.

#include <string>
#include <vector>

#include "billing/store/mysql/connection_options.h"
#include "billing/store/mysql/migrations.h"

namespace prepaid::mysql {

/// @brief Creates and upgrades the database schema (sql/NNN_*.sql, embedded), and checks that
/// a database matches this code. MariaDB commits DDL implicitly, so a migration that fails
/// half-way leaves its first statements applied and its version unrecorded: fix the cause and
/// restore, or finish it by hand (the error names the statement).
class Schema {
 public:
  /// `steps` defaults to the embedded migrations (tests pass their own lists).
  explicit Schema(ConnectionOptions options, std::vector<Migration> steps = migrations());

  /// The version this code expects (the last migration step).
  int expected_version() const;
  /// The database's version: 0 when the database does not exist or has no schema_version
  /// table. Throws StoreUnavailable / StoreError.
  int version();
  /// Creates the database if missing and applies every migration. Throws SchemaMismatch when
  /// the database already has tables (use upgrade). Returns the new version.
  int init();
  /// Applies the migrations the database lacks, in order; returns the versions applied
  /// (empty when up to date). Throws SchemaMismatch when the database is newer than the code,
  /// or has tables but no schema_version (not a prepaid database).
  std::vector<int> upgrade();
  /// Throws SchemaMismatch with a message saying what to run, unless version() equals
  /// expected_version().
  void check();
  /// Drops the whole database (tests, and `db init --force` style tooling).
  void drop_database();

 private:
  ConnectionOptions options_;
  std::vector<Migration> steps_;
};

}  // namespace prepaid::mysql

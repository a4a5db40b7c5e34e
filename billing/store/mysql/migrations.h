#pragma once
/// @file migrations.h
/// @brief The schema migrations (sql/NNN_*.sql), embedded into the program at build time.

#include <string>
#include <string_view>
#include <vector>

namespace prepaid::mysql {

/// @brief One migration step: sql/NNN_name.sql brings the schema to version NNN.
struct Migration {
  int version;
  std::string_view file;  ///< "001_initial.sql"
  std::string_view sql;   ///< its text
};

/// Every migration, by ascending version from 1 (a number handed to a change that has not
/// landed yet may be missing).
const std::vector<Migration>& migrations();

/// The schema version this code expects: the last migration's version.
int code_schema_version();

/// The statements of a migration: split after each line that ends with the delimiter (';'),
/// with `--` comment lines and blank lines dropped. A line `DELIMITER <token>` (as in the
/// mariadb client) sets the delimiter for the lines after it, so that a routine body, whose
/// statements end with ';', stays one statement:
///
///     DELIMITER //
///     CREATE PROCEDURE p() BEGIN
///       SELECT 1;
///     END //
///     DELIMITER ;
std::vector<std::string> split_statements(std::string_view sql);

}  // namespace prepaid::mysql

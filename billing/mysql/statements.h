#pragma once
/// @file statements.h
/// @brief Every SQL statement of the MySQL store, in one table, keyed by StatementId.
/// All are executed as server-side prepared statements with bound parameters.

#include <cstdint>
#include <string_view>

namespace prepaid::mysql {

/// @brief The statements. The order matches the table in statements.cc (checked at compile
/// time).
enum class StatementId : std::uint16_t {
  // Session and schema.
  session_isolation,
  session_variables,
  schema_table_count,
  schema_version_table_exists,
  schema_version_max,
  schema_version_insert,
  schema_database_exists,
  schema_create_database,  // text has {db}: replaced by a validated name, prepared once
  schema_drop_database,    // idem
  count_                   // number of statements, not a statement
};

/// @brief One entry of the table.
struct TaggedStatement {
  StatementId id;
  std::string_view tag;  ///< short name for error messages ("card.lock_for_call")
  std::string_view sql;
};

/// The entry of `id`.
const TaggedStatement& statement(StatementId id);

}  // namespace prepaid::mysql

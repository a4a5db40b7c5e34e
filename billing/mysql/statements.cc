// All SQL of the MySQL store. Column lists shared by several statements are macros so that
// the row mapper (row_mapper.cc) reads them in one known order.
#include "billing/mysql/statements.h"

#include <array>
#include <cstddef>

namespace prepaid::mysql {
namespace {

using S = StatementId;

constexpr std::array kStatements = {
    TaggedStatement{S::session_isolation, "session.isolation",
                    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"},
    TaggedStatement{S::session_variables, "session.variables",
                    "SET SESSION time_zone = '+00:00', SESSION innodb_lock_wait_timeout = ?, "
                    "SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
                    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"},
    TaggedStatement{
        S::schema_table_count, "schema.table_count",
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"},
    TaggedStatement{S::schema_version_table_exists, "schema.version_table_exists",
                    "SELECT COUNT(*) FROM information_schema.tables "
                    "WHERE table_schema = DATABASE() AND table_name = 'schema_version'"},
    TaggedStatement{S::schema_version_max, "schema.version_max",
                    "SELECT COALESCE(MAX(version), 0) FROM schema_version"},
    TaggedStatement{
        S::schema_version_insert, "schema.version_insert",
        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"},
    TaggedStatement{S::schema_database_exists, "schema.database_exists",
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?"},
    TaggedStatement{S::schema_create_database, "schema.create_database",
                    "CREATE DATABASE IF NOT EXISTS `{db}` "
                    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"},
    TaggedStatement{S::schema_drop_database, "schema.drop_database",
                    "DROP DATABASE IF EXISTS `{db}`"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kStatements.size(); ++i)
    if (static_cast<std::size_t>(kStatements[i].id) != i) return false;
  return kStatements.size() == static_cast<std::size_t>(S::count_);
}
static_assert(in_enum_order(), "kStatements must list every StatementId, in enum order");

}  // namespace

const TaggedStatement& statement(StatementId id) {
  return kStatements[static_cast<std::size_t>(id)];
}

}  // namespace prepaid::mysql

#include "billing/store/mysql/schema.h"

#include <chrono>
#include <memory>
#include <string>

#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/migrations.h"
#include "billing/store/store_error.h"

namespace prepaid::mysql {
namespace {

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t scalar(Connection& c, StatementId id, const std::string& param = {}) {
  return c.guard(statement(id).tag, [&] {
    auto& ps = c.prepared(id);
    if (!param.empty()) ps.setString(1, sql::SQLString(param));
    std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
    rs->next();
    return static_cast<std::int64_t>(rs->getInt64(1));
  });
}

std::string with_database_name(StatementId id, const std::string& db) {
  std::string text(statement(id).sql);
  text.replace(text.find("{db}"), 4, db);
  return text;
}

}  // namespace

Schema::Schema(ConnectionOptions options, std::vector<Migration> steps)
    : options_(std::move(options)), steps_(std::move(steps)) {
  if (!ConnectionOptions::valid_database_name(options_.database))
    throw billing::StoreError("invalid database name '" + options_.database +
                              "': use letters, digits and '_' (at most 64)");
}

int Schema::expected_version() const {
  return steps_.empty() ? 0 : steps_.back().version;
}

int Schema::version() {
  Connection c(options_, false);
  if (scalar(c, StatementId::schema_database_exists, options_.database) == 0) return 0;
  c.use_database(options_.database);
  if (scalar(c, StatementId::schema_version_table_exists) == 0) return 0;
  const auto v = scalar(c, StatementId::schema_version_max);
  c.rollback();
  return static_cast<int>(v);
}

int Schema::init() {
  Connection c(options_, false);
  c.guard("create database", [&] {
    c.prepare_once(with_database_name(StatementId::schema_create_database, options_.database))
        ->execute();
  });
  c.use_database(options_.database);
  if (scalar(c, StatementId::schema_table_count) != 0)
    throw billing::SchemaMismatch("database '" + options_.database +
                                  "' is not empty: use `prepaidctl db upgrade` to bring an "
                                  "existing prepaid database up to date");
  c.rollback();
  upgrade();
  return version();
}

std::vector<int> Schema::upgrade() {
  Connection c(options_, true);
  const bool has_versions = scalar(c, StatementId::schema_version_table_exists) != 0;
  const int current =
      has_versions ? static_cast<int>(scalar(c, StatementId::schema_version_max)) : 0;
  if (!has_versions && scalar(c, StatementId::schema_table_count) != 0)
    throw billing::SchemaMismatch("database '" + options_.database +
                                  "' has tables but no schema_version: it is not a prepaid "
                                  "database (refusing to touch it)");
  if (current > expected_version())
    throw billing::SchemaMismatch("database '" + options_.database + "' has schema version " +
                                  std::to_string(current) + ", newer than this program's " +
                                  std::to_string(expected_version()) +
                                  ": upgrade the software (never downgrade a database)");
  c.rollback();
  std::vector<int> applied;
  for (const Migration& m : steps_) {
    if (m.version <= current) continue;
    int index = 0;
    for (const std::string& text : split_statements(m.sql)) {
      ++index;
      c.guard(std::string(m.file) + " statement " + std::to_string(index),
              [&] { c.prepare_once(text)->execute(); });
    }
    c.guard("schema_version", [&] {
      auto& ps = c.prepared(StatementId::schema_version_insert);
      ps.setInt(1, m.version);
      ps.setString(2, sql::SQLString(std::string(m.file)));
      ps.setInt64(3, now_s());
      ps.execute();
    });
    c.commit();
    applied.push_back(m.version);
  }
  return applied;
}

void Schema::check() {
  const int v = version();
  const int want = expected_version();
  if (v == want) return;
  if (v == 0)
    throw billing::SchemaMismatch("database '" + options_.database +
                                  "' has no prepaid schema: run `prepaidctl db init`");
  if (v < want)
    throw billing::SchemaMismatch("database '" + options_.database + "' has schema version " +
                                  std::to_string(v) + ", this program needs " +
                                  std::to_string(want) + ": run `prepaidctl db upgrade`");
  throw billing::SchemaMismatch("database '" + options_.database + "' has schema version " +
                                std::to_string(v) + ", newer than this program's " +
                                std::to_string(want) + ": upgrade the software");
}

void Schema::drop_database() {
  Connection c(options_, false);
  c.guard("drop database", [&] {
    c.prepare_once(with_database_name(StatementId::schema_drop_database, options_.database))
        ->execute();
  });
}

}  // namespace prepaid::mysql

#include "billing/store/mysql/connection.h"

#include <mysql_driver.h>

#include <mutex>
#include <optional>

#include "billing/store/store_error.h"

namespace prepaid::mysql {
namespace {

sql::mysql::MySQL_Driver* driver() {
  // get_mysql_driver_instance() is not thread-safe on its first call.
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* instance = nullptr;
  std::call_once(once, [] { instance = sql::mysql::get_mysql_driver_instance(); });
  return instance;
}

// Connector/C++ wants threadInit()/threadEnd() around the use of connections on a thread.
struct ThreadRegistration {
  ThreadRegistration() { driver()->threadInit(); }
  ~ThreadRegistration() { driver()->threadEnd(); }
};

void register_thread() {
  thread_local ThreadRegistration registration;
}

}  // namespace

Connection::Connection(const ConnectionOptions& options, bool with_database) {
  register_thread();
  sql::ConnectOptionsMap map;
  map["hostName"] = sql::SQLString(options.url);
  map["userName"] = sql::SQLString(options.user);
  map["password"] = sql::SQLString(options.password);
  int connect_timeout = static_cast<int>(options.connect_timeout_s);
  int read_timeout = static_cast<int>(options.read_timeout_s);
  int write_timeout = static_cast<int>(options.write_timeout_s);
  bool no = false;
  bool yes = true;
  map["OPT_CONNECT_TIMEOUT"] = connect_timeout;
  map["OPT_READ_TIMEOUT"] = read_timeout;
  map["OPT_WRITE_TIMEOUT"] = write_timeout;
  map["OPT_RECONNECT"] = no;       // we reconnect ourselves, never inside a transaction
  map["CLIENT_FOUND_ROWS"] = yes;  // UPDATE counts matched rows, not changed rows
  map["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  try {
    conn_.reset(driver()->connect(map));
    conn_->setAutoCommit(false);
    if (with_database) conn_->setSchema(sql::SQLString(options.database));
  } catch (const sql::SQLException& e) {
    const ErrorKind kind = classify(e.getErrorCode(), e.what());
    throw_store_error(kind == ErrorKind::retry ? ErrorKind::unavailable : kind,
                      "cannot connect to " + options.describe() + ": " + e.what());
  }
  guard("session setup", [&] {
    prepared(StatementId::session_isolation).execute();
    auto& vars = prepared(StatementId::session_variables);
    vars.setUInt(1, options.lock_wait_timeout_s);
    vars.execute();
    conn_->commit();
  });
}

Connection::~Connection() = default;

void Connection::attach_thread() {
  register_thread();
}

sql::PreparedStatement& Connection::prepared(StatementId id) {
  auto& slot = statements_[static_cast<std::size_t>(id)];
  if (!slot) {
    const TaggedStatement& s = statement(id);
    guard(s.tag,
          [&] { slot.reset(conn_->prepareStatement(sql::SQLString(s.sql.data(), s.sql.size()))); });
  }
  // No clearParameters(): every caller binds every parameter (Binder), and clearing costs
  // O(parameters) allocations per execution in Connector/C++ 1.1.
  return *slot;
}

sql::PreparedStatement& Connection::prepared_rows(StatementId id, std::size_t rows) {
  const TaggedStatement& s = statement(id);
  std::string key = std::string(s.tag) + "/" + std::to_string(rows);
  auto it = generated_.find(key);
  if (it == generated_.end()) {
    std::unique_ptr<sql::PreparedStatement> ps;
    guard(key,
          [&] { ps.reset(conn_->prepareStatement(sql::SQLString(repeated_statement(id, rows)))); });
    it = generated_.emplace(std::move(key), std::move(ps)).first;
  }
  return *it->second;
}

std::unique_ptr<sql::PreparedStatement> Connection::prepare_once(const std::string& text) {
  std::unique_ptr<sql::PreparedStatement> ps;
  guard("prepare", [&] { ps.reset(conn_->prepareStatement(sql::SQLString(text))); });
  return ps;
}

void Connection::commit() {
  guard("commit", [&] { conn_->commit(); });
}

void Connection::rollback() {
  if (broken_) return;
  try {
    conn_->rollback();
  } catch (const sql::SQLException&) {
    broken_ = true;
  }
}

void Connection::set_autocommit(bool on) {
  if (on == autocommit_) return;
  guard("autocommit", [&] { conn_->setAutoCommit(on); });
  autocommit_ = on;
}

void Connection::use_database(const std::string& name) {
  guard("use database", [&] { conn_->setSchema(sql::SQLString(name)); });
}

void Connection::fail(std::string_view what, const sql::SQLException& e) {
  const ErrorKind kind = classify(e.getErrorCode(), e.what());
  if (kind == ErrorKind::unavailable) broken_ = true;
  throw_store_error(kind, std::string(what) + ": " + e.what() + " (error " +
                              std::to_string(e.getErrorCode()) + ", " +
                              std::string(to_string(kind)) + ")");
}

std::optional<std::int64_t> nullable_int64(sql::ResultSet& rs, unsigned i) {
  const std::int64_t v = rs.getInt64(i);
  if (rs.wasNull()) return std::nullopt;
  return v;
}

}  // namespace prepaid::mysql

#pragma once
/// @file connection.h
/// @brief Connection: one Connector/C++ session with its prepared statements (internal to the
/// MySQL store; the only place besides the store's .cc files that sees Connector/C++).

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "billing/store/mysql/connection_options.h"
#include "billing/store/mysql/error_kind.h"
#include "billing/store/mysql/statements.h"

namespace prepaid::mysql {

/// @brief A connection, READ COMMITTED, UTC, strict SQL mode; manual-commit mode unless
/// set_autocommit(true).
class Connection {
 public:
  /// Connects (and selects options.database unless `with_database` is false). Throws
  /// StoreUnavailable when the server cannot be reached, StoreError otherwise.
  Connection(const ConnectionOptions& options, bool with_database);
  ~Connection();
  Connection(const Connection&) = delete;
  /// Registers the calling thread with Connector/C++ (once per thread; idempotent). Call it
  /// before using a connection made on another thread.
  static void attach_thread();
  Connection& operator=(const Connection&) = delete;

  /// The prepared statement `id` (prepared on first use, then reused). Bind every parameter
  /// before executing it: earlier values are not cleared.
  sql::PreparedStatement& prepared(StatementId id);
  /// Multi-row statement `id` with its row repeated `rows` times (repeated_statement),
  /// prepared on first use of that size, then reused.
  sql::PreparedStatement& prepared_rows(StatementId id, std::size_t rows);
  /// Reads the results left after the one just read: a CALL or a compound statement
  /// (`BEGIN NOT ATOMIC ... END`) ends with a status result, and the connection runs nothing
  /// else until every result is consumed. Also how a failed COMMIT at its end reaches us.
  static void drain_results(sql::PreparedStatement& ps) {
    while (ps.getMoreResults()) {
    }
  }
  /// A one-off prepared statement (migrations).
  std::unique_ptr<sql::PreparedStatement> prepare_once(const std::string& text);

  void commit();
  void rollback();  ///< never throws; marks the connection broken when it fails
  /// Autocommit on (each statement its own transaction: the call path's single steps) or off
  /// (Transaction). One round trip, only when it changes; switch between transactions only.
  void set_autocommit(bool on);
  /// Selects another database (after CREATE DATABASE).
  void use_database(const std::string& name);

  /// True after an error that left the connection unusable; the pool then drops it.
  bool broken() const { return broken_; }

  /// Runs `work()`, turning sql::SQLException into the billing exceptions (ErrorKind). `what`
  /// names the statement in the message. Marks the connection broken when unavailable.
  template <class Work>
  decltype(auto) guard(std::string_view what, Work&& work) {
    try {
      return work();
    } catch (const sql::SQLException& e) {
      fail(what, e);
    }
  }

 private:
  [[noreturn]] void fail(std::string_view what, const sql::SQLException& e);

  std::unique_ptr<sql::Connection> conn_;
  std::array<std::unique_ptr<sql::PreparedStatement>, static_cast<std::size_t>(StatementId::count_)>
      statements_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>, std::less<>> generated_;
  bool broken_ = false;
  bool autocommit_ = false;
};

/// Reads column `i` (1-based) as an optional int64 (NULL → nullopt).
std::optional<std::int64_t> nullable_int64(sql::ResultSet& rs, unsigned i);

}  // namespace prepaid::mysql

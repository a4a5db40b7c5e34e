#pragma once
/// @file mysql_store.h
/// @brief MySqlStore: the Store on MySQL/MariaDB through Connector/C++ (which only this
/// library's .cc files include).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "billing/mysql/connection_options.h"
#include "billing/store.h"

namespace prepaid::mysql {

/// @brief A pool of connections to one database; each transaction borrows one.
///
/// Statements are prepared once per connection and reused; every value is a bound parameter.
/// A connection that lost its server is dropped and replaced by the next begin(); when the
/// first statement of a transaction finds its pooled connection dead, the store reconnects
/// and runs it again (nothing had happened yet). Errors are sorted at this edge (ErrorKind)
/// into StoreConflict, StoreDuplicate, StoreUnavailable and StoreError.
class MySqlStore final : public billing::Store {
 public:
  /// Connects once and checks the schema version. Throws StoreUnavailable when the server
  /// cannot be reached, SchemaMismatch when the schema is older or newer than this code
  /// expects (the message says what to run).
  explicit MySqlStore(ConnectionOptions options);
  ~MySqlStore() override;

  /// Borrows a connection (waits when max_connections are in use) and starts a transaction.
  std::unique_ptr<billing::Transaction> begin() override;
  std::string describe() const override;
  std::string state_fingerprint() override;

  /// Rows in one of the store's tables ("card", "rate", …); throws StoreError for another
  /// name. For `prepaidctl db` statistics and tests.
  std::uint64_t row_count(std::string_view table);

  /// Connections open now (idle + borrowed).
  std::size_t open_connections() const;

  struct Pool;  ///< internal

 private:
  std::shared_ptr<Pool> pool_;
};

}  // namespace prepaid::mysql

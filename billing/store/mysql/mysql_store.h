#pragma once
/// @file mysql_store.h
/// @brief MySqlStore: the Store on MySQL/MariaDB through Connector/C++ (which only this
/// library's .cc files include).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "billing/store/mysql/connection_options.h"
#include "billing/store/store.h"

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

  /// The call path's steps. The requests of the same moment share one run of each step's
  /// grouped statements (call_group.h, settle_batch.h); a request alone runs them as a group
  /// of one. The reads alone take one statement in autocommit mode.
  std::optional<billing::CardState> read_card_for_call(std::string_view number,
                                                       const billing::SessionKey& key,
                                                       rating::Instant now) override;
  std::optional<billing::LockedVerdict> decide_and_reserve(std::string_view number,
                                                           const billing::SessionKey& key,
                                                           rating::Instant now,
                                                           const billing::CallDecider& decide,
                                                           billing::Reservation& r) override;
  billing::ReserveOutcome reserve(billing::Reservation& r,
                                  const billing::GrantBasis& basis) override;
  std::optional<billing::Reservation> read_reservation(const billing::SessionKey& key) override;
  billing::SettleResult settle(billing::Settlement& s) override;
  std::optional<billing::SettleResult> rate_and_settle(const billing::SessionKey& key,
                                                       rating::Instant now,
                                                       const billing::StopRater& rate,
                                                       billing::Settlement& s) override;
  billing::StartOutcome start_call(const billing::SessionKey& key, rating::Instant started_at,
                                   std::uint32_t grace_s, rating::Instant now) override;
  billing::UsageOutcome record_call_usage(const billing::SessionKey& key, std::uint32_t usage_s,
                                          rating::Instant at) override;

  /// Rows in one of the store's tables ("card", "rate", …); throws StoreError for another
  /// name. For `prepaidctl db` statistics and tests.
  std::uint64_t row_count(std::string_view table);

  /// Connections open now (idle + borrowed).
  std::size_t open_connections() const;

  /// What the Stops booked on this node's copies of its reservations did (reservation_copies.h;
  /// for tests and diagnosis): Stops booked on copies, groups refused because a row had moved
  /// past its copy (then read and booked), copies kept now.
  struct CopyCounts {
    std::uint64_t stops_on_copies = 0;
    std::uint64_t stale_groups = 0;
    std::size_t kept = 0;
  };
  CopyCounts copy_counts() const;
  /// This node's copy of the reservation of `key` and its revision, if it keeps one (tests).
  std::optional<std::pair<billing::Reservation, std::int64_t>> reservation_copy(
      const billing::SessionKey& key) const;

  struct Pool;  ///< internal

 private:
  std::shared_ptr<Pool> pool_;
};

}  // namespace prepaid::mysql

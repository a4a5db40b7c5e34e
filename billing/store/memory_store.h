#pragma once
/// @file memory_store.h
/// @brief MemoryStore: the Store in process memory, for fast unit tests (and the contract
/// suite's reference). Not for production: nothing survives the process, and one process
/// cannot share it with another RADIUS node.

#include <memory>
#include <mutex>
#include <string>

#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief An in-memory Store. A transaction holds one store-wide lock from begin() until it
/// is committed or destroyed (so transactions are serialised, which is stronger than the row
/// locks of a database), and undoes its writes when rolled back.
class MemoryStore final : public Store {
 public:
  MemoryStore();
  ~MemoryStore() override;
  std::unique_ptr<Transaction> begin() override;
  std::string describe() const override { return "memory"; }
  std::optional<CardState> read_card_for_call(std::string_view number, const SessionKey& key,
                                              rating::Instant now) override;
  ReserveOutcome reserve(Reservation& r, const GrantBasis& basis) override;
  std::optional<LockedVerdict> decide_and_reserve(std::string_view number, const SessionKey& key,
                                                  rating::Instant now, const CallDecider& decide,
                                                  Reservation& r) override;
  std::optional<Reservation> read_reservation(const SessionKey& key) override;
  SettleResult settle(Settlement& s) override;
  std::optional<SettleResult> rate_and_settle(const SessionKey& key, rating::Instant now,
                                              const StopRater& rate, Settlement& s) override;
  StartOutcome start_call(const SessionKey& key, rating::Instant started_at, std::uint32_t grace_s,
                          rating::Instant now) override;
  UsageOutcome record_call_usage(const SessionKey& key, std::uint32_t usage_s,
                                 rating::Instant at) override;
  std::string state_fingerprint() override;

  /// Makes every later begin() throw StoreUnavailable (or stop doing so): tests of the
  /// "database down" path.
  void set_unavailable(bool unavailable);

  struct State;  ///< internal

 private:
  std::unique_ptr<State> state_;
};

}  // namespace prepaid::billing

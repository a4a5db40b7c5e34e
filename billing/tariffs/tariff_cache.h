#pragma once
/// @file tariff_cache.h
/// @brief TariffCache: built Tariff objects shared by all threads, reloaded from the store when
/// their version in the database changes. Nothing money-related lives here.

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "billing/store/store.h"
#include "rating/tariff.h"

namespace prepaid::billing {

/// @brief A reservation's tariff snapshot: its text and the key it is stored under.
struct TariffSnapshot {
  std::string text;    ///< format_tariff_text(tariff.restricted_to(digits))
  std::string sha256;  ///< sha256_hex(text)
};

/// @brief One built tariff at one version, with its memo of reservation snapshots.
class CachedTariff {
 public:
  CachedTariff(std::shared_ptr<const rating::Tariff> tariff, std::int64_t version)
      : tariff_(std::move(tariff)), version_(version) {}
  const rating::Tariff& tariff() const { return *tariff_; }
  const std::shared_ptr<const rating::Tariff>& shared() const { return tariff_; }
  std::int64_t version() const { return version_; }
  /// format_tariff_text(tariff().restricted_to(digits)) and its SHA-256, memoised per set of
  /// matched prefixes (many numbers share one snapshot). Thread-safe.
  TariffSnapshot snapshot_for(std::string_view digits) const;

 private:
  std::shared_ptr<const rating::Tariff> tariff_;
  std::int64_t version_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, TariffSnapshot> snapshots_;  // match key -> snapshot
};

/// @brief Thread-safe cache of tariffs by name, and of parsed reservation snapshots.
class TariffCache {
 public:
  /// `max_snapshots`: parsed snapshots kept (least recently used are dropped).
  explicit TariffCache(std::shared_ptr<Store> store, std::size_t max_snapshots = 4096);

  /// The cached tariff `name` if it is built at exactly `version`; nullptr otherwise. No I/O:
  /// what the authorization calls while it holds a card's row lock.
  std::shared_ptr<const CachedTariff> find(std::string_view name, std::int64_t version) const;
  /// find(), else loads the tariff in its own transaction (call it without holding a row
  /// lock) and returns what was loaded — the newest committed version, which may be newer than
  /// `version`. Concurrent callers wait for one load instead of loading it again. nullptr when
  /// the tariff does not exist or does not build (see last_problems()). Throws
  /// StoreError / StoreUnavailable.
  std::shared_ptr<const CachedTariff> get(std::string_view name, std::int64_t version);
  /// Loads the newest committed version now (quotes, admin checks).
  std::shared_ptr<const CachedTariff> current(std::string_view name);

  /// A parsed reservation snapshot (rating::parse_tariff_text); nullptr when it does not parse.
  std::shared_ptr<const rating::Tariff> snapshot(const std::string& text);

  /// Why the last load of `name` failed ("" when it did not).
  std::string last_problems(std::string_view name) const;

 private:
  struct Slot;
  std::shared_ptr<Slot> slot(std::string_view name);
  std::shared_ptr<const CachedTariff> load(Slot& slot, std::string_view name);

  std::shared_ptr<Store> store_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Slot>, std::less<>> slots_;

  std::size_t max_snapshots_;
  std::mutex snapshot_mutex_;
  std::list<std::string> snapshot_lru_;
  struct SnapshotEntry {
    std::shared_ptr<const rating::Tariff> tariff;
    std::list<std::string>::iterator lru;
  };
  std::unordered_map<std::string, SnapshotEntry> snapshots_;
};

}  // namespace prepaid::billing

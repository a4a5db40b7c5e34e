#include "billing/tariffs/tariff_cache.h"

#include "billing/operators/token_digest.h"
#include "rating/tariff_file.h"

namespace prepaid::billing {

namespace {
constexpr std::size_t kMaxSnapshotsPerTariff = 20000;
}

TariffSnapshot CachedTariff::snapshot_for(std::string_view digits) const {
  // The restricted tariff depends only on which rate each list matches.
  std::string key;
  for (const auto& [name, deck] : tariff_->price_lists()) {
    const rating::Rate* rate = deck->match(digits);
    key += name;
    key += ':';
    key += rate ? rate->prefix : std::string("-");
    key += ';';
  }
  {
    std::lock_guard lock(mutex_);
    auto it = snapshots_.find(key);
    if (it != snapshots_.end()) return it->second;
  }
  TariffSnapshot made;
  made.text = rating::format_tariff_text(tariff_->restricted_to(digits));
  made.sha256 = sha256_hex(made.text);
  std::lock_guard lock(mutex_);
  if (snapshots_.size() >= kMaxSnapshotsPerTariff) snapshots_.clear();
  snapshots_.emplace(std::move(key), made);
  return made;
}

struct TariffCache::Slot {
  std::mutex load_mutex;                        // one load at a time per tariff
  std::shared_ptr<const CachedTariff> current;  // guarded by TariffCache::mutex_
  std::string problems;                         // guarded by TariffCache::mutex_
};

TariffCache::TariffCache(std::shared_ptr<Store> store, std::size_t max_snapshots)
    : store_(std::move(store)), max_snapshots_(max_snapshots) {}

std::shared_ptr<TariffCache::Slot> TariffCache::slot(std::string_view name) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(name);
  if (it == slots_.end()) it = slots_.emplace(std::string(name), std::make_shared<Slot>()).first;
  return it->second;
}

std::shared_ptr<const CachedTariff> TariffCache::find(std::string_view name,
                                                      std::int64_t version) const {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(name);
  if (it == slots_.end() || !it->second->current) return nullptr;
  if (it->second->current->version() != version) return nullptr;
  return it->second->current;
}

std::shared_ptr<const CachedTariff> TariffCache::get(std::string_view name, std::int64_t version) {
  if (auto hit = find(name, version)) return hit;
  auto s = slot(name);
  std::lock_guard load_lock(s->load_mutex);
  if (auto hit = find(name, version)) return hit;  // another thread loaded it meanwhile
  return load(*s, name);
}

std::shared_ptr<const CachedTariff> TariffCache::current(std::string_view name) {
  auto s = slot(name);
  std::lock_guard load_lock(s->load_mutex);
  return load(*s, name);
}

std::shared_ptr<const CachedTariff> TariffCache::load(Slot& s, std::string_view name) {
  std::optional<TariffContent> content;
  {
    auto tx = store_->begin();
    content = tx->load_tariff(name);
    tx->commit();
  }
  std::shared_ptr<const CachedTariff> loaded;
  std::string problems;
  if (!content) {
    problems = "no tariff named '" + std::string(name) + "'";
  } else {
    TariffBuild build = build_tariff(*content);
    if (build.tariff) {
      loaded = std::make_shared<const CachedTariff>(build.tariff, content->header.version);
    } else {
      for (const auto& p : build.problems) problems += (problems.empty() ? "" : "; ") + p;
    }
  }
  std::lock_guard lock(mutex_);
  s.problems = problems;
  if (loaded) s.current = loaded;
  return loaded;
}

std::string TariffCache::last_problems(std::string_view name) const {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(name);
  return it == slots_.end() ? std::string() : it->second->problems;
}

std::shared_ptr<const rating::Tariff> TariffCache::snapshot(const std::string& text) {
  {
    std::lock_guard lock(snapshot_mutex_);
    auto it = snapshots_.find(text);
    if (it != snapshots_.end()) {
      snapshot_lru_.splice(snapshot_lru_.begin(), snapshot_lru_, it->second.lru);
      return it->second.tariff;
    }
  }
  rating::TariffLoad parsed = rating::parse_tariff_text(text);
  if (!parsed.tariff) return nullptr;
  std::lock_guard lock(snapshot_mutex_);
  auto it = snapshots_.find(text);
  if (it != snapshots_.end()) return it->second.tariff;
  snapshot_lru_.push_front(text);
  snapshots_.emplace(text, SnapshotEntry{parsed.tariff, snapshot_lru_.begin()});
  while (snapshots_.size() > max_snapshots_) {
    snapshots_.erase(snapshot_lru_.back());
    snapshot_lru_.pop_back();
  }
  return parsed.tariff;
}

}  // namespace prepaid::billing

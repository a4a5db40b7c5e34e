#include "billing/store/mysql/reservation_copies.h"

#include <chrono>
#include <utility>

namespace prepaid::mysql {

ReservationCopies::ReservationCopies(std::size_t capacity) : capacity_(capacity) {}

std::string ReservationCopies::key_of(const billing::SessionKey& key) {
  std::string k;
  k.reserve(key.nas.size() + 1 + key.session_id.size());
  k += key.nas;
  k += '\0';  // printable ASCII on both sides (groupable keys only): no two keys collide
  k += key.session_id;
  return k;
}

bool ReservationCopies::make_room(rating::Instant now) {
  if (copies_.size() < capacity_) return true;
  if (now < next_sweep_) return false;
  for (auto it = copies_.begin(); it != copies_.end();) {
    if (it->second.reservation.expires_at <= now) {
      it = copies_.erase(it);
    } else {
      ++it;
    }
  }
  // Still nearly full: these calls are in progress; new ones go without copies for a while
  // (their Stops are read), rather than a sweep of the whole map at every authorization.
  if (copies_.size() + capacity_ / 8 > capacity_) next_sweep_ = now + std::chrono::seconds(10);
  if (texts_.size() > capacity_) texts_.clear();  // copies keep the texts they point to
  return copies_.size() < capacity_;
}

void ReservationCopies::remember(const billing::Reservation& r) {
  Entry e;
  e.reservation = r;
  std::string text = std::move(e.reservation.tariff_snapshot);
  e.reservation.tariff_snapshot.clear();  // kept once, in texts_, not per copy
  std::lock_guard lock(mutex_);
  if (!make_room(r.created_at)) return;
  // Content-addressed (the key is the text's SHA-256), as the store's snapshot table is.
  auto& shared = texts_[r.snapshot_sha256];
  if (!shared) shared = std::make_shared<const std::string>(std::move(text));
  e.snapshot = shared;
  copies_.insert_or_assign(key_of(r.key), std::move(e));
}

std::optional<std::int64_t> ReservationCopies::revision(const billing::SessionKey& key) const {
  std::lock_guard lock(mutex_);
  auto it = copies_.find(key_of(key));
  if (it == copies_.end()) return std::nullopt;
  return it->second.revision;
}

std::optional<ReservationCopies::Copy> ReservationCopies::find(
    const billing::SessionKey& key) const {
  std::lock_guard lock(mutex_);
  auto it = copies_.find(key_of(key));
  if (it == copies_.end()) return std::nullopt;
  Copy out{it->second.reservation, it->second.revision};
  if (it->second.snapshot) out.reservation.tariff_snapshot = *it->second.snapshot;
  return out;
}

std::optional<ReservationCopies::Copy> ReservationCopies::take(const billing::SessionKey& key) {
  std::optional<Copy> out;
  {
    std::lock_guard lock(mutex_);
    auto it = copies_.find(key_of(key));
    if (it == copies_.end()) return std::nullopt;
    Entry e = std::move(it->second);
    copies_.erase(it);
    out.emplace();
    out->reservation = std::move(e.reservation);
    out->revision = e.revision;
    if (e.snapshot) out->reservation.tariff_snapshot = *e.snapshot;
  }
  return out;
}

template <class Change>
void ReservationCopies::follow(const billing::SessionKey& key, std::int64_t before,
                               Change&& change) {
  std::lock_guard lock(mutex_);
  auto it = copies_.find(key_of(key));
  if (it == copies_.end()) return;
  if (it->second.revision != before) {
    copies_.erase(it);  // changed by another thread meanwhile: its order with ours is unknown
    return;
  }
  change(it->second.reservation);
  ++it->second.revision;
}

void ReservationCopies::started(const billing::SessionKey& key, std::int64_t before,
                                rating::Instant started_at, std::chrono::seconds grace) {
  follow(key, before, [&](billing::Reservation& r) {
    r.state = billing::ReservationState::started;
    r.started_at = started_at;
    r.expires_at = started_at + grace + std::chrono::seconds(r.granted_s);
  });
}

void ReservationCopies::used(const billing::SessionKey& key, std::int64_t before,
                             std::uint32_t usage_s, rating::Instant at) {
  follow(key, before, [&](billing::Reservation& r) {
    r.usage_s = usage_s;
    r.last_interim_at = at;
  });
}

void ReservationCopies::forget(const billing::SessionKey& key) {
  std::lock_guard lock(mutex_);
  copies_.erase(key_of(key));
}

std::size_t ReservationCopies::size() const {
  std::lock_guard lock(mutex_);
  return copies_.size();
}

}  // namespace prepaid::mysql

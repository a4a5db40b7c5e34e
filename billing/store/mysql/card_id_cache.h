#pragma once
/// @file card_id_cache.h
/// @brief CardIdCache: card ids by number, as the store has read them (internal to the MySQL
/// store), so that a group of authorizations can lock its cards in id order.
///
/// A card's number and id never change (no statement updates a number or deletes a card), so
/// a remembered id stays right while the database does. Whoever locks by a remembered id must
/// still check that the row it then reads by number is the row it locked (decide_together
/// does, and forgets the group's numbers when one is not): a database restored or edited by
/// hand must cost a retry, never a decision on an unlocked row.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "billing/cards/card.h"

namespace prepaid::mysql {

class CardIdCache {
 public:
  /// At most this many numbers are remembered; past it the cache starts again empty.
  static constexpr std::size_t kMaxEntries = 1'000'000;

  std::optional<billing::CardId> find(std::string_view number) const {
    std::lock_guard lock(mutex_);
    auto it = ids_.find(std::string(number));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }

  void remember(std::string_view number, billing::CardId id) {
    std::lock_guard lock(mutex_);
    if (ids_.size() >= kMaxEntries) ids_.clear();
    ids_.insert_or_assign(std::string(number), id);
  }

  void forget(std::string_view number) {
    std::lock_guard lock(mutex_);
    ids_.erase(std::string(number));
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, billing::CardId> ids_;
};

}  // namespace prepaid::mysql

#pragma once
/// @file rate_deck.h
/// @brief RateDeck: a price list with longest-prefix match over dialed digits.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rating/rate.h"

namespace prepaid::rating {

/// @brief A named price list: rates keyed by unique digit prefixes.
///
/// Sized for 250,000+ prefixes: lookups are a walk over a compact digit trie (no allocation,
/// no string comparison, 12 bytes per trie node). A built deck is immutable in use and safe
/// to share between threads (std::shared_ptr<const RateDeck>); its const methods may be called
/// concurrently, its mutators may not.
class RateDeck {
 public:
  explicit RateDeck(std::string name = {});
  RateDeck(RateDeck&&) noexcept;
  RateDeck& operator=(RateDeck&&) noexcept;
  RateDeck(const RateDeck&);
  RateDeck& operator=(const RateDeck&);
  ~RateDeck();

  const std::string& name() const { return name_; }

  /// Adds a rate. Returns false (and changes nothing) when its prefix is already present.
  /// The rate's fields are assumed validated (the CSV parser and the stores validate them).
  bool add(Rate rate);
  /// Replaces the rate with the same prefix, or adds it.
  void upsert(Rate rate);

  /// The rate with the longest prefix of `digits` (normalised); nullptr when none matches.
  const Rate* match(std::string_view digits) const;
  /// The rate with exactly this prefix; nullptr when absent.
  const Rate* find(std::string_view prefix) const;

  /// Builds the compact lookup index now and releases the build-time one. Otherwise the first
  /// match()/find() does it (thread-safe). Call after loading a deck; add()/upsert() after it
  /// work but rebuild the build-time index from the rates (O(n)).
  void optimize() const;

  std::size_t size() const;
  /// Every rate, in the order they were added.
  const std::vector<Rate>& rates() const;
  /// Approximate heap bytes held (for the benchmark's memory figure).
  std::size_t memory_bytes() const;

 private:
  struct Index;
  std::string name_;
  std::vector<Rate> rates_;
  std::unique_ptr<Index> index_;
};

}  // namespace prepaid::rating

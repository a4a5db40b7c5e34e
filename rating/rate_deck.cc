#include "rating/rate_deck.h"

#include <array>
#include <limits>

namespace prepaid::rating {

// The index is a digit trie stored as "blocks": a block has ten slots, one per digit, and a
// slot holds the rate whose prefix ends there and the block of the next digit. Lookups read
// one slot per dialed digit (one cache line), leaves cost no block at all, and indices are
// 32-bit, which keeps a 250,000-prefix deck to a few MB of index.
struct RateDeck::Index {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  struct Slot {
    std::uint32_t rate = kNone;   // index into rates_
    std::uint32_t child = kNone;  // index into blocks
  };
  using Block = std::array<Slot, 10>;
  std::vector<Block> blocks = std::vector<Block>(1);  // block 0: the first digit

  /// The slot of `prefix`, creating the blocks on the way when `create`; nullptr when absent.
  Slot* slot_of(std::string_view prefix, bool create) {
    if (prefix.empty()) return nullptr;
    std::uint32_t block = 0;
    for (std::size_t i = 0;; ++i) {
      auto digit = static_cast<unsigned>(prefix[i] - '0');
      if (digit > 9) return nullptr;
      if (i + 1 == prefix.size()) return &blocks[block][digit];
      std::uint32_t child = blocks[block][digit].child;
      if (child == kNone) {
        if (!create) return nullptr;
        child = static_cast<std::uint32_t>(blocks.size());
        blocks.emplace_back();
        blocks[block][digit].child = child;
      }
      block = child;
    }
  }
};

RateDeck::RateDeck(std::string name) : name_(std::move(name)), index_(new Index) {}
RateDeck::RateDeck(RateDeck&&) noexcept = default;
RateDeck& RateDeck::operator=(RateDeck&&) noexcept = default;
RateDeck::RateDeck(const RateDeck& other)
    : name_(other.name_), rates_(other.rates_), index_(new Index(*other.index_)) {}
RateDeck& RateDeck::operator=(const RateDeck& other) {
  if (this != &other) *this = RateDeck(other);
  return *this;
}
RateDeck::~RateDeck() = default;

bool RateDeck::add(Rate rate) {
  if (!index_) index_ = std::make_unique<Index>();  // a moved-from deck is usable again
  Index::Slot* slot = index_->slot_of(rate.prefix, true);
  if (slot == nullptr || slot->rate != Index::kNone) return false;
  slot->rate = static_cast<std::uint32_t>(rates_.size());
  rates_.push_back(std::move(rate));
  return true;
}

void RateDeck::upsert(Rate rate) {
  if (!index_) index_ = std::make_unique<Index>();
  Index::Slot* slot = index_->slot_of(rate.prefix, true);
  if (slot == nullptr) return;
  if (slot->rate != Index::kNone) {
    rates_[slot->rate] = std::move(rate);
    return;
  }
  slot->rate = static_cast<std::uint32_t>(rates_.size());
  rates_.push_back(std::move(rate));
}

const Rate* RateDeck::match(std::string_view digits) const {
  if (!index_) return nullptr;
  const auto* blocks = index_->blocks.data();
  std::uint32_t best = Index::kNone;
  std::uint32_t block = 0;
  for (char c : digits) {
    auto digit = static_cast<unsigned>(c - '0');
    if (digit > 9) break;
    const Index::Slot& slot = blocks[block][digit];
    if (slot.rate != Index::kNone) best = slot.rate;
    block = slot.child;
    if (block == Index::kNone) break;
  }
  return best == Index::kNone ? nullptr : &rates_[best];
}

const Rate* RateDeck::find(std::string_view prefix) const {
  if (!index_) return nullptr;
  const Index::Slot* slot = index_->slot_of(prefix, false);
  if (slot == nullptr || slot->rate == Index::kNone) return nullptr;
  return &rates_[slot->rate];
}

std::size_t RateDeck::size() const {
  return rates_.size();
}

const std::vector<Rate>& RateDeck::rates() const {
  return rates_;
}

std::size_t RateDeck::memory_bytes() const {
  std::size_t bytes = name_.capacity() + rates_.capacity() * sizeof(Rate);
  constexpr std::size_t kInline = 15;  // libstdc++ keeps shorter strings inline
  for (const Rate& r : rates_) {
    if (r.prefix.capacity() > kInline) bytes += r.prefix.capacity() + 1;
    if (r.destination.capacity() > kInline) bytes += r.destination.capacity() + 1;
  }
  if (index_) bytes += sizeof(Index) + index_->blocks.capacity() * sizeof(Index::Block);
  return bytes;
}

}  // namespace prepaid::rating

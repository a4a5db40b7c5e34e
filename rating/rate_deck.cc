#include "rating/rate_deck.h"

#include <sys/mman.h>

#include <array>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <new>

namespace prepaid::rating {

namespace {

/// Allocates large arrays on 2 MB boundaries and asks Linux for transparent huge pages there:
/// a 250,000-prefix trie spans thousands of 4 KB pages, and a lookup touches one block per
/// digit, so TLB misses would otherwise cost as much as the cache misses.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = 2 << 20;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor)
  T* allocate(std::size_t n) {
    std::size_t bytes = n * sizeof(T);
    void* p = nullptr;
    if (bytes >= kHugePage) {
      bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
      p = std::aligned_alloc(kHugePage, bytes);
      if (p != nullptr) ::madvise(p, bytes, MADV_HUGEPAGE);  // a hint: failure is harmless
    } else {
      p = std::malloc(bytes);
    }
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) { std::free(p); }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace

// The index is a digit trie in two forms.
//
// While rates are added it is a "build trie" of blocks: a block has ten slots, one per digit,
// and a slot holds the rate whose prefix ends there and the block of the next digit (easy to
// insert into, but 80 bytes per block, mostly empty).
//
// Lookups use a compact form built from it once (on the first lookup, or by optimize()): each
// node is 12 bytes, a bit mask of the digits that have a child, a bit mask of the digits where a
// prefix ends, and the index of its first child and first rate; children (and rates) of a node
// are stored contiguously in digit order, so the slot for digit d is found by counting the bits
// below d. A 250,000-prefix deck then needs a few MB of index instead of ~20 MB, which keeps
// lookups in cache. The build trie is released once the compact form exists, and rebuilt from
// the rates if the deck is changed again.
struct RateDeck::Index {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  struct Slot {
    std::uint32_t rate = kNone;   // index into rates_
    std::uint32_t child = kNone;  // index into blocks
  };
  using Block = std::array<Slot, 10>;
  struct Node {
    std::uint16_t child_mask = 0;  // bit d: the prefix so far + d continues
    std::uint16_t rate_mask = 0;   // bit d: a rate's prefix ends with d here
    std::uint32_t child_base = 0;  // node index of the first child
    std::uint32_t rate_base = 0;   // index into rate_slots of the first rate
  };

  // Build form (valid while `building`).
  std::vector<Block, HugePageAllocator<Block>> blocks;
  bool building = false;
  // Compact form (valid while `ready`).
  std::vector<Node, HugePageAllocator<Node>> nodes;
  std::vector<std::uint32_t> rate_slots;  // indexes into rates_
  std::atomic<bool> ready{false};
  std::mutex compacting;

  /// The slot of `prefix` in the build trie, creating blocks on the way; nullptr when the
  /// prefix is not digits.
  Slot* slot_of(std::string_view prefix) {
    if (prefix.empty()) return nullptr;
    std::uint32_t block = 0;
    for (std::size_t i = 0;; ++i) {
      auto digit = static_cast<unsigned>(prefix[i] - '0');
      if (digit > 9) return nullptr;
      if (i + 1 == prefix.size()) return &blocks[block][digit];
      std::uint32_t child = blocks[block][digit].child;
      if (child == kNone) {
        child = static_cast<std::uint32_t>(blocks.size());
        blocks.emplace_back();
        blocks[block][digit].child = child;
      }
      block = child;
    }
  }

  /// The rate index of exactly `prefix` in the build trie; kNone when absent.
  std::uint32_t find_building(std::string_view prefix) const {
    std::uint32_t block = 0;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      auto digit = static_cast<unsigned>(prefix[i] - '0');
      if (digit > 9) return kNone;
      const Slot& slot = blocks[block][digit];
      if (i + 1 == prefix.size()) return slot.rate;
      if (slot.child == kNone) return kNone;
      block = slot.child;
    }
    return kNone;
  }

  /// Makes the build trie current (rebuilding it from the rates after a compaction) and drops
  /// the compact form. Called by the mutators, which never run concurrently with readers.
  void start_building(const std::vector<Rate>& rates) {
    if (!building) {
      blocks.assign(1, Block{});
      building = true;
      for (std::size_t i = 0; i < rates.size(); ++i) {
        if (Slot* slot = slot_of(rates[i].prefix)) slot->rate = static_cast<std::uint32_t>(i);
      }
    }
    if (ready.load(std::memory_order_relaxed)) {
      decltype(nodes)().swap(nodes);  // release the memory (`= {}` would keep it)
      decltype(rate_slots)().swap(rate_slots);
      ready.store(false, std::memory_order_relaxed);
    }
  }

  /// Builds the compact form (breadth first) and releases the build trie. Thread-safe.
  void compact(const std::vector<Rate>& rates) {
    if (ready.load(std::memory_order_acquire)) return;
    std::lock_guard<std::mutex> lock(compacting);
    if (ready.load(std::memory_order_relaxed)) return;
    if (!building) start_building(rates);  // a copied deck: build from its rates first
    std::vector<std::uint32_t> order{0};   // build blocks in the order of their nodes
    nodes.assign(1, Node{});
    rate_slots.clear();
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Block& block = blocks[order[i]];
      Node node;
      node.child_base = static_cast<std::uint32_t>(order.size());
      node.rate_base = static_cast<std::uint32_t>(rate_slots.size());
      for (unsigned d = 0; d < 10; ++d) {
        if (block[d].rate != kNone) {
          node.rate_mask = static_cast<std::uint16_t>(node.rate_mask | (1u << d));
          rate_slots.push_back(block[d].rate);
        }
        if (block[d].child != kNone) {
          node.child_mask = static_cast<std::uint16_t>(node.child_mask | (1u << d));
          order.push_back(block[d].child);
        }
      }
      nodes[i] = node;
      nodes.resize(order.size());
    }
    nodes.shrink_to_fit();
    rate_slots.shrink_to_fit();
    decltype(blocks)().swap(blocks);
    building = false;
    ready.store(true, std::memory_order_release);
  }
};

namespace {

/// Bits set in each 10-bit mask: a table in L1 beats popcount, which baseline x86-64 lacks
/// (std::popcount becomes a library call there).
constexpr std::array<std::uint8_t, 1024> kBitCount = [] {
  std::array<std::uint8_t, 1024> table{};
  for (unsigned m = 0; m < 1024; ++m) table[m] = static_cast<std::uint8_t>(std::popcount(m));
  return table;
}();

/// Rank of digit d among the bits of `mask`.
inline unsigned rank(std::uint16_t mask, unsigned d) {
  return kBitCount[static_cast<unsigned>(mask) & ((1u << d) - 1)];
}

}  // namespace

RateDeck::RateDeck(std::string name) : name_(std::move(name)), index_(new Index) {}
RateDeck::RateDeck(RateDeck&&) noexcept = default;
RateDeck& RateDeck::operator=(RateDeck&&) noexcept = default;
RateDeck::RateDeck(const RateDeck& other)
    : name_(other.name_), rates_(other.rates_), index_(new Index) {}
RateDeck& RateDeck::operator=(const RateDeck& other) {
  if (this != &other) *this = RateDeck(other);
  return *this;
}
RateDeck::~RateDeck() = default;

bool RateDeck::add(Rate rate) {
  if (!index_) index_ = std::make_unique<Index>();  // a moved-from deck is usable again
  index_->start_building(rates_);
  Index::Slot* slot = index_->slot_of(rate.prefix);
  if (slot == nullptr || slot->rate != Index::kNone) return false;
  slot->rate = static_cast<std::uint32_t>(rates_.size());
  rates_.push_back(std::move(rate));
  return true;
}

void RateDeck::upsert(Rate rate) {
  if (!index_) index_ = std::make_unique<Index>();
  index_->start_building(rates_);
  Index::Slot* slot = index_->slot_of(rate.prefix);
  if (slot == nullptr) return;
  if (slot->rate != Index::kNone) {
    rates_[slot->rate] = std::move(rate);
    return;
  }
  slot->rate = static_cast<std::uint32_t>(rates_.size());
  rates_.push_back(std::move(rate));
}

void RateDeck::optimize() const {
  if (index_) index_->compact(rates_);
}

const Rate* RateDeck::match(std::string_view digits) const {
  if (!index_) return nullptr;
  if (!index_->ready.load(std::memory_order_acquire)) index_->compact(rates_);
  const Index::Node* nodes = index_->nodes.data();
  std::uint32_t best = Index::kNone;
  std::uint32_t node = 0;
  for (char c : digits) {
    auto digit = static_cast<unsigned>(c - '0');
    if (digit > 9) break;
    const Index::Node& n = nodes[node];
    unsigned bit = 1u << digit;
    if (n.rate_mask & bit) best = n.rate_base + rank(n.rate_mask, digit);
    if (!(n.child_mask & bit)) break;
    node = n.child_base + rank(n.child_mask, digit);
  }
  return best == Index::kNone ? nullptr : &rates_[index_->rate_slots[best]];
}

const Rate* RateDeck::find(std::string_view prefix) const {
  if (!index_ || prefix.empty()) return nullptr;
  if (!index_->ready.load(std::memory_order_acquire)) {
    // While loading (e.g. duplicate checks) the build trie answers, without compacting it. The
    // lock keeps a concurrent first match() from releasing that trie meanwhile.
    std::lock_guard<std::mutex> lock(index_->compacting);
    if (!index_->ready.load(std::memory_order_relaxed) && index_->building) {
      std::uint32_t i = index_->find_building(prefix);
      return i == Index::kNone ? nullptr : &rates_[i];
    }
  }
  index_->compact(rates_);
  const Index::Node* nodes = index_->nodes.data();
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto digit = static_cast<unsigned>(prefix[i] - '0');
    if (digit > 9) return nullptr;
    const Index::Node& n = nodes[node];
    unsigned bit = 1u << digit;
    if (i + 1 == prefix.size()) {
      if (!(n.rate_mask & bit)) return nullptr;
      return &rates_[index_->rate_slots[n.rate_base + rank(n.rate_mask, digit)]];
    }
    if (!(n.child_mask & bit)) return nullptr;
    node = n.child_base + rank(n.child_mask, digit);
  }
  return nullptr;
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
  if (index_) {
    bytes += sizeof(Index) + index_->blocks.capacity() * sizeof(Index::Block) +
             index_->nodes.capacity() * sizeof(Index::Node) +
             index_->rate_slots.capacity() * sizeof(std::uint32_t);
  }
  return bytes;
}

}  // namespace prepaid::rating

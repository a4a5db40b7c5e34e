#include "rating/rate_deck.h"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>

using prepaid::rating::Money;
using prepaid::rating::Rate;
using prepaid::rating::RateDeck;

namespace {
Rate rate(std::string prefix, std::string destination, const char* price = "0.10") {
  Rate r;
  r.prefix = std::move(prefix);
  r.destination = std::move(destination);
  r.rate = Money::parse(price).value();
  return r;
}
}  // namespace

TEST_CASE("match finds the longest prefix of the dialed digits") {
  // Proves longest-prefix match, exact find and the no-match cases.
  RateDeck deck("day");
  CHECK(deck.add(rate("44", "United Kingdom")));
  CHECK(deck.add(rate("447", "United Kingdom Mobile")));
  CHECK(deck.add(rate("4479", "UK Mobile Special")));
  CHECK(deck.add(rate("1", "NANP")));
  CHECK(deck.match("447911123456")->destination == "UK Mobile Special");
  CHECK(deck.match("447811123456")->destination == "United Kingdom Mobile");
  CHECK(deck.match("442071234567")->destination == "United Kingdom");
  CHECK(deck.match("44")->destination == "United Kingdom");
  CHECK(deck.match("4") == nullptr);
  CHECK(deck.match("33123") == nullptr);
  CHECK(deck.match("") == nullptr);
  CHECK(deck.find("447")->destination == "United Kingdom Mobile");
  CHECK(deck.find("4471") == nullptr);
  CHECK(deck.find("4") == nullptr);
  CHECK(deck.size() == 4);
  CHECK(deck.name() == "day");
}

TEST_CASE("duplicates are refused by add and replaced by upsert") {
  // Proves add() keeps the first rate and upsert() replaces it in place.
  RateDeck deck("x");
  CHECK(deck.add(rate("359", "Bulgaria", "0.10")));
  CHECK_FALSE(deck.add(rate("359", "Bulgaria again", "0.20")));
  CHECK(deck.match("359888")->rate == Money::parse("0.10"));
  deck.upsert(rate("359", "Bulgaria", "0.30"));
  deck.upsert(rate("3598", "Bulgaria Mobile", "0.40"));
  CHECK(deck.size() == 2);
  CHECK(deck.match("359888")->rate == Money::parse("0.40"));
  CHECK(deck.match("359288")->rate == Money::parse("0.30"));
  CHECK(deck.rates()[0].prefix == "359");
  CHECK(deck.rates()[1].prefix == "3598");
}

TEST_CASE("copies and moves keep independent, working indexes") {
  // Proves the index follows copies/moves and a copy does not share state with its source.
  RateDeck deck("a");
  deck.add(rate("33", "France"));
  RateDeck copy = deck;
  copy.add(rate("336", "France Mobile"));
  CHECK(deck.match("33612")->destination == "France");
  CHECK(copy.match("33612")->destination == "France Mobile");
  RateDeck moved = std::move(copy);
  CHECK(moved.match("33612")->destination == "France Mobile");
  RateDeck assigned("b");
  assigned = deck;
  CHECK(assigned.match("336")->destination == "France");
  CHECK(assigned.memory_bytes() > 0);
}

TEST_CASE("match agrees with a brute-force scan on a random deck") {
  // Proves the trie against the definition (longest stored prefix of the number).
  std::mt19937_64 rng(3);
  RateDeck deck("random");
  std::map<std::string, std::string> reference;
  for (int i = 0; i < 3000; ++i) {
    std::string prefix;
    std::size_t len = 1 + rng() % 6;
    for (std::size_t k = 0; k < len; ++k) prefix.push_back(static_cast<char>('0' + rng() % 4));
    bool added = deck.add(rate(prefix, "d" + prefix));
    CHECK(added == reference.emplace(prefix, "d" + prefix).second);
  }
  for (int i = 0; i < 5000; ++i) {
    std::string number;
    std::size_t len = 1 + rng() % 9;
    for (std::size_t k = 0; k < len; ++k) number.push_back(static_cast<char>('0' + rng() % 5));
    std::string expected;
    for (std::size_t k = number.size(); k >= 1; --k) {
      auto it = reference.find(number.substr(0, k));
      if (it != reference.end()) {
        expected = it->second;
        break;
      }
    }
    const Rate* got = deck.match(number);
    CAPTURE(number);
    CHECK((got ? got->destination : std::string()) == expected);
  }
}

TEST_CASE("changes after lookups rebuild the index, and copies of compacted decks work") {
  // Proves add/upsert after the compact index exists, and optimize() on a fresh copy.
  RateDeck deck("d");
  deck.add(rate("44", "UK"));
  CHECK(deck.match("4479")->destination == "UK");  // compacts
  CHECK(deck.add(rate("447", "UK Mobile")));       // rebuilds the build-time index
  CHECK_FALSE(deck.add(rate("44", "UK again")));
  CHECK(deck.find("447")->destination == "UK Mobile");
  CHECK(deck.match("4479")->destination == "UK Mobile");
  deck.upsert(rate("44", "Britain"));
  CHECK(deck.match("4420")->destination == "Britain");
  deck.optimize();
  RateDeck copy = deck;
  copy.optimize();
  CHECK(copy.match("4479")->destination == "UK Mobile");
  CHECK(copy.find("44")->destination == "Britain");
  CHECK(copy.find("4") == nullptr);
  RateDeck building("b");
  std::mt19937_64 rng(1);
  for (int i = 0; i < 5000; ++i) building.add(rate(std::to_string(rng() % 100000000), "x"));
  std::size_t before = building.memory_bytes();
  building.optimize();
  CHECK(building.memory_bytes() * 2 < before);  // the compact index is much smaller
}

TEST_CASE("concurrent first lookups on a shared deck all see the same answers") {
  // Proves the lazy compaction is safe when several threads look up at once.
  auto deck = std::make_shared<RateDeck>("shared");
  std::mt19937_64 rng(9);
  for (int i = 0; i < 20000; ++i) deck->add(rate(std::to_string(10000 + rng() % 900000), "x"));
  std::shared_ptr<const RateDeck> shared = deck;
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&shared, &found, t] {
      if (t % 2 == 1) found.fetch_add(shared->find("0") == nullptr ? 0 : 1);  // find first
      for (const Rate& r : shared->rates()) {
        if (shared->match(r.prefix + "55") == shared->find(r.prefix) ||
            shared->match(r.prefix + "55")->prefix.size() > r.prefix.size()) {
          found.fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(found.load() == 4 * static_cast<int>(shared->size()));
}

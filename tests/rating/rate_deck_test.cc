#include "rating/rate_deck.h"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>

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

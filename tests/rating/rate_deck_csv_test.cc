#include "rating/rate_deck_csv.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using prepaid::rating::format_rate_deck_csv;
using prepaid::rating::format_rate_deck_csv_compact;
using prepaid::rating::InputProblem;
using prepaid::rating::Money;
using prepaid::rating::NumberPlan;
using prepaid::rating::parse_rate_deck_csv;
using prepaid::rating::Rate;
using prepaid::rating::RateDeck;

namespace {
std::string problems_text(const std::vector<InputProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}
}  // namespace

TEST_CASE("a minimal deck takes the documented defaults") {
  // Proves required columns only, defaults, '+'/00 normalisation of prefixes.
  auto import = parse_rate_deck_csv(
      "prefix,destination,rate\n+359,Bulgaria,0.10\n00447,United Kingdom Mobile,0.0123\n", "day");
  REQUIRE_MESSAGE(import.deck, problems_text(import.problems));
  const RateDeck& deck = *import.deck;
  CHECK(deck.name() == "day");
  REQUIRE(deck.size() == 2);
  const Rate& bg = *deck.find("359");
  CHECK(bg.destination == "Bulgaria");
  CHECK(bg.rate == Money::parse("0.10"));
  CHECK(bg.rate_unit_s == 60);
  CHECK(bg.first_increment_s == 60);
  CHECK(bg.increment_s == 60);
  CHECK(bg.grace_s == 0);
  CHECK(bg.connect_fee.is_zero());
  CHECK_FALSE(bg.buy_rate.has_value());
  CHECK(deck.find("447")->rate == Money::parse("0.0123"));
}

TEST_CASE("columns come in any order, with quoting, comments, blank lines and CRLF") {
  // Proves header mapping by name and RFC 4180 quoting (commas, doubled quotes, line breaks).
  const char* csv =
      "# exported by hand\r\n"
      "\r\n"
      "Grace,increment,destination,prefix,rate,first_increment,connect_fee,rate_unit,buy_rate\r\n"
      "5,1,\"Korea, Republic of\",82,0.05,30,0.15,60,0.02\r\n"
      "  # a comment between rows\n"
      "0,6,\"The \"\"Best\"\" Mobile\",8210,0.2,6,,1,\n"
      "0,60,\"Two\nLines\",83,1,60,0,60,\n"
      "0,60,Tail,84,1,60,0,60,\n";
  auto import = parse_rate_deck_csv(csv, "d");
  REQUIRE_MESSAGE(import.deck, problems_text(import.problems));
  const Rate& kr = *import.deck->find("82");
  CHECK(kr.destination == "Korea, Republic of");
  CHECK(kr.grace_s == 5);
  CHECK(kr.increment_s == 1);
  CHECK(kr.first_increment_s == 30);
  CHECK(kr.connect_fee == Money::parse("0.15"));
  CHECK(kr.buy_rate == Money::parse("0.02"));
  const Rate& best = *import.deck->find("8210");
  CHECK(best.destination == "The \"Best\" Mobile");
  CHECK(best.rate_unit_s == 1);
  CHECK(best.connect_fee.is_zero());
  CHECK_FALSE(best.buy_rate.has_value());
  CHECK(import.deck->find("83")->destination == "Two\nLines");
  CHECK(import.deck->find("84")->destination == "Tail");
}

TEST_CASE("a buy currency is an ISO 4217 code that goes with a buy rate") {
  // Proves the buy_currency column: read per rate (empty = the tariff's), refused when it is
  // not an active code or when the rate has no buy rate, with the line and the column.
  auto good = parse_rate_deck_csv(
      "prefix,destination,rate,buy_rate,buy_currency\n"
      "359,Bulgaria,0.12,0.021,USD\n"
      "44,United Kingdom,0.20,0.03,\n"
      "33,France,0.20,,\n",
      "day");
  REQUIRE_MESSAGE(good.deck, problems_text(good.problems));
  REQUIRE(good.deck->find("359")->buy_currency);
  CHECK(good.deck->find("359")->buy_currency->code() == "USD");
  CHECK_FALSE(good.deck->find("44")->buy_currency);
  CHECK_FALSE(good.deck->find("33")->buy_currency);

  auto bad = parse_rate_deck_csv(
      "prefix,destination,rate,buy_rate,buy_currency\n"
      "359,Bulgaria,0.12,0.021,usd\n"
      "44,United Kingdom,0.20,,USD\n"
      "33,France,0.20,0.01,DOLLAR\n",
      "day");
  CHECK_FALSE(bad.deck);
  REQUIRE(bad.problems.size() == 3);
  CHECK(bad.problems[0].to_string() ==
        "line 2, buy_currency: not an active ISO 4217 code in capitals (e.g. USD): usd");
  CHECK(bad.problems[1].to_string() ==
        "line 3, buy_currency: a buy currency without a buy_rate (give both, or leave both "
        "empty)");
  CHECK(bad.problems[2].line == 4);
}

TEST_CASE("every bad line is reported with line, column and reason, and refuses the import") {
  // Proves that all problems are collected (not just the first) and no deck is returned.
  const char* csv =
      "prefix,destination,rate,rate_unit,first_increment\n"  // line 1
      "359,Bulgaria,0.10,60,60\n"                            // 2 ok
      "44,UK,0,60,60,extra\n"                                // 3 field count
      "33,France,0,60,60\n"                                  // 4 ok
      "4a,Bad prefix,0.1,60,60\n"                            // 5 prefix
      "49,Germany,0,60,0\n"                                  // 6 first_increment
      "359,Bulgaria again,0.2,60,60\n"                       // 7 duplicate
      "48,Poland,-0.1,60,60\n"                               // 8 negative
      "47,Norway,0.1234567,x,60\n"                           // 9 rate and rate_unit
      "46,Sw\"eden,0.1,60,60\n"                              // 10 stray quote
      "\"45\"x,Denmark,0.1,60,60\n"                          // 11 text after quote
      "43,,0.1,60,60\n"                                      // 12 empty destination
      "42,\"Czech,0.1,60,60\n";                              // 13 unterminated
  auto import = parse_rate_deck_csv(csv, "d");
  CHECK_FALSE(import.deck.has_value());
  std::string text = problems_text(import.problems);
  INFO(text);
  REQUIRE(import.problems.size() == 11);
  CHECK(import.problems[0].to_string() == "line 3: expected 5 fields, found 6");
  CHECK(import.problems[1].line == 5);
  CHECK(import.problems[1].field == "prefix");
  CHECK(import.problems[2].line == 6);
  CHECK(import.problems[2].field == "first_increment");
  CHECK(import.problems[3].to_string() == "line 7, prefix: duplicate prefix 359 (first on line 2)");
  CHECK(import.problems[4].line == 8);
  CHECK(import.problems[4].reason == "must not be negative: -0.1");
  CHECK(import.problems[5].line == 9);
  CHECK(import.problems[5].field == "rate");
  CHECK(import.problems[6].line == 9);
  CHECK(import.problems[6].field == "rate_unit");
  CHECK(import.problems[7].line == 10);
  CHECK(import.problems[7].reason.find("column 6: quote inside an unquoted field") == 0);
  CHECK(import.problems[8].line == 11);
  CHECK(import.problems[8].reason.find("column 5: unexpected text after a closing quote") == 0);
  CHECK(import.problems[9].to_string() == "line 12, destination: empty");
  CHECK(import.problems[10].line == 13);
  CHECK(import.problems[10].reason.find("column 4: quoted field is never closed") == 0);
}

TEST_CASE("header problems are reported and stop the import") {
  // Proves unknown, repeated and missing columns are named.
  auto import = parse_rate_deck_csv("prefix,price,prefix\n1,2,3\n", "d");
  CHECK_FALSE(import.deck);
  std::string text = problems_text(import.problems);
  CHECK(text.find("line 1, price: unknown column") != std::string::npos);
  CHECK(text.find("line 1, prefix: column named twice") != std::string::npos);
  CHECK(text.find("line 1, destination: required column missing") != std::string::npos);
  CHECK(text.find("line 1, rate: required column missing") != std::string::npos);
  auto empty = parse_rate_deck_csv("# nothing\n\n", "d");
  CHECK_FALSE(empty.deck);
  REQUIRE(empty.problems.size() == 1);
  CHECK(empty.problems[0].reason.find("no header line") == 0);
}

TEST_CASE("line numbers start at first_line for embedded decks") {
  // Proves the offset used by inline price lists in tariff files.
  auto import = parse_rate_deck_csv("prefix,destination,rate\n1,US,abc\n", "d", {}, 40);
  REQUIRE(import.problems.size() == 1);
  CHECK(import.problems[0].to_string() ==
        "line 41, rate: not a decimal amount (digits, '.', at most 6 decimals): abc");
}

TEST_CASE("a custom international prefix is stripped from prefixes") {
  // Proves the NumberPlan reaches the prefix column.
  auto import =
      parse_rate_deck_csv("prefix,destination,rate\n01144,UK,1\n", "d", NumberPlan{"011"});
  REQUIRE(import.deck);
  CHECK(import.deck->find("44") != nullptr);
}

TEST_CASE("export round-trips every field, in full and compact form") {
  // Proves parse(format(deck)) gives the same rates, for random decks with awkward names.
  std::mt19937_64 rng(5);
  const char* names[] = {"Plain", "Comma, Inc",  "Quote \"q\"", " leading space",
                         "#hash", "Multi\nline", "Ünïcödé"};
  for (int round = 0; round < 20; ++round) {
    RateDeck deck("r");
    for (int i = 0; i < 200; ++i) {
      Rate r;
      r.prefix = std::to_string(1 + rng() % 1000000);
      r.destination = names[rng() % std::size(names)];
      r.rate = Money::from_micros(static_cast<std::int64_t>(rng() % 5000000));
      r.rate_unit_s = round % 2 ? 60 : static_cast<std::uint32_t>(1 + rng() % 3600);
      r.connect_fee = Money::from_micros(round % 3 ? 0 : static_cast<std::int64_t>(rng() % 100000));
      r.first_increment_s = static_cast<std::uint32_t>(1 + rng() % 120);
      r.increment_s = round % 4 ? 60 : static_cast<std::uint32_t>(1 + rng() % 60);
      r.grace_s = static_cast<std::uint32_t>(rng() % 10);
      if (rng() % 2) r.buy_rate = Money::from_micros(static_cast<std::int64_t>(rng() % 900000));
      if (r.buy_rate && rng() % 3 == 0)
        r.buy_currency = prepaid::rating::Currency::from_code(rng() % 2 ? "USD" : "JPY");
      deck.add(std::move(r));
    }
    for (const std::string& text :
         {format_rate_deck_csv(deck), format_rate_deck_csv_compact(deck)}) {
      auto again = parse_rate_deck_csv(text, "r");
      REQUIRE_MESSAGE(again.deck, problems_text(again.problems));
      CHECK(again.deck->rates() == deck.rates());
    }
  }
  RateDeck simple("s");
  Rate r;
  r.prefix = "359";
  r.destination = "Bulgaria";
  r.rate = Money::parse("0.1").value();
  simple.add(r);
  CHECK(format_rate_deck_csv_compact(simple) == "prefix,destination,rate\n359,Bulgaria,0.10\n");
  CHECK(format_rate_deck_csv(simple) ==
        "prefix,destination,rate,rate_unit,connect_fee,first_increment,increment,grace,buy_rate,"
        "buy_currency\n"
        "359,Bulgaria,0.10,60,0.00,60,60,0,,\n");
  r.buy_rate = Money::parse("0.021");
  r.buy_currency = prepaid::rating::Currency::from_code("USD");
  simple.upsert(r);
  CHECK(format_rate_deck_csv_compact(simple) ==
        "prefix,destination,rate,buy_rate,buy_currency\n359,Bulgaria,0.10,0.021,USD\n");
}

TEST_CASE("random garbage never crashes the importer and always gets an answer") {
  // Proves the invariant on mangled input: a deck exactly when there are no problems, and
  // every problem has a line number inside the input.
  std::mt19937_64 rng(17);
  const char alphabet[] = "0123456789,,,\"\"\n\n\r#+ .-abcx";
  for (int round = 0; round < 3000; ++round) {
    std::string csv = round % 2 ? "prefix,destination,rate\n" : "";
    std::size_t len = rng() % 200;
    for (std::size_t i = 0; i < len; ++i) csv.push_back(alphabet[rng() % (sizeof(alphabet) - 1)]);
    auto import = parse_rate_deck_csv(csv, "g");
    CHECK(import.deck.has_value() == import.problems.empty());
    std::size_t lines = 1 + static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
    for (const auto& p : import.problems) {
      CHECK(p.line >= 1);
      CHECK(p.line <= lines);
      CHECK_FALSE(p.reason.empty());
    }
  }
}

TEST_CASE("reading reports its progress at most once per hundredth, up to every line") {
  // Proves the lines_read callback: growing counts, bounded in number, ending at the total.
  std::string csv = "prefix,destination,rate\n# a comment\n";
  for (int i = 0; i < 4998; ++i) csv += std::to_string(100000 + i) + ",Somewhere,0.10\n";
  csv += "999999,Last line without a line break,0.20";  // 5001 lines in all
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  auto import = parse_rate_deck_csv(csv, "big", {}, 1, [&](std::size_t read, std::size_t total) {
    calls.emplace_back(read, total);
  });
  REQUIRE_MESSAGE(import.deck, problems_text(import.problems));
  CHECK(import.deck->size() == 4999);
  REQUIRE(calls.size() >= 50);  // one per hundredth (50 lines), give or take
  CHECK(calls.size() <= 102);   // never more than a hundred steps and the end
  for (std::size_t i = 0; i < calls.size(); ++i) {
    CHECK(calls[i].second == 5001);
    if (i > 0) CHECK(calls[i].first >= calls[i - 1].first);
  }
  CHECK(calls.back().first == 5001);

  // A small deck: every line may be reported, and the end still is.
  calls.clear();
  auto small = parse_rate_deck_csv(
      "prefix,destination,rate\n44,UK,0.1\n", "s", {}, 1,
      [&](std::size_t read, std::size_t total) { calls.emplace_back(read, total); });
  REQUIRE(small.deck);
  REQUIRE_FALSE(calls.empty());
  CHECK(calls.back() == std::pair<std::size_t, std::size_t>{2, 2});
}

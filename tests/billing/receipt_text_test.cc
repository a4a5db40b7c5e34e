#include "billing/counter/receipt_text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "billing/counter/receipt_json.h"
#include "billing/counter/utf8_text.h"

using prepaid::billing::CashRounding;
using prepaid::billing::CashRoundingMethod;
using prepaid::billing::checkout;
using prepaid::billing::Checkout;
using prepaid::billing::CheckoutRequest;
using prepaid::billing::code_points;
using prepaid::billing::ExtraItem;
using prepaid::billing::is_utf8;
using prepaid::billing::make_receipt;
using prepaid::billing::PaymentMethod;
using prepaid::billing::Receipt;
using prepaid::billing::receipt_text;
using prepaid::billing::ReceiptCall;
using prepaid::billing::ReceiptHead;
using prepaid::billing::ReceiptTextOptions;
using prepaid::rating::Currency;
using prepaid::rating::Instant;
using prepaid::rating::Money;
using prepaid::rating::TimeZone;

namespace {

Money m(const char* text) {
  return *Money::parse(text);
}
/// 2026-12-07 at hh:mm:ss UTC (Sofia is UTC+2 in December).
Instant utc(int hh, int mm, int ss) {
  using namespace std::chrono;
  return sys_days{year{2026} / December / 7} + hours{hh} + minutes{mm} + seconds{ss};
}
Checkout typical_checkout() {
  const auto c = checkout(CheckoutRequest{
      .rounding =
          *CashRounding::make(*Currency::from_code("EUR"), m("0.05"), CashRoundingMethod::nearest),
      .call_prices = {m("1.23"), m("0.49")},
      .extras = {{"Coffee", m("1.00"), 1}, {"\xD0\x92\xD0\xBE\xD0\xB4\xD0\xB0", m("0.60"), 2}},
      .deposit_taken = m("2.00"),
      .tendered = m("2.00"),
      .method = PaymentMethod::cash});
  REQUIRE(c.ok());
  return *c;
}
/// Demo Call Shop, Sofia: cabin 3, two calls (one to a long Brazilian destination), a coffee
/// and two waters, a 2.00 deposit, paid in cash.
Receipt typical_receipt() {
  ReceiptHead head{
      .header_lines = {"Demo Call Shop", "ул. Витоша 1, София", "Tel. +359 2 987 6543"},
      .shop = "demo-shop",
      .booth = "Cabin 3",
      .operator_name = "maria",
      .number = 42,
      .zone = *TimeZone::locate("Europe/Sofia"),
      .session_start = utc(7, 15, 0),
      .session_end = utc(7, 41, 30)};
  std::vector<ReceiptCall> calls = {
      {utc(7, 16, 5), "+35929876543", "Bulgaria Sofia", 185, m("1.23")},
      {utc(7, 25, 0), "+5511987654321", "Brasil São Paulo Móvel Claro Celular TIM", 64, m("0.49")}};
  auto r = make_receipt(head, calls, typical_checkout());
  REQUIRE(r.ok());
  return *r;
}
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}
std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("a typical receipt at 40 columns, as laid out by hand") {
  // Proves the 40-column layout: centred header, right-aligned amounts, the long destination
  // cut with an ellipsis, times in Sofia, the rounding and deposit lines.
  const std::string expected = R"(             Demo Call Shop
          ул. Витоша 1, София
          Tel. +359 2 987 6543
----------------------------------------
Receipt No                            42
Shop                           demo-shop
Booth                            Cabin 3
Operator                           maria
Start                   2026-12-07 09:15
End                     2026-12-07 09:41
----------------------------------------
09:16 +35929876543                  3:05
  Bulgaria Sofia                    1.23
09:25 +5511987654321                1:04
  Brasil São Paulo Móvel Claro Cel… 0.49
Coffee                              1.00
Вода 2 x 0.60                       1.20
----------------------------------------
Subtotal                            3.92
Rounding                           -0.02
TOTAL EUR                           3.90
Deposit                             2.00
Paid (cash)                         1.90
Tendered                            2.00
Change                              0.10
)";
  const auto text = receipt_text(typical_receipt(), ReceiptTextOptions{.width = 40});
  REQUIRE(text.ok());
  CHECK(*text == expected);
}

TEST_CASE("the same receipt at 48 columns: the destination fits whole") {
  // Proves the 48-column layout from the same rules.
  const std::string expected = R"(                 Demo Call Shop
              ул. Витоша 1, София
              Tel. +359 2 987 6543
------------------------------------------------
Receipt No                                    42
Shop                                   demo-shop
Booth                                    Cabin 3
Operator                                   maria
Start                           2026-12-07 09:15
End                             2026-12-07 09:41
------------------------------------------------
09:16 +35929876543                          3:05
  Bulgaria Sofia                            1.23
09:25 +5511987654321                        1:04
  Brasil São Paulo Móvel Claro Celular TIM  0.49
Coffee                                      1.00
Вода 2 x 0.60                               1.20
------------------------------------------------
Subtotal                                    3.92
Rounding                                   -0.02
TOTAL EUR                                   3.90
Deposit                                     2.00
Paid (cash)                                 1.90
Tendered                                    2.00
Change                                      0.10
)";
  const auto text = receipt_text(typical_receipt(), ReceiptTextOptions{.width = 48});
  REQUIRE(text.ok());
  CHECK(*text == expected);
}

TEST_CASE("numbers are masked except their last digits when asked") {
  // Proves the masking of called numbers, and that nothing else changes.
  const auto text = receipt_text(typical_receipt(), {.width = 40, .visible_digits = 4});
  REQUIRE(text.ok());
  const auto lines = lines_of(*text);
  CHECK(lines[11] == "09:16 +*******6543                  3:05");
  CHECK(lines[13] == "09:25 +*********4321                1:04");
  CHECK(text->find("35929876543") == std::string::npos);
}

TEST_CASE("a width other than 40 or 48 is refused") {
  // Proves the width refusal.
  for (std::size_t width : {0, 32, 41, 80}) {
    const auto text = receipt_text(typical_receipt(), {.width = width});
    REQUIRE_FALSE(text.ok());
    CHECK(text.problem().field == "width");
  }
}

TEST_CASE("a card payment prints no tendered or change line") {
  // Proves the card layout of the payment lines: paid, no change.
  auto c = checkout(CheckoutRequest{.rounding = CashRounding::exact(*Currency::from_code("EUR")),
                                    .call_prices = {m("1.23")},
                                    .extras = {},
                                    .deposit_taken = m("5.00"),
                                    .tendered = m("0"),
                                    .method = PaymentMethod::card});
  REQUIRE(c.ok());
  ReceiptHead head{.number = 7};
  auto r =
      make_receipt(head, {{utc(7, 16, 5), "+35929876543", "Bulgaria Sofia", 185, m("1.23")}}, *c);
  REQUIRE(r.ok());
  const auto lines = lines_of(*receipt_text(*r));
  const std::vector<std::string> tail(lines.end() - 4, lines.end());
  CHECK(tail == std::vector<std::string>{"TOTAL EUR                           1.23",
                                         "Deposit                             5.00",
                                         "Deposit returned                    3.77",
                                         "Paid (card)                         0.00"});
}

TEST_CASE("an unserved call is printed as such at 0, and only at 0") {
  // Proves an unserved call's line ("(unserved)", 0.00, in text and JSON) and that
  // make_receipt refuses an unserved call with a price.
  auto c = checkout(CheckoutRequest{.rounding = CashRounding::exact(*Currency::from_code("EUR")),
                                    .call_prices = {m("1.23"), m("0")},
                                    .extras = {},
                                    .deposit_taken = m("0"),
                                    .tendered = m("1.23"),
                                    .method = PaymentMethod::cash});
  REQUIRE(c.ok());
  ReceiptHead head{.number = 8};
  std::vector<ReceiptCall> calls = {
      {utc(7, 16, 5), "+35929876543", "Bulgaria Sofia", 185, m("1.23")},
      {utc(7, 20, 0), "+35929876500", "Bulgaria Sofia", 20, m("0"), true}};
  auto r = make_receipt(head, calls, *c);
  REQUIRE(r.ok());
  const auto lines = lines_of(*receipt_text(*r));
  CHECK(std::find(lines.begin(), lines.end(), "  Bulgaria Sofia (unserved)         0.00") !=
        lines.end());
  CHECK(receipt_json(*r).find("\"unserved\":true") != std::string::npos);
  calls[1].price = m("0.40");
  auto priced = make_receipt(head, calls, *c);
  REQUIRE_FALSE(priced.ok());
  CHECK(priced.problem().message == "call 2 is unserved: it is on the receipt at 0");
}

TEST_CASE("a receipt whose calls disagree with its checkout is refused") {
  // Proves make_receipt's checks: header lines, session order, calls against the checkout.
  const Receipt good = typical_receipt();
  auto calls = good.calls;
  calls[1].price = m("0.50");
  auto r = make_receipt(good.head, calls, good.checkout);
  REQUIRE_FALSE(r.ok());
  CHECK(r.problem().message == "call 2 costs 0.50 but the checkout charged 0.49");
  calls.pop_back();
  CHECK(make_receipt(good.head, calls, good.checkout).problem().message ==
        "the receipt has 1 calls but the checkout priced 2");
  auto head = good.head;
  head.session_end = head.session_start - std::chrono::seconds{1};
  CHECK(make_receipt(head, good.calls, good.checkout).problem().field == "session_end");
  head = good.head;
  head.header_lines.assign(9, "x");
  CHECK(make_receipt(head, good.calls, good.checkout).problem().field == "header_lines");
}

TEST_CASE("properties: every line fits the width, is whole UTF-8, and the total is checkout's") {
  // Proves the layout's bounds on random receipts with Cyrillic, Portuguese, CJK, emoji, control
  // characters and broken UTF-8 in every text (seeded; the seed is printed).
  const std::uint64_t seed = env_or("PREPAID_PROPERTY_SEED", 20261207);
  const std::uint64_t cases = env_or("PREPAID_PROPERTY_CASES", 2000);
  std::cout << "receipt text properties: PREPAID_PROPERTY_SEED=" << seed
            << " PREPAID_PROPERTY_CASES=" << cases << std::endl;
  std::mt19937_64 rng(seed);
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "9",
                                           "+",
                                           "ж",
                                           "Щ",
                                           "ç",
                                           "ã",
                                           "é",
                                           "中",
                                           "€",
                                           "…",
                                           "😀",
                                           "\t",
                                           "\n",
                                           "\x01",
                                           "\xC2\x85",
                                           "\xFF",
                                           "\xD0",
                                           "Móvel",
                                           "България",
                                           "Москва мобилни"};
  const auto text = [&](std::size_t max) {
    std::string s;
    const std::size_t n = rng() % (max + 1);
    for (std::size_t i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    return s;
  };
  const auto cents = [&](std::uint64_t max) {
    return Money::from_micros(static_cast<std::int64_t>(rng() % (max + 1)) * 10'000);
  };
  const auto sofia = *TimeZone::locate("Europe/Sofia");
  for (std::uint64_t i = 0; i < cases; ++i) {
    CAPTURE(i);
    CheckoutRequest request{.rounding = *CashRounding::make(*Currency::from_code("BGN"),
                                                            m(rng() % 2 ? "0.05" : "1.00"),
                                                            CashRoundingMethod::up)};
    std::vector<ReceiptCall> calls;
    const std::size_t n_calls = rng() % 6;
    for (std::size_t c = 0; c < n_calls; ++c) {
      const Money price = rng() % 10 == 0 ? cents(999'999'999'999) : cents(100'000);
      request.call_prices.push_back(price);
      calls.push_back(ReceiptCall{utc(7, 0, 0) + std::chrono::seconds{rng() % 86400}, text(30),
                                  text(60), static_cast<std::uint32_t>(rng() % 1'000'000), price});
    }
    for (std::size_t e = rng() % 4; e > 0; --e) {
      std::string label = "x" + text(3);  // a valid label: redrawn until it is one
      while (!is_utf8(label) || prepaid::billing::has_control_character(label) ||
             code_points(label) > 32)
        label = "x" + text(3);
      request.extras.push_back(
          ExtraItem{label, cents(100'000), static_cast<std::uint32_t>(1 + rng() % 999)});
    }
    request.deposit_taken = cents(100'000);
    request.tendered = Money::from_units(1'000'000'000'000);
    const auto c = checkout(request);
    REQUIRE(c.ok());
    ReceiptHead head{.shop = text(50),
                     .booth = text(50),
                     .operator_name = text(50),
                     .number = rng(),
                     .zone = sofia,
                     .session_start = utc(6, 0, 0),
                     .session_end = utc(23, 0, 0)};
    for (std::size_t h = rng() % 9; h > 0; --h) head.header_lines.push_back(text(70));
    const auto receipt = make_receipt(head, calls, *c);
    REQUIRE(receipt.ok());
    for (std::size_t width : {std::size_t{40}, std::size_t{48}}) {
      const auto out = receipt_text(*receipt, {.width = width, .visible_digits = rng() % 5});
      REQUIRE(out.ok());
      REQUIRE(is_utf8(*out));
      REQUIRE(out->back() == '\n');
      std::size_t totals = 0;
      for (const std::string& line : lines_of(*out)) {
        CAPTURE(line);
        REQUIRE(code_points(line) <= width);
        REQUIRE_FALSE(prepaid::billing::has_control_character(line));
        if (line.rfind("TOTAL BGN ", 0) == 0) {
          ++totals;
          REQUIRE(line.substr(line.find_last_of(' ') + 1) == c->total.to_string(2));
        }
      }
      REQUIRE(totals == 1);
    }
  }
}

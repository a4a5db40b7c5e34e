#include "billing/counter/receipt_json.h"

#include <doctest/doctest.h>

#include <chrono>

#include <nlohmann/json.hpp>

using namespace prepaid::billing;
using prepaid::rating::Currency;
using prepaid::rating::Instant;
using prepaid::rating::Money;
using prepaid::rating::TimeZone;

namespace {

Money m(const char* text) {
  return *Money::parse(text);
}
Instant utc(int hh, int mm, int ss) {
  using namespace std::chrono;
  return sys_days{year{2026} / December / 7} + hours{hh} + minutes{mm} + seconds{ss};
}

}  // namespace

TEST_CASE("a receipt's JSON carries every line, amounts as strings, times UTC and local") {
  // Proves the JSON form: the same money as checkout(), local times in the shop's zone, masking.
  const auto c = checkout(CheckoutRequest{
      .rounding =
          *CashRounding::make(*Currency::from_code("EUR"), m("0.05"), CashRoundingMethod::nearest),
      .call_prices = {m("1.23")},
      .extras = {{"Кафе", m("1.00"), 2}},
      .deposit_taken = m("0"),
      .tendered = m("5.00"),
      .method = PaymentMethod::cash});
  REQUIRE(c.ok());
  ReceiptHead head{.header_lines = {"Demo Call Shop"},
                   .shop = "demo-shop",
                   .booth = "Cabin 3",
                   .operator_name = "maria",
                   .number = 42,
                   .zone = *TimeZone::locate("Europe/Sofia"),
                   .session_start = utc(7, 15, 0),
                   .session_end = utc(7, 41, 30)};
  const auto r =
      make_receipt(head, {{utc(7, 16, 5), "+35929876543", "Bulgaria Sofia", 185, m("1.23")}}, *c);
  REQUIRE(r.ok());
  const auto j = nlohmann::json::parse(receipt_json(*r, 4));
  CHECK(j["number"] == 42);
  CHECK(j["header_lines"] == nlohmann::json::array({"Demo Call Shop"}));
  CHECK(j["operator"] == "maria");
  CHECK(j["zone"] == "Europe/Sofia");
  CHECK(j["start"] == "2026-12-07T07:15:00Z");
  CHECK(j["start_local"] == "2026-12-07 09:15");
  CHECK(j["end"] == "2026-12-07T07:41:30Z");
  CHECK(j["calls"][0]["number"] == "+*******6543");
  CHECK(j["calls"][0]["start_local"] == "2026-12-07 09:16");
  CHECK(j["calls"][0]["duration_s"] == 185);
  CHECK(j["calls"][0]["price"] == "1.23");
  CHECK(j["extras"][0] ==
        nlohmann::json{
            {"label", "Кафе"}, {"quantity", 2}, {"unit_price", "1.00"}, {"amount", "2.00"}});
  CHECK(j["subtotal"] == "3.23");
  CHECK(j["rounding"] == "0.02");
  CHECK(j["rounding_step"] == "0.05");
  CHECK(j["rounding_method"] == "nearest");
  CHECK(j["total"] == "3.25");
  CHECK(j["total"] == c->total.to_string(2));
  CHECK(j["method"] == "cash");
  CHECK(j["paid"] == "3.25");
  CHECK(j["change"] == "1.75");
  CHECK(nlohmann::json::parse(receipt_json(*r))["calls"][0]["number"] == "+35929876543");
}

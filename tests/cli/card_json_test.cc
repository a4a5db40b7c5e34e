#include "admin-cli/json/card_json.h"

#include <doctest/doctest.h>

#include "admin-cli/json/money_text.h"

using namespace std::chrono;
using prepaid::billing::Card;
using prepaid::billing::CardStatus;
using prepaid::rating::Instant;
using prepaid::rating::Money;

TEST_CASE("money is a decimal string with the currency's decimals, sub-units kept") {
  // Proves that no amount ever leaves as a JSON number or loses precision.
  CHECK(prepaid::cli::money_text(Money::from_micros(12'500'000), "EUR") == "12.50");
  CHECK(prepaid::cli::money_text(Money::from_micros(12'300), "EUR") == "0.0123");
  CHECK(prepaid::cli::money_text(Money::from_micros(500'000'000), "JPY") == "500");
  CHECK(prepaid::cli::money_text(Money::from_micros(-1'234'500), "KWD") == "-1.2345");
}

TEST_CASE("a card's JSON: money as strings, effective status, PIN only when read") {
  // Proves the shape scripts rely on, and that an operator's view carries no PIN field.
  Card card;
  card.number = "100012345678";
  card.currency = "EUR";
  card.balance = Money::from_micros(7'250'000);
  card.status = CardStatus::active;
  const Instant now = sys_days{2026y / 3 / 1};
  card.created_at = now - days{10};
  card.expires_at = now - days{1};
  auto j = prepaid::cli::card_json(card, now);
  CHECK(j["balance"] == "7.25");
  CHECK(j["balance"].is_string());
  CHECK(j["credit_limit"] == "0.00");
  CHECK(j["currency"] == "EUR");
  CHECK(j["status"] == "expired");  // active but past its expiry
  CHECK(j["activated_at"].is_null());
  CHECK(j["expires_at"] == "2026-02-28T00:00:00Z");
  CHECK_FALSE(j.contains("pin"));
  card.pin = "4321";
  CHECK(prepaid::cli::card_json(card, now)["pin"] == "4321");
}

#pragma once
/// @file contract_fixtures.h
/// @brief Values and backends shared by the store and service contract suites.

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "billing/calls/cdr.h"
#include "billing/calls/reservation.h"
#include "billing/cards/card.h"
#include "billing/cards/ledger_entry.h"
#include "billing/store/store.h"
#include "billing/tariffs/tariff_record.h"
#include "rating/money.h"
#include "rating/rate.h"

namespace prepaid::billing::testing {

/// The seed of a contract case's random data: PREPAID_PROPERTY_SEED, else `fallback`.
inline std::uint64_t property_seed(std::uint64_t fallback) {
  const char* text = std::getenv("PREPAID_PROPERTY_SEED");
  return text && *text ? std::strtoull(text, nullptr, 10) : fallback;
}

/// 2026-03-02 12:00:00 UTC, a Monday.
inline constexpr std::int64_t kT0 = 1772452800;

inline rating::Instant at(std::int64_t s) {
  return rating::Instant(std::chrono::seconds(s));
}

inline rating::Money money(const char* text) {
  auto m = rating::Money::parse(text);
  if (!m) throw std::invalid_argument(std::string("bad money in test: ") + text);
  return *m;
}

inline Card make_card(std::string number, std::string pin) {
  Card c;
  c.number = std::move(number);
  c.pin = std::move(pin);
  c.status = CardStatus::active;
  c.currency = "EUR";
  c.tariff = "retail";
  c.balance = money("10");
  c.created_at = at(kT0 - 86400);
  return c;
}

inline TariffRecord make_tariff(std::string name, std::string currency = "EUR") {
  TariffRecord t;
  t.name = std::move(name);
  t.currency = std::move(currency);
  t.time_zone = "Europe/Sofia";
  t.base_price_list = "base";
  t.updated_at = at(kT0);
  return t;
}

inline rating::Rate make_rate(std::string prefix, std::string destination, const char* rate) {
  rating::Rate r;
  r.prefix = std::move(prefix);
  r.destination = std::move(destination);
  r.rate = money(rate);
  return r;
}

inline Reservation make_reservation(CardId card, std::string nas, std::string session,
                                    const char* amount = "1", std::int64_t expires = kT0 + 600) {
  Reservation r;
  r.card_id = card;
  r.key = SessionKey{std::move(nas), std::move(session)};
  r.called = "004420123";
  r.digits = "4420123";
  r.destination = "London";
  r.granted_s = 300;
  r.amount = money(amount);
  r.currency = "EUR";
  r.tariff = "retail";
  r.tariff_version = 1;
  r.tariff_snapshot = "[tariff]\nname = retail\n";
  r.created_at = at(kT0 - 10);
  r.expires_at = at(expires);
  return r;
}

inline Cdr make_cdr(const Card& card, std::string nas, std::string session,
                    std::int64_t call_at = kT0, std::string digits = "4420123") {
  Cdr c;
  c.card_id = card.id;
  c.card_number = card.number;
  c.key = SessionKey{std::move(nas), std::move(session)};
  c.called = "00" + digits;
  c.digits = std::move(digits);
  c.destination = "London";
  c.prefix = "4420";
  c.price_list = "base";
  c.connect_at = at(call_at);
  c.call_at = at(call_at);
  c.duration_s = 61;
  c.billed_s = 120;
  c.price = money("0.10");
  c.currency = "EUR";
  c.rate = money("0.05");
  c.rating_detail = "base 120s";
  c.tariff = "retail";
  c.tariff_version = 1;
  c.recorded_at = at(call_at + 61);
  return c;
}

inline LedgerEntry ledger_row(CardId card, const char* amount) {
  LedgerEntry e;
  e.card_id = card;
  e.at = at(kT0);
  e.kind = LedgerKind::recharge;
  e.amount = money(amount);
  e.balance_after = money(amount);
  e.currency = "EUR";
  e.actor = "alice";
  e.reason = "test";
  return e;
}

/// Inserts `c` (sets its id) with, when its balance is not zero, the batch_load ledger row that
/// opened it, so that the ledger check holds.
inline void insert_card_with_opening(Store& store, Card& c) {
  auto tx = store.begin();
  tx->insert_card(c);
  if (!c.balance.is_zero()) {
    LedgerEntry e = ledger_row(c.id, "0");
    e.amount = c.balance;
    e.balance_after = c.balance;
    e.kind = LedgerKind::batch_load;
    tx->insert_ledger(e);
  }
  tx->commit();
}

inline std::string dump(Store& store) {
  return store.state_fingerprint();
}

}  // namespace prepaid::billing::testing

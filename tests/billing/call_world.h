#pragma once
/// @file call_world.h
/// @brief CallWorld: a store with a tariff and cards, a hand-set clock and a CallService — the
/// fixture of the call-path tests, for any backend.

#include <memory>
#include <string>
#include <vector>

#include "billing/calls/call_service.h"
#include "billing/clock.h"
#include "billing/store/store.h"
#include "contract_fixtures.h"

namespace prepaid::billing::testing {

/// The test tariff "retail" (EUR, UTC): base list and an evening list (18:00-08:00).
///   44    United Kingdom   0.10 / 60 s, blocks 60/60
///   4477  UK Mobile        0.30 / 60 s, blocks 30/6, connect fee 0.05
///   359   Bulgaria         0.06 / 60 s, per second (1/1)
///   evening: 44 at 0.05 / 60 s, blocks 60/60
inline void add_retail_tariff(Store& store, const char* uk_rate = "0.10") {
  auto tx = store.begin();
  TariffRecord t = make_tariff("retail");
  t.time_zone = "UTC";
  auto existing = tx->find_tariff("retail");
  if (existing) {
    t = *existing;
  } else {
    tx->insert_tariff(t);
  }
  rating::Rate uk = make_rate("44", "United Kingdom", uk_rate);
  rating::Rate mobile = make_rate("4477", "UK Mobile", "0.30");
  mobile.first_increment_s = 30;
  mobile.increment_s = 6;
  mobile.connect_fee = money("0.05");
  rating::Rate bg = make_rate("359", "Bulgaria", "0.06");
  bg.first_increment_s = 1;
  bg.increment_s = 1;
  tx->replace_price_list(t.id, "base", {uk, mobile, bg});
  tx->replace_price_list(t.id, "evening", {make_rate("44", "United Kingdom evening", "0.05")});
  if (!existing) {
    rating::PriceRule evening;
    evening.name = "evening";
    evening.price_list = "evening";
    evening.time = rating::TimeOfDayRange{18 * 3600, 8 * 3600};
    tx->insert_rule(t.id, evening);
  }
  tx->bump_tariff_version(t.id, at(kT0));
  tx->commit();
}

template <class Backend>
struct CallWorld {
  explicit CallWorld(CallPolicy policy = {})
      : clock(std::make_shared<ManualClock>(at(kT0))), calls(backend.store, policy, clock) {
    add_retail_tariff(*backend.store);
  }

  Card add_card(const std::string& number, const char* balance, std::uint32_t max_concurrent = 1,
                CardStatus status = CardStatus::active,
                ActivationMode activation = ActivationMode::first_use) {
    Card c = make_card(number, "4321");
    c.balance = money(balance);
    c.max_concurrent = max_concurrent;
    c.status = status;
    c.activation = activation;
    if (status == CardStatus::active) {
      c.activated_at = at(kT0 - 86400);
      c.expires_at = c.computed_expiry();
    }
    insert_card_with_opening(*backend.store, c);
    return c;
  }

  CallRequest request(const std::string& account, const std::string& called,
                      const std::string& session, const std::string& nas = "10.0.0.1") {
    CallRequest r;
    r.account = account;
    r.called = called;
    r.calling = "35929001234";
    r.key = SessionKey{nas, session};
    return r;
  }

  AccountingEvent event(AccountingKind kind, const std::string& session,
                        std::optional<std::uint32_t> session_time_s = std::nullopt,
                        const std::string& nas = "10.0.0.1") {
    AccountingEvent e;
    e.kind = kind;
    e.key = SessionKey{nas, session};
    e.session_time_s = session_time_s;
    e.event_at = clock->now();
    return e;
  }

  Card card(const std::string& number) {
    auto tx = backend.store->begin();
    auto c = tx->find_card(number, true);
    tx->commit();
    REQUIRE(c);
    return *c;
  }

  std::vector<Cdr> cdrs() {
    auto tx = backend.store->begin();
    auto list = tx->list_cdrs(CdrFilter{}, Page{0, 10000});
    tx->commit();
    return list;
  }

  std::vector<LedgerMismatch> ledger_mismatches() {
    auto tx = backend.store->begin();
    auto list = tx->ledger_mismatches();
    tx->commit();
    return list;
  }

  CardState state(const std::string& number) {
    auto tx = backend.store->begin();
    auto st = tx->card_for_call(number, SessionKey{}, clock->now(), RowLock::none);
    tx->commit();
    REQUIRE(st);
    return *st;
  }

  Backend backend;
  std::shared_ptr<ManualClock> clock;
  CallService calls;
};

}  // namespace prepaid::billing::testing

#pragma once
/// @file shop_upstream_cases.h
/// @brief A shop's upstream account (ShopUpstreamService) and what booth calls do to it: the
/// grant cut to what it buys at the cost tariff, the refusal when it cannot pay, the debit at
/// the Stop with the CDR. Templates over the store backend.

#include <doctest/doctest.h>

#include <string>

#include "billing/shops/shop_upstream_service.h"
#include "booth_session_cases.h"

namespace prepaid::billing::testing {

/// The cost tariff "wholesale" (EUR, UTC, prices rounded to the micro-unit): Bulgaria 359 at
/// 0.024 / 60 s, per second (0.0004/s, where the retail tariff sells it at 0.001/s, rounded up
/// to the cent). No UK rate: calls there have no cost price.
inline void add_cost_tariff(Store& store) {
  auto tx = store.begin();
  TariffRecord t = make_tariff("wholesale");
  t.time_zone = "UTC";
  t.rounding.decimals = 6;
  tx->insert_tariff(t);
  rating::Rate bg = make_rate("359", "Bulgaria", "0.024");
  bg.first_increment_s = 1;
  bg.increment_s = 1;
  tx->replace_price_list(t.id, "base", {bg});
  tx->bump_tariff_version(t.id, at(kT0));
  tx->commit();
}

/// BoothWorld with the cost tariff, corner paying its upstream at it, a second booth there
/// (5550002) and olga's open shift.
template <class B>
struct UpstreamWorld : BoothWorld<B> {
  ShopUpstreamService upstream{this->w.backend.store, this->w.clock};
  UpstreamWorld() {
    add_cost_tariff(*this->w.backend.store);
    ShopSettings cost;
    cost.cost_tariff = "wholesale";
    REQUIRE(this->shops.configure_shop(this->alice, "corner", cost));
    REQUIRE(
        this->shops.add_booth(this->alice, BoothRequest{"corner", "Cabin 2", "5550002", "4321"}));
    REQUIRE(this->shifts.open(this->olga, "", money("10.00")));
  }
  CallDecision call_from(const std::string& booth, const std::string& session) {
    return this->w.calls.authorize_call(this->w.request(booth, "00359888123456", session));
  }
  ShopUpstream account() {
    const ShopId corner = this->shops.show_shop(this->alice, "corner")->id;
    auto tx = this->w.backend.store->begin();
    auto a = tx->find_shop_upstream(corner, RowLock::none);
    tx->commit();
    REQUIRE(a);
    return *a;
  }
};

TEST_CASE_TEMPLATE_DEFINE("a shop's upstream account: opened, recharged, shown, checked", B,
                          upstream_account) {
  // Proves the account's life (opened in the cost tariff's currency, a threshold, a recharge
  // row with its balance, the warning while at or below the threshold, refusing with nothing
  // available, the check) and that every refusal — no cost tariff, a lesser role, another
  // shop's operator, a bad amount, a cost tariff in another currency — names its fault and
  // changes nothing.
  UpstreamWorld<B> u;
  const std::string before = u.fingerprint();
  auto no_cost = u.upstream.configure(u.alice, "station", std::nullopt);
  REQUIRE_FALSE(no_cost);
  CHECK(no_cost.problem().code == ErrorCode::failed_precondition);
  CHECK(no_cost.problem().message.find("no cost tariff") != std::string::npos);
  CHECK(u.upstream.configure(u.olga, "corner", std::nullopt).problem().code ==
        ErrorCode::forbidden);
  CHECK(u.upstream.configure(u.alice, "nowhere", std::nullopt).problem().code ==
        ErrorCode::not_found);
  CHECK(u.upstream.recharge(u.alice, "corner", money("5.00"), "").problem().code ==
        ErrorCode::not_found);  // no account yet
  CHECK(u.upstream.show(u.olga, "corner").problem().code == ErrorCode::not_found);
  CHECK(u.fingerprint() == before);

  auto opened = u.upstream.configure(u.alice, "corner", money("2.00"));
  REQUIRE(opened);
  CHECK(opened->account.currency == "EUR");
  CHECK(opened->account.balance == money("0"));
  CHECK(opened->warning);
  CHECK(opened->refusing);  // nothing available: every booth call is refused
  CHECK(u.upstream.recharge(u.alice, "corner", money("-1.00"), "").problem().field == "amount");
  CHECK(u.upstream.recharge(u.alice, "corner", money("0.001"), "").problem().field == "amount");
  CHECK(u.upstream.recharge(u.olga, "corner", money("1.00"), "").problem().code ==
        ErrorCode::forbidden);
  CHECK(u.upstream.configure(u.alice, "corner", money("-1")).problem().field == "warn_below");
  CHECK(u.upstream.show(u.ivan, "corner").problem().code == ErrorCode::forbidden);
  {
    auto tx = u.w.backend.store->begin();
    TariffRecord usd = make_tariff("usd-cost", "USD");
    tx->insert_tariff(usd);
    tx->commit();
  }
  const std::string with_usd = u.fingerprint();
  ShopSettings usd;
  usd.cost_tariff = "usd-cost";
  auto mismatch = u.shops.configure_shop(u.alice, "corner", usd);
  REQUIRE_FALSE(mismatch);
  CHECK(mismatch.problem().code == ErrorCode::currency_mismatch);
  CHECK(mismatch.problem().field == "cost_tariff");
  CHECK(u.fingerprint() == with_usd);

  auto recharged = u.upstream.recharge(u.alice, "corner", money("12.50"), "bank transfer 17");
  REQUIRE(recharged);
  CHECK(recharged->balance_after == money("12.50"));
  CHECK(recharged->kind == UpstreamEntryKind::recharge);
  auto shown = u.upstream.show(u.olga, "corner");
  REQUIRE(shown);
  CHECK(shown->account.balance == money("12.50"));
  CHECK(shown->available == money("12.50"));
  CHECK_FALSE(shown->warning);
  CHECK_FALSE(shown->refusing);
  // At the threshold exactly: warned (at or below), not refusing.
  auto at = u.upstream.configure(u.alice, "corner", money("12.50"));
  REQUIRE(at);
  CHECK(at->warning);
  CHECK_FALSE(at->refusing);
  REQUIRE(u.upstream.configure(u.alice, "corner", money("2.00")));
  auto ledger = u.upstream.ledger(u.olga, "corner", Page{});
  REQUIRE(ledger);
  REQUIRE(ledger->size() == 1);
  CHECK(ledger->at(0).reason == "bank transfer 17");
  CHECK(ledger->at(0).actor == "alice");
  auto check = u.upstream.check(u.alice);
  REQUIRE(check);
  CHECK(check->accounts == 1);
  CHECK(check->mismatches.empty());
  CHECK(u.upstream.check(u.olga).problem().code == ErrorCode::forbidden);
}

TEST_CASE_TEMPLATE_DEFINE("booth calls spend the shop's upstream at its cost tariff, exactly once",
                          B, upstream_calls) {
  // Proves the authorization reads the upstream with the card: with nothing on it every booth
  // of the shop is refused ("Shop balance too low", code 7) and nothing changes; a grant is cut
  // to what the upstream buys at the cost tariff and held there, so another booth is refused
  // while it is; the Stop debits the call's cost (to the micro-unit, beside its price in the
  // CDR) once, a repeated Stop nothing; the ledger lists it and the check balances.
  UpstreamWorld<B> u;
  REQUIRE(u.upstream.configure(u.alice, "corner", money("0.05")));
  REQUIRE(u.sessions.open(u.olga, "5550001", SessionKind::prepaid, money("0.60")));
  REQUIRE(u.sessions.open(u.olga, "5550002", SessionKind::prepaid, money("0.60")));

  const std::string empty = u.fingerprint();
  for (const char* booth : {"5550001", "5550002"}) {
    const CallDecision refused = u.call_from(booth, std::string("dry-") + booth);
    CHECK(refused.code == ReturnCode::disabled);
    CHECK(refused.reply_message == "Shop balance too low");
  }
  CHECK(u.fingerprint() == empty);
  CHECK(u.sessions.view(u.olga, "5550001")->upstream_warning);

  REQUIRE(u.upstream.recharge(u.alice, "corner", money("0.10"), ""));
  const CallDecision first = u.call_from("5550001", "first");
  REQUIRE(first.code == ReturnCode::ok);
  CHECK(first.granted_s == 250);  // 0.10 at 0.0004/s, not the 600 s the deposit buys
  CHECK(first.reserved == money("0.25"));
  const CallDecision second = u.call_from("5550002", "second");
  CHECK(second.code == ReturnCode::disabled);  // the first call holds the whole upstream
  CHECK(second.reply_message == "Shop balance too low");
  auto held = u.upstream.show(u.alice, "corner");
  CHECK(held->held == money("0.10"));
  CHECK(held->available == money("0"));
  CHECK(held->warning);

  u.w.clock->advance(std::chrono::seconds(70));
  REQUIRE(u.w.calls.record_accounting(u.w.event(AccountingKind::stop, "first", 61)).outcome ==
          AccountingOutcome::recorded);
  CHECK(u.w.calls.record_accounting(u.w.event(AccountingKind::stop, "first", 61)).outcome ==
        AccountingOutcome::duplicate);
  CHECK(u.account().balance == money("0.0756"));  // 0.10 − 61 s × 0.0004
  Cdr cdr;
  for (const auto& c : u.w.cdrs())
    if (c.key.session_id == "first") cdr = c;
  CHECK(cdr.price == money("0.07"));  // 61 s at 0.001/s, rounded up to the cent
  REQUIRE(cdr.upstream_cost);
  CHECK(*cdr.upstream_cost == money("0.0244"));
  CHECK(cdr.upstream_shop == u.account().shop_id);

  const CallDecision again = u.call_from("5550002", "again");
  REQUIRE(again.code == ReturnCode::ok);
  CHECK(again.granted_s == 189);  // 0.0756 / 0.0004
  auto ledger = u.upstream.ledger(u.alice, "corner", Page{});
  REQUIRE(ledger);
  REQUIRE(ledger->size() == 2);
  CHECK(ledger->at(1).kind == UpstreamEntryKind::call_cost);
  CHECK(ledger->at(1).amount == money("-0.0244"));
  CHECK(ledger->at(1).reference == "cdr:" + std::to_string(cdr.id));
  auto check = u.upstream.check(u.alice);
  REQUIRE(check);
  CHECK(check->mismatches.empty());
  CHECK(u.w.ledger_mismatches().empty());

  // A booth of a shop without an upstream account is not concerned.
  REQUIRE(u.shifts.open(u.ivan, "", money("10.00")));
  REQUIRE(u.sessions.open(u.ivan, "5550009", SessionKind::prepaid, money("0.60")));
  const CallDecision station = u.call_from("5550009", "station");
  REQUIRE(station.code == ReturnCode::ok);
  CHECK(station.granted_s == 600);
}

}  // namespace prepaid::billing::testing

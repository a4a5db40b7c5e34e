#pragma once
/// @file card_service_cases.h
/// @brief CardService cases, a template over the store backend (card_service_test.cc: memory;
/// mysql/admin_services_test.cc: MySQL).

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "billing/cards/card_service.h"
#include "call_world.h"
#include "tests/pin_search.h"

namespace prepaid::billing::testing {

inline Actor admin_actor() {
  return Actor{"alice", Role::administrator, "127.0.0.1"};
}
inline Actor operator_actor() {
  return Actor{"olga", Role::operator_, "10.1.1.1"};
}

inline rating::Amount eur(const char* text) {
  return rating::Amount{money(text), *rating::Currency::from_code("EUR")};
}

template <class Backend>
struct CardWorld : CallWorld<Backend> {
  CardWorld() : cards(this->backend.store, this->clock) {}
  std::vector<AuditEntry> audit(const std::string& action_prefix = "") {
    auto tx = this->backend.store->begin();
    AuditFilter f;
    f.action_prefix = action_prefix;
    auto rows = tx->list_audit(f, Page{0, 10000});
    tx->commit();
    return rows;
  }
  CardService cards;
};

TEST_CASE_TEMPLATE_DEFINE("a batch creates unique cards with a ledger row each, all or nothing", B,
                          cards_batch) {
  // Proves batch creation: numbers/PINs from the CSPRNG, initial balances booked, history kept.
  CardWorld<B> w;
  BatchRequest req;
  req.count = 250;
  req.amount = money("15");
  req.currency = "EUR";
  req.tariff = "retail";
  req.number_length = 10;
  req.pin_length = 5;
  req.note = "kiosk 7";
  auto created = w.cards.create_batch(admin_actor(), req);
  REQUIRE(created);
  CHECK(created->cards.size() == 250);
  std::set<std::string> numbers;
  for (const auto& c : created->cards) {
    CHECK(c.number.size() == 10);
    CHECK(c.number[0] != '0');
    CHECK(c.pin.size() == 5);
    numbers.insert(c.number);
  }
  CHECK(numbers.size() == 250);
  const auto& first = created->cards.front();
  CHECK(w.calls.authenticate(first.number, first.pin) == ReturnCode::ok);
  Card stored = w.card(first.number);
  CHECK(stored.balance == money("15"));
  CHECK(stored.status == CardStatus::new_);
  CHECK(stored.batch == created->batch.id);
  CHECK(w.ledger_mismatches().empty());
  auto history = w.cards.batches(admin_actor(), Page{});
  REQUIRE(history);
  CHECK(history->at(0).card_count == 250);
  CHECK(history->at(0).actor == "alice");
  CHECK(history->at(0).note == "kiosk 7");
  auto one = w.cards.batch(operator_actor(), created->batch.id);  // operators may look
  REQUIRE(one);
  CHECK(one->card_count == 250);
  CHECK(one->amount == money("15"));
  CHECK(one->note == "kiosk 7");
  auto missing = w.cards.batch(admin_actor(), created->batch.id + 1000);
  REQUIRE_FALSE(missing);
  CHECK(missing.problem().code == ErrorCode::not_found);
  auto zero = w.cards.batch(admin_actor(), 0);
  REQUIRE_FALSE(zero);
  CHECK(zero.problem().code == ErrorCode::invalid_argument);
  CHECK(zero.problem().field == "id");
  auto audit = w.audit("batch.");
  REQUIRE(audit.size() == 1);
  for (const auto& c : created->cards)
    CHECK_FALSE(prepaid::testing::shows_pin(audit[0].after, c.pin));

  // Refusals change nothing.
  const std::string before = dump(*w.backend.store);
  BatchRequest bad = req;
  bad.tariff = "nope";
  CHECK(w.cards.create_batch(admin_actor(), bad).problem().code == ErrorCode::not_found);
  bad = req;
  bad.currency = "USD";
  CHECK(w.cards.create_batch(admin_actor(), bad).problem().code == ErrorCode::currency_mismatch);
  bad = req;
  bad.amount = money("1000000000");
  CHECK(w.cards.create_batch(admin_actor(), bad).problem().code == ErrorCode::invalid_argument);
  bad = req;
  bad.count = 0;
  CHECK(w.cards.create_batch(admin_actor(), bad).problem().code == ErrorCode::invalid_argument);
  bad = req;
  bad.number_length = 6;
  bad.count = 100000;  // more than a tenth of the 6-digit space
  CHECK(w.cards.create_batch(admin_actor(), bad).problem().code == ErrorCode::invalid_argument);
  bad = req;
  bad.note = "x'); DROP TABLE card; --\n";
  CHECK(w.cards.create_batch(admin_actor(), bad).problem().code == ErrorCode::invalid_argument);
  CHECK(w.cards.create_batch(operator_actor(), req).problem().code == ErrorCode::forbidden);
  CHECK(dump(*w.backend.store) == before);

  req.activation = ActivationMode::at_creation;
  req.count = 1;
  auto active = w.cards.create_batch(admin_actor(), req);
  REQUIRE(active);
  CHECK(w.card(active->cards[0].number).status == CardStatus::active);
  CHECK(w.card(active->cards[0].number).expires_at == at(kT0) + std::chrono::days(180));
}

TEST_CASE_TEMPLATE_DEFINE("operators list and recharge cards but never see PINs", B, cards_roles) {
  // Proves role enforcement in the service (so CLI and API cannot diverge).
  CardWorld<B> w;
  w.add_card("1001", "5");
  auto page = w.cards.list_cards(operator_actor(), CardFilter{}, Page{});
  REQUIRE(page);
  CHECK(page->total == 1);
  CHECK(page->cards.at(0).pin.empty());
  CardFilter pins;
  pins.with_pins = true;
  CHECK(w.cards.list_cards(operator_actor(), pins, Page{}).problem().code == ErrorCode::forbidden);
  CHECK(w.cards.list_cards(admin_actor(), pins, Page{})->cards.at(0).pin == "4321");
  CHECK(w.cards.show_card(operator_actor(), "1001")->pin.empty());
  CHECK(w.cards.show_card(operator_actor(), "1001", true).problem().code == ErrorCode::forbidden);
  CHECK(w.cards.recharge(operator_actor(), "1001", eur("2.5"), "cash"));
  CHECK(w.cards.ledger(operator_actor(), "1001", Page{})->size() == 2);
  CHECK(w.cards.touch(operator_actor(), "1001").problem().code == ErrorCode::forbidden);
  CHECK(w.cards.set_status(operator_actor(), {"1001"}, StatusChange::disable).problem().code ==
        ErrorCode::forbidden);
  CHECK(w.cards.check_ledger(operator_actor()).problem().code == ErrorCode::forbidden);
  Actor nameless = operator_actor();
  nameless.name = "";
  CHECK(w.cards.show_card(nameless, "1001").problem().code == ErrorCode::invalid_argument);
}

TEST_CASE_TEMPLATE_DEFINE("a recharge books a ledger row, restarts validity and checks currency", B,
                          cards_recharge) {
  // Proves recharge semantics and that refused recharges change nothing.
  CardWorld<B> w;
  Card c = w.add_card("2001", "1");
  w.clock->set(*c.expires_at + std::chrono::seconds(10));  // the card has expired
  CHECK(w.calls.authorize_call(w.request("2001", "", "")).code == ReturnCode::expired);
  auto e = w.cards.recharge(admin_actor(), "2001", eur("10.25"), "x'); DROP TABLE ledger; --");
  REQUIRE(e);
  CHECK(e->kind == LedgerKind::recharge);
  CHECK(e->amount == money("10.25"));
  CHECK(e->balance_after == money("11.25"));
  CHECK(e->actor == "alice");
  Card after = w.card("2001");
  CHECK(after.balance == money("11.25"));
  CHECK(after.last_recharged_at == w.clock->now());
  CHECK(after.expires_at == w.clock->now() + std::chrono::days(180));
  CHECK(w.calls.authorize_call(w.request("2001", "", "")).code == ReturnCode::ok);
  CHECK(w.cards.ledger(admin_actor(), "2001", Page{})->back().reason ==
        "x'); DROP TABLE ledger; --");
  auto audit = w.audit("card.recharge");
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].before.find("\"balance\":\"1.000000\"") != std::string::npos);
  CHECK(audit[0].after.find("\"balance\":\"11.250000\"") != std::string::npos);
  CHECK(audit[0].after.find("4321") == std::string::npos);
  CHECK(audit[0].source == "127.0.0.1");

  const std::string before = dump(*w.backend.store);
  rating::Amount usd{money("5"), *rating::Currency::from_code("USD")};
  CHECK(w.cards.recharge(admin_actor(), "2001", usd, "").problem().code ==
        ErrorCode::currency_mismatch);
  CHECK(w.cards.recharge(admin_actor(), "2001", eur("0"), "").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(w.cards.recharge(admin_actor(), "2001", eur("-5"), "").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(w.cards.recharge(admin_actor(), "2001", eur("99999999"), "").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(w.cards.recharge(admin_actor(), "2999", eur("5"), "").problem().code ==
        ErrorCode::not_found);
  CHECK(w.cards.recharge(admin_actor(), "2' OR '1", eur("5"), "").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(
      w.cards.adjust(admin_actor(), "2001", LedgerKind::refund, eur("-1"), "why").problem().code ==
      ErrorCode::invalid_argument);
  CHECK(
      w.cards.adjust(admin_actor(), "2001", LedgerKind::recharge, eur("1"), "why").problem().code ==
      ErrorCode::invalid_argument);
  CHECK(
      w.cards.adjust(admin_actor(), "2001", LedgerKind::adjustment, eur("1"), "").problem().code ==
      ErrorCode::invalid_argument);
  CHECK(dump(*w.backend.store) == before);

  auto refund = w.cards.adjust(admin_actor(), "2001", LedgerKind::adjustment, eur("-0.25"), "typo");
  REQUIRE(refund);
  CHECK(w.card("2001").balance == money("11"));
  auto check = w.cards.check_ledger(admin_actor());
  REQUIRE(check);
  CHECK(check->cards == 1);
  CHECK(check->mismatches.empty());

  // Recharges and adjustments alike refuse a balance beyond 100 × the largest amount.
  w.add_card("2002", "99999990");
  const std::string rich = dump(*w.backend.store);
  auto too_much =
      w.cards.adjust(admin_actor(), "2002", LedgerKind::adjustment, eur("1000000"), "typo");
  REQUIRE_FALSE(too_much);
  CHECK(too_much.problem().code == ErrorCode::invalid_argument);
  CHECK(too_much.problem().field == "amount");
  CHECK(w.cards.recharge(admin_actor(), "2002", eur("1000000"), "").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(dump(*w.backend.store) == rich);
}

TEST_CASE_TEMPLATE_DEFINE("validity runs from the later of the activation and the last recharge", B,
                          cards_validity) {
  // Proves a card recharged before its first use gets its whole validity from the activation
  // (first use or by hand), not from the recharge, and that a later recharge restarts it.
  using std::chrono::days;
  using std::chrono::seconds;
  CardWorld<B> w;
  w.add_card("5001", "1", 1, CardStatus::new_);  // activated at its first use
  REQUIRE(w.cards.recharge(admin_actor(), "5001", eur("5"), "sold"));
  CHECK(w.card("5001").last_recharged_at == w.clock->now());
  CHECK_FALSE(w.card("5001").expires_at);  // nothing runs before the first use
  REQUIRE(w.cards.touch(admin_actor(), "5001"));
  CHECK_FALSE(w.card("5001").expires_at);

  w.clock->advance(days(179));
  CHECK(w.calls.authorize_call(w.request("5001", "", "")).code == ReturnCode::ok);  // first use
  const rating::Instant first_use = w.clock->now();
  Card used = w.card("5001");
  CHECK(used.status == CardStatus::active);
  CHECK(used.activated_at == first_use);
  CHECK(used.validity_start() == first_use);
  CHECK(used.expires_at == first_use + days(180));
  w.clock->advance(days(1) + seconds(1));  // 180 days after the recharge: still valid
  CHECK(w.calls.authorize_call(w.request("5001", "", "")).code == ReturnCode::ok);
  w.clock->set(first_use + days(180) - seconds(1));
  CHECK(w.calls.authorize_call(w.request("5001", "", "")).code == ReturnCode::ok);
  w.clock->set(first_use + days(180));
  CHECK(w.calls.authorize_call(w.request("5001", "", "")).code == ReturnCode::expired);

  // A recharge after the activation restarts the validity from the recharge.
  w.clock->set(first_use + days(10));
  REQUIRE(w.cards.recharge(admin_actor(), "5001", eur("1"), "top-up"));
  CHECK(w.card("5001").expires_at == first_use + days(190));

  // The same with a card activated by hand 100 days after a recharge.
  w.add_card("5002", "0", 1, CardStatus::new_, ActivationMode::manual);
  REQUIRE(w.cards.recharge(admin_actor(), "5002", eur("3"), "sold"));
  w.clock->advance(days(100));
  auto activated = w.cards.activate(admin_actor(), "5002");
  REQUIRE(activated);
  CHECK(activated->expires_at == w.clock->now() + days(180));
  CHECK(w.card("5002").expires_at == w.clock->now() + days(180));
}

TEST_CASE_TEMPLATE_DEFINE("amounts entered for a card are whole minor units of its currency", B,
                          cards_minor_units) {
  // Proves that a recharge, an adjustment, a batch's amount and credit limit, and a card's
  // credit limit with digits below the cent are refused, naming the input and the nearest
  // amounts, and change nothing; whole cents still go through.
  CardWorld<B> w;
  w.add_card("7001", "1");
  const std::string before = dump(*w.backend.store);
  auto recharge = w.cards.recharge(operator_actor(), "7001", eur("5.001"), "cash");
  REQUIRE_FALSE(recharge);
  CHECK(recharge.problem().code == ErrorCode::invalid_argument);
  CHECK(recharge.problem().field == "amount");
  CHECK(recharge.problem().message ==
        "amount 5.001 EUR has digits below the minor unit of EUR (2 decimals): enter 5.00 or 5.01");
  auto adjust = w.cards.adjust(admin_actor(), "7001", LedgerKind::adjustment, eur("-0.255"), "x");
  REQUIRE_FALSE(adjust);
  CHECK(adjust.problem().field == "amount");
  CHECK(adjust.problem().message.find("enter -0.26 or -0.25") != std::string::npos);
  BatchRequest batch;
  batch.amount = money("15.005");
  batch.currency = "EUR";
  batch.tariff = "retail";
  CHECK(w.cards.create_batch(admin_actor(), batch).problem().field == "amount");
  batch.amount = money("15");
  batch.credit_limit = money("0.001");
  CHECK(w.cards.create_batch(admin_actor(), batch).problem().field == "credit_limit");
  CardSettings s;
  s.credit_limit = money("2.0001");
  auto configured = w.cards.configure(admin_actor(), "7001", s);
  REQUIRE_FALSE(configured);
  CHECK(configured.problem().field == "credit_limit");
  CHECK(configured.problem().message.find("credit limit 2.0001 EUR") == 0);
  CHECK(dump(*w.backend.store) == before);

  REQUIRE(w.cards.recharge(operator_actor(), "7001", eur("5.01"), "cash"));
  s.credit_limit = money("2.50");
  REQUIRE(w.cards.configure(admin_actor(), "7001", s));
  CHECK(w.card("7001").balance == money("6.01"));
}

TEST_CASE_TEMPLATE_DEFINE("status changes of a selection are all or nothing", B, cards_status) {
  // Proves enable/disable/drop on several cards, and that one bad number changes none.
  CardWorld<B> w;
  w.add_card("3001", "1");
  w.add_card("3002", "1");
  w.add_card("3003", "1", 1, CardStatus::new_);
  const std::string before = dump(*w.backend.store);
  auto bad = w.cards.set_status(admin_actor(), {"3001", "3999", "3002"}, StatusChange::disable);
  CHECK(bad.problem().code == ErrorCode::not_found);
  CHECK(dump(*w.backend.store) == before);
  auto done = w.cards.set_status(admin_actor(), {"3002", "3001", "3003"}, StatusChange::disable);
  REQUIRE(done);
  CHECK(done->size() == 3);
  CHECK(w.card("3001").status == CardStatus::disabled);
  CHECK(w.calls.authorize_call(w.request("3001", "", "")).code == ReturnCode::disabled);
  REQUIRE(w.cards.set_status(admin_actor(), {"3001", "3003"}, StatusChange::enable));
  CHECK(w.card("3001").status == CardStatus::active);
  CHECK(w.card("3003").status == CardStatus::new_);  // never activated
  REQUIRE(w.cards.set_status(admin_actor(), {"3002"}, StatusChange::drop));
  CHECK(w.card("3002").status == CardStatus::dropped);
  CHECK(w.cards.set_status(admin_actor(), {"3002"}, StatusChange::enable).problem().code ==
        ErrorCode::failed_precondition);
  CHECK(w.cards.recharge(admin_actor(), "3002", eur("1"), "").problem().code ==
        ErrorCode::failed_precondition);
  CHECK(w.audit("card.disable").size() == 3);
}

TEST_CASE_TEMPLATE_DEFINE("PINs, manual activation, touch and settings", B, cards_maintenance) {
  // Proves set_pin (masked in the audit), activate, touch and configure.
  CardWorld<B> w;
  w.add_card("4001", "1", 1, CardStatus::new_, ActivationMode::manual);
  auto pin = w.cards.set_pin(admin_actor(), "4001", std::string("987654"));
  REQUIRE(pin);
  CHECK(w.calls.authenticate("4001", "987654") == ReturnCode::ok);
  auto random = w.cards.set_pin(admin_actor(), "4001", std::nullopt, 8);
  REQUIRE(random);
  CHECK(random->pin.size() == 8);
  CHECK(w.calls.authenticate("4001", random->pin) == ReturnCode::ok);
  for (const auto& row : w.audit("card.set_pin")) {
    CHECK(row.before.find("987654") == std::string::npos);
    CHECK_FALSE(prepaid::testing::shows_pin(row.after, random->pin));
  }
  CHECK(w.cards.set_pin(admin_actor(), "4001", std::string("12ab")).problem().code ==
        ErrorCode::invalid_argument);

  CHECK(w.calls.authorize_call(w.request("4001", "", "")).code == ReturnCode::disabled);
  REQUIRE(w.cards.activate(admin_actor(), "4001"));
  CHECK(w.calls.authorize_call(w.request("4001", "", "")).code == ReturnCode::ok);
  CHECK(w.cards.activate(admin_actor(), "4001").problem().code == ErrorCode::failed_precondition);

  w.clock->advance(std::chrono::hours(24 * 170));
  auto touched = w.cards.touch(admin_actor(), "4001");
  REQUIRE(touched);
  CHECK(touched->expires_at == w.clock->now() + std::chrono::days(180));
  CHECK(touched->pin.empty());

  CardSettings s;
  s.max_concurrent = 4;
  s.credit_limit = money("2");
  auto configured = w.cards.configure(admin_actor(), "4001", s);
  REQUIRE(configured);
  CHECK(configured->max_concurrent == 4);
  CHECK(w.calls.authorize_call(w.request("4001", "", "")).free_balance->money ==
        money("3"));  // balance 1 + credit 2
  s = CardSettings{};
  s.tariff = "nope";
  CHECK(w.cards.configure(admin_actor(), "4001", s).problem().code == ErrorCode::not_found);
}

}  // namespace prepaid::billing::testing

#pragma once
/// @file store_contract.h
/// @brief The Store contract suite (Kea's GenericLeaseMgrTest, in doctest): every case is a
/// template over a backend fixture with a `store` member. memory_store_test.cc instantiates it
/// for MemoryStore (label unit), mysql/mysql_store_test.cc for MySqlStore (label mysql).

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "billing/store/store.h"
#include "contract_fixtures.h"

namespace prepaid::billing::testing {

TEST_CASE_TEMPLATE_DEFINE("cards: insert, find, update, duplicate numbers", B, store_cards) {
  // Proves card rows round-trip every field, PINs are read only on request, numbers are unique.
  B backend;
  Store& store = *backend.store;
  Card a = make_card("100000000001", "1234");
  a.activated_at = at(kT0 - 3600);
  a.expires_at = at(kT0 + 86400);
  a.credit_limit = money("2.5");
  {
    auto tx = store.begin();
    tx->insert_card(a);
    tx->commit();
  }
  CHECK(a.id > 0);
  {
    auto tx = store.begin();
    auto with_pin = tx->find_card("100000000001", true);
    REQUIRE(with_pin);
    CHECK(with_pin->pin == "1234");
    CHECK(with_pin->balance == a.balance);
    CHECK(with_pin->credit_limit == money("2.5"));
    CHECK(with_pin->activated_at == a.activated_at);
    CHECK(with_pin->expires_at == a.expires_at);
    CHECK(with_pin->last_recharged_at == std::nullopt);
    CHECK(with_pin->status == CardStatus::active);
    CHECK(with_pin->tariff == "retail");
    auto without = tx->find_card(a.id, false);
    REQUIRE(without);
    CHECK(without->pin.empty());
    CHECK(without->number == "100000000001");
    CHECK_FALSE(tx->find_card("100000000002", true));
    Card dup = make_card("100000000001", "9999");
    CHECK_THROWS_AS(tx->insert_card(dup), StoreDuplicate);
    tx->commit();
  }
  {
    auto tx = store.begin();
    auto c = tx->lock_card("100000000001");
    REQUIRE(c);
    c->status = CardStatus::disabled;
    c->balance = money("-1.25");
    c->pin = "4321";
    c->max_concurrent = 3;
    c->number = "999";  // not mutable: ignored
    tx->update_card(*c);
    tx->commit();
  }
  auto tx = store.begin();
  auto c = tx->find_card("100000000001", true);
  REQUIRE(c);
  CHECK(c->status == CardStatus::disabled);
  CHECK(c->balance == money("-1.25"));
  CHECK(c->pin == "4321");
  CHECK(c->max_concurrent == 3);
  CHECK_FALSE(tx->find_card("999", true));
}

TEST_CASE_TEMPLATE_DEFINE("a transaction destroyed without commit changes nothing", B,
                          store_rollback) {
  // Proves rollback undoes inserts and updates of every kind made in the transaction.
  B backend;
  Store& store = *backend.store;
  Card a = make_card("200000000001", "1111");
  {
    auto tx = store.begin();
    tx->insert_card(a);
    tx->commit();
  }
  const std::string before = dump(store);
  {
    auto tx = store.begin();
    auto c = tx->lock_card(a.number);
    c->balance = money("99");
    tx->update_card(*c);
    LedgerEntry e = ledger_row(a.id, "99");
    tx->insert_ledger(e);
    Card b = make_card("200000000002", "2222");
    tx->insert_card(b);
    Reservation r = make_reservation(a.id, "nas1", "s1");
    tx->insert_reservation(r);
    Cdr cdr = make_cdr(a, "nas1", "s1");
    CHECK(tx->insert_cdr(cdr));
    AuditEntry audit{0, at(kT0), "alice", Role::administrator, "127.0.0.1", "x", "y", "{}", "{}"};
    tx->insert_audit(audit);
    // no commit
  }
  CHECK(dump(store) == before);
}

TEST_CASE_TEMPLATE_DEFINE("bulk card insert and existing-number check", B, store_bulk_cards) {
  // Proves a batch insert sets every id and refuses (all of it) when one number is taken.
  B backend;
  Store& store = *backend.store;
  std::vector<Card> cards;
  for (int i = 0; i < 1203; ++i) cards.push_back(make_card(std::to_string(300000000000 + i), "1"));
  {
    auto tx = store.begin();
    tx->insert_cards(cards);
    tx->commit();
  }
  for (const Card& c : cards) CHECK(c.id > 0);
  auto tx = store.begin();
  CHECK(tx->count_cards(CardFilter{}) == 1203);
  auto taken = tx->existing_numbers({"300000000005", "399999999999", "300000001202"});
  std::sort(taken.begin(), taken.end());
  CHECK(taken == std::vector<std::string>{"300000000005", "300000001202"});
  std::vector<Card> clash{make_card("399999999998", "1"), make_card("300000000007", "1")};
  CHECK_THROWS_AS(tx->insert_cards(clash), StoreDuplicate);
}

TEST_CASE_TEMPLATE_DEFINE("card listing filters by status, batch, number and kind, paged", B,
                          store_card_list) {
  // Proves list/count filters, the effective expired status and paging by number.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  Batch batch;
  batch.created_at = at(kT0);
  batch.card_count = 2;
  batch.currency = "EUR";
  batch.tariff = "retail";
  batch.actor = "alice";
  tx->insert_batch(batch);
  Card a = make_card("400000000001", "1");  // active
  Card b = make_card("400000000002", "1");  // active but past expiry -> expired
  b.expires_at = at(kT0 - 1);
  Card c = make_card("410000000003", "1");  // new, booth
  c.status = CardStatus::new_;
  c.kind = CardKind::booth;
  a.batch = batch.id;
  b.batch = batch.id;
  tx->insert_card(a);
  tx->insert_card(b);
  tx->insert_card(c);
  CardFilter f;
  f.now = at(kT0);
  CHECK(tx->count_cards(f) == 3);
  f.status = CardStatus::expired;
  auto expired = tx->list_cards(f, Page{});
  REQUIRE(expired.size() == 1);
  CHECK(expired[0].number == "400000000002");
  CHECK(expired[0].pin.empty());
  f.status = CardStatus::active;
  CHECK(tx->count_cards(f) == 1);
  f.status.reset();
  f.batch = batch.id;
  CHECK(tx->count_cards(f) == 2);
  f.batch.reset();
  f.number_prefix = "41";
  CHECK(tx->count_cards(f) == 1);
  f.number_prefix = "%";  // a LIKE wildcard is a literal here
  CHECK(tx->count_cards(f) == 0);
  f.number_prefix.clear();
  f.kind = CardKind::booth;
  CHECK(tx->list_cards(f, Page{}).at(0).number == "410000000003");
  f.kind.reset();
  f.with_pins = true;
  auto page = tx->list_cards(f, Page{1, 1});
  REQUIRE(page.size() == 1);
  CHECK(page[0].number == "400000000002");
  CHECK(page[0].pin == "1");
  CHECK(tx->list_batches(Page{}).at(0).actor == "alice");
  CHECK(tx->find_batch(batch.id)->card_count == 2);
}

TEST_CASE_TEMPLATE_DEFINE("ledger rows, listing, and the balance check", B, store_ledger) {
  // Proves ledger order and that ledger_mismatches finds exactly the cards that disagree.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  Card a = make_card("500000000001", "1");
  a.balance = money("10");
  Card b = make_card("500000000002", "1");
  b.balance = money("7");
  tx->insert_card(a);
  tx->insert_card(b);
  std::vector<LedgerEntry> rows{ledger_row(a.id, "12"), ledger_row(b.id, "7")};
  tx->insert_ledger_entries(rows);
  LedgerEntry debit = ledger_row(a.id, "-2");
  debit.kind = LedgerKind::call_charge;
  tx->insert_ledger(debit);
  CHECK(debit.id > 0);
  auto list = tx->list_ledger(a.id, Page{});
  REQUIRE(list.size() == 2);
  CHECK(list[0].amount == money("12"));
  CHECK(list[1].kind == LedgerKind::call_charge);
  CHECK(list[1].amount == money("-2"));
  CHECK(tx->ledger_mismatches().empty());
  auto card = tx->lock_card(b.number);
  card->balance = money("6.999999");
  tx->update_card(*card);
  auto bad = tx->ledger_mismatches();
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].number == b.number);
  CHECK(bad[0].balance == money("6.999999"));
  CHECK(bad[0].ledger_sum == money("7"));
}

TEST_CASE_TEMPLATE_DEFINE("a CDR booked with its balance is a call charge of the ledger", B,
                          store_ledger_cdrs) {
  // Proves a card's ledger lists its ledger rows and the CDRs that are ledger entries (balance
  // set, price not zero) in the order they were written, whatever their times, pages through
  // both, and that the check sums them, a CDR booked with a ledger row of its own once.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  Card a = make_card("500000000011", "1");
  a.balance = money("10");
  Card b = make_card("500000000012", "1");
  b.balance = money("0");
  tx->insert_card(a);
  tx->insert_card(b);
  LedgerEntry opening = ledger_row(a.id, "10");
  opening.kind = LedgerKind::batch_load;
  opening.at = at(kT0 + 100);  // later than everything below: times do not order a ledger
  tx->insert_ledger(opening);
  const auto book = [&](const char* session, const char* price, const char* after) {
    Cdr c = make_cdr(a, "nas1", session, kT0 - 500);
    c.price = money(price);
    c.balance_after = money(after);
    REQUIRE(tx->insert_cdr(c));
    return c;
  };
  const Cdr first = book("s1", "1", "9");
  book("s0", "0", "9");  // free: not an entry
  LedgerEntry recharge = ledger_row(a.id, "5");
  recharge.balance_after = money("14");
  recharge.at = at(kT0 - 1000);
  tx->insert_ledger(recharge);
  const Cdr second = book("s2", "2", "12");
  // Booked the way of schema 7: the CDR without its balance, the charge a ledger row.
  Cdr old = make_cdr(a, "nas1", "s3", kT0 - 500);
  old.price = money("0.5");
  REQUIRE(tx->insert_cdr(old));
  LedgerEntry old_charge = ledger_row(a.id, "-0.5");
  old_charge.kind = LedgerKind::call_charge;
  old_charge.balance_after = money("11.5");
  old_charge.actor = "radius";
  old_charge.reference = "cdr:" + std::to_string(old.id);
  tx->insert_ledger(old_charge);
  a.balance = money("11.5");
  tx->update_card(a);
  tx->commit();

  tx = store.begin();
  const auto list = tx->list_ledger(a.id, Page{});
  REQUIRE(list.size() == 5);
  CHECK(list[0].kind == LedgerKind::batch_load);
  CHECK(list[1].kind == LedgerKind::call_charge);
  CHECK(list[1].id == first.id);
  CHECK(list[1].card_id == a.id);
  CHECK(list[1].amount == money("-1"));
  CHECK(list[1].balance_after == money("9"));
  CHECK(list[1].at == first.recorded_at);
  CHECK(list[1].currency == "EUR");
  CHECK(list[1].actor == "radius");
  CHECK(list[1].reason == "call to " + first.called);
  CHECK(list[1].reference == "cdr:" + std::to_string(first.id));
  CHECK(list[2].kind == LedgerKind::recharge);
  CHECK(list[3].reference == "cdr:" + std::to_string(second.id));
  CHECK(list[3].balance_after == money("12"));
  CHECK(list[4].id == old_charge.id);
  CHECK(list[4].reference == "cdr:" + std::to_string(old.id));
  const auto page = tx->list_ledger(a.id, Page{1, 2});
  REQUIRE(page.size() == 2);
  CHECK(page[0].reference == list[1].reference);
  CHECK(page[1].kind == LedgerKind::recharge);
  CHECK(tx->list_ledger(b.id, Page{}).empty());
  CHECK(tx->ledger_mismatches().empty());
  auto card = tx->lock_card(a.number);
  card->balance = money("11.49");
  tx->update_card(*card);
  const auto bad = tx->ledger_mismatches();
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].ledger_sum == money("11.5"));  // 10 + 5 - 1 - 2 - 0.5 (once)
}

TEST_CASE_TEMPLATE_DEFINE("reservations: open sums, keys, start, usage, close, expiry", B,
                          store_reservations) {
  // Proves card_for_call counts only open unexpired reservations and that transitions hold.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  Card card = make_card("600000000001", "1");
  tx->insert_card(card);
  TariffRecord t = make_tariff("retail");
  tx->insert_tariff(t);
  Reservation r1 = make_reservation(card.id, "nas1", "call-1", "1.5", kT0 + 100);
  Reservation r2 = make_reservation(card.id, "nas1", "call-2", "2", kT0 + 10);
  Reservation r3 = make_reservation(card.id, "nas2", "call-3", "4", kT0 - 1);  // expired
  tx->insert_reservation(r1);
  tx->insert_reservation(r2);
  tx->insert_reservation(r3);
  Reservation dup = make_reservation(card.id, "nas1", "call-1");
  CHECK_THROWS_AS(tx->insert_reservation(dup), StoreDuplicate);

  auto st =
      tx->card_for_call(card.number, SessionKey{"nas1", "call-2"}, at(kT0), RowLock::exclusive);
  REQUIRE(st);
  CHECK(st->reserved == money("3.5"));
  CHECK(st->open_calls == 2);
  CHECK(st->tariff_version == t.version);
  CHECK(st->existing == r2.id);
  CHECK(st->existing_state == ReservationState::reserved);
  auto none = tx->card_for_call(card.id, SessionKey{"nas9", "x"}, at(kT0 + 50), RowLock::none);
  REQUIRE(none);
  CHECK(none->reserved == money("1.5"));
  CHECK_FALSE(none->existing);
  CHECK_FALSE(tx->card_for_call("600000000009", SessionKey{}, at(kT0), RowLock::none));

  auto found = tx->find_reservation(SessionKey{"nas1", "call-1"});
  REQUIRE(found);
  CHECK(found->card_number == card.number);
  CHECK(found->tariff_snapshot == r1.tariff_snapshot);
  CHECK(found->amount == money("1.5"));

  CHECK(tx->start_reservation(r1.id, at(kT0 + 5), at(kT0 + 200), at(kT0 + 6)));
  CHECK_FALSE(tx->start_reservation(r3.id, at(kT0), at(kT0 + 500), at(kT0)));  // not revived
  tx->record_usage(r1.id, 42, at(kT0 + 47));
  auto started = tx->find_reservation(r1.id);
  CHECK(started->state == ReservationState::started);
  CHECK(started->started_at == at(kT0 + 5));
  CHECK(started->expires_at == at(kT0 + 200));
  CHECK(started->usage_s == 42);
  CHECK(started->last_interim_at == at(kT0 + 47));

  auto unclosed = tx->unclosed_reservations_at("nas1", at(kT0 + 1000));
  CHECK(unclosed.size() == 2);
  CHECK(tx->unclosed_reservations_at("nas1", at(kT0 - 1000)).empty());
  auto online = tx->open_reservations(at(kT0 + 20), std::nullopt, Page{});
  REQUIRE(online.size() == 1);
  CHECK(online[0].id == r1.id);
  CHECK(online[0].tariff_snapshot.empty());
  CHECK(tx->open_reservations(at(kT0), card.id, Page{}).size() == 2);

  tx->close_reservation(r1.id, ReservationState::settled, at(kT0 + 60));
  CHECK(tx->find_reservation(r1.id)->state == ReservationState::settled);
  CHECK(tx->expire_reservations(at(kT0 + 50), 100) == 2);  // r2 and r3
  CHECK(tx->find_reservation(r3.id)->state == ReservationState::expired);
  auto after = tx->card_for_call(card.id, SessionKey{"nas1", "call-1"}, at(kT0), RowLock::none);
  CHECK(after->open_calls == 0);
  CHECK(after->existing_state == ReservationState::settled);
  tx->commit();
}

TEST_CASE_TEMPLATE_DEFINE("CDRs are unique per (nas, session) and listed newest first", B,
                          store_cdrs) {
  // Proves the duplicate-Stop guard writes nothing and the list filters hold.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  Card card = make_card("700000000001", "1");
  tx->insert_card(card);
  Cdr first = make_cdr(card, "nas1", "s1", kT0, "4420");
  Cdr second = make_cdr(card, "nas1", "s2", kT0 + 100, "3592");
  second.buy_cost = money("0.01");
  CHECK(tx->insert_cdr(first));
  CHECK(tx->insert_cdr(second));
  Cdr again = make_cdr(card, "nas1", "s1", kT0 + 5, "4420");
  again.price = money("123");
  CHECK_FALSE(tx->insert_cdr(again));
  auto stored = tx->find_cdr(SessionKey{"nas1", "s1"});
  REQUIRE(stored);
  CHECK(stored->price == first.price);
  CHECK(stored->rating_detail == first.rating_detail);
  CHECK_FALSE(stored->buy_cost);
  CHECK(tx->find_cdr(SessionKey{"nas1", "s2"})->buy_cost == money("0.01"));
  CdrFilter f;
  auto all = tx->list_cdrs(f, Page{});
  REQUIRE(all.size() == 2);
  CHECK(all[0].key.session_id == "s2");
  f.digits_prefix = "44";
  CHECK(tx->list_cdrs(f, Page{}).size() == 1);
  f.digits_prefix.clear();
  f.from = at(kT0 + 1);
  CHECK(tx->list_cdrs(f, Page{}).size() == 1);
  f.to = at(kT0 + 100);
  CHECK(tx->list_cdrs(f, Page{}).empty());
  f = CdrFilter{};
  f.card = card.id + 1000;
  CHECK(tx->list_cdrs(f, Page{}).empty());
}

TEST_CASE_TEMPLATE_DEFINE("CDR sums per slice of UTC and currency equal a plain recomputation", B,
                          store_cdr_sums) {
  // Proves sum_cdrs counts calls and sums billed seconds and prices exactly, per slice and
  // currency, under every filter, against a loop over 400 random CDRs (seed printed).
  B backend;
  Store& store = *backend.store;
  const std::uint64_t seed = property_seed(20261207);
  MESSAGE("store_cdr_sums: PREPAID_PROPERTY_SEED=" << seed);
  std::mt19937_64 rng(seed);
  const std::vector<std::string> currencies{"EUR", "USD", "BGN"};
  const std::vector<std::string> numbers{"4420123", "359888", "4477001", "33612"};
  std::vector<Cdr> cdrs;
  {
    auto tx = store.begin();
    Card a = make_card("700000000001", "1");
    Card b = make_card("700000000002", "1");
    tx->insert_card(a);
    tx->insert_card(b);
    for (int i = 0; i < 400; ++i) {
      std::int64_t when = kT0 + static_cast<std::int64_t>(rng() % (3 * 86400));
      if (i % 8 == 0)  // on a quarter hour, or the second before one
        when = kT0 + static_cast<std::int64_t>(rng() % 288) * 900 - (i % 16 == 0 ? 1 : 0);
      Cdr c = make_cdr(rng() % 3 ? a : b, "nas1", "s" + std::to_string(i), when,
                       numbers[rng() % numbers.size()]);
      c.currency = currencies[rng() % currencies.size()];
      c.price = rating::Money::from_micros(
          i % 7 == 0 ? 0 : static_cast<std::int64_t>(rng() % 5'000'000'000ULL));
      c.billed_s = static_cast<std::uint32_t>(rng() % 7200);
      if (rng() % 4 == 0) c.flag(kReviewOverrun);
      REQUIRE(tx->insert_cdr(c));
      cdrs.push_back(c);
    }
    tx->commit();
  }
  auto expected = [&](const CdrFilter& f, std::uint32_t slice_s) {
    std::map<std::pair<std::int64_t, std::string>, CdrSlice> sums;
    for (const Cdr& c : cdrs) {
      if (f.from && c.call_at < *f.from) continue;
      if (f.to && c.call_at >= *f.to) continue;
      if (f.card && c.card_id != *f.card) continue;
      if (c.digits.rfind(f.digits_prefix, 0) != 0) continue;
      if (f.review_only && c.review.empty()) continue;
      const std::int64_t slice = c.call_at.time_since_epoch().count() / slice_s;
      CdrSlice& s = sums[{slice, c.currency}];
      s.slice = slice;
      s.currency = c.currency;
      s.calls += 1;
      s.billed_s += c.billed_s;
      s.price = rating::Money::from_micros(s.price.micros() + c.price.micros());
    }
    std::vector<CdrSlice> out;
    for (const auto& [key, s] : sums) out.push_back(s);
    return out;
  };
  std::vector<CdrFilter> filters(6);
  filters[1].card = cdrs[0].card_id;
  filters[2].digits_prefix = "44";
  filters[3].review_only = true;
  filters[4].from = at(kT0 + 3600 + 7);
  filters[4].to = at(kT0 + 86400 + 900);
  filters[5] = filters[4];
  filters[5].card = cdrs[0].card_id;
  filters[5].digits_prefix = "4477";
  auto tx = store.begin();
  for (std::size_t i = 0; i < filters.size(); ++i) {
    for (std::uint32_t slice_s : {900u, 3600u, 60u, 1u, 86400u}) {
      CAPTURE(i);
      CAPTURE(slice_s);
      const auto want = expected(filters[i], slice_s);
      const auto got = tx->sum_cdrs(filters[i], slice_s);
      CHECK(got == want);
      CHECK_FALSE(want.empty());
    }
  }
  CdrFilter none;
  none.from = at(kT0 - 86400);
  none.to = at(kT0 - 1);  // the earliest CDR may be at kT0 - 1
  CHECK(tx->sum_cdrs(none, 900).empty());
}

TEST_CASE_TEMPLATE_DEFINE("tariffs, price lists, rates, rules and holidays", B, store_tariffs) {
  // Proves tariff contents round-trip, lists are replaced whole, versions bump.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  TariffRecord t = make_tariff("retail");
  tx->insert_tariff(t);
  TariffRecord again = make_tariff("retail");
  CHECK_THROWS_AS(tx->insert_tariff(again), StoreDuplicate);
  std::vector<rating::Rate> base{make_rate("44", "UK", "0.10"),
                                 make_rate("4420", "London", "0.05")};
  base[1].buy_rate = money("0.02");
  tx->replace_price_list(t.id, "base", base);
  tx->replace_price_list(t.id, "evening", {make_rate("44", "UK evening", "0.04")});
  CHECK(tx->list_rates(t.id, "base") == base);
  tx->replace_price_list(t.id, "base", {make_rate("359", "Bulgaria", "0.20")});
  auto lists = tx->list_price_lists(t.id);
  REQUIRE(lists.size() == 2);
  CHECK(lists[0].name == "base");
  CHECK(lists[0].rate_count == 1);
  CHECK(tx->list_rates(t.id, "base").at(0).prefix == "359");
  CHECK(tx->upsert_rate(t.id, "base", make_rate("359", "Bulgaria", "0.25")));
  CHECK(tx->upsert_rate(t.id, "base", make_rate("3598", "Bulgaria mobile", "0.30")));
  CHECK_FALSE(tx->upsert_rate(t.id, "nolist", make_rate("1", "x", "1")));
  CHECK(tx->list_rates(t.id, "base").at(0).rate == money("0.25"));
  CHECK(tx->delete_rate(t.id, "base", "3598"));
  CHECK_FALSE(tx->delete_rate(t.id, "base", "3598"));

  rating::PriceRule evening;
  evening.name = "evening";
  evening.price_list = "evening";
  evening.weekdays = rating::Weekdays::from_bits(0x1f);
  evening.time = rating::TimeOfDayRange{18 * 3600, 8 * 3600};
  evening.priority = 2;
  tx->insert_rule(t.id, evening);
  CHECK_THROWS_AS(tx->insert_rule(t.id, evening), StoreDuplicate);
  rating::Holiday xmas{0, 12, 25, "Christmas"};
  tx->insert_holiday(t.id, xmas);
  CHECK_THROWS_AS(tx->insert_holiday(t.id, xmas), StoreDuplicate);
  tx->insert_holiday(t.id, rating::Holiday{2026, 12, 24, "Eve"});

  const auto v = tx->bump_tariff_version(t.id, at(kT0 + 5));
  CHECK(v == t.version + 1);
  auto content = tx->load_tariff("retail");
  REQUIRE(content);
  CHECK(content->header.version == v);
  CHECK(content->header.updated_at == at(kT0 + 5));
  REQUIRE(content->lists.size() == 2);
  CHECK(content->rules == std::vector<rating::PriceRule>{evening});
  REQUIRE(content->holidays.size() == 2);
  CHECK(tx->delete_rule(t.id, "evening"));
  CHECK_FALSE(tx->delete_rule(t.id, "evening"));
  CHECK(tx->delete_holiday(t.id, xmas));
  CHECK(tx->delete_price_list(t.id, "evening"));
  CHECK_FALSE(tx->delete_price_list(t.id, "evening"));
  tx->commit();
  auto tx2 = store.begin();
  auto reloaded = tx2->load_tariff("retail");
  CHECK(reloaded->lists.size() == 1);
  CHECK(reloaded->rules.empty());
  CHECK(reloaded->holidays.size() == 1);
  CHECK(tx2->list_tariffs().size() == 1);
  CHECK_FALSE(tx2->load_tariff("wholesale"));
}

TEST_CASE_TEMPLATE_DEFINE("operators, API tokens and the audit log", B, store_operators) {
  // Proves operator uniqueness, token revocation (also by removing the operator), audit filters.
  B backend;
  Store& store = *backend.store;
  auto tx = store.begin();
  Operator alice{0, "alice", Role::administrator, at(kT0)};
  tx->insert_operator(alice);
  Operator dup = alice;
  CHECK_THROWS_AS(tx->insert_operator(dup), StoreDuplicate);
  Operator bob{0, "bob", Role::operator_, at(kT0)};
  tx->insert_operator(bob);
  tx->update_operator_role("bob", Role::administrator);
  CHECK(tx->find_operator("bob")->role == Role::administrator);
  CHECK(tx->list_operators().size() == 2);
  ApiToken t1{0, "bob", "web", std::string(64, 'a'), at(kT0), std::nullopt};
  ApiToken t2{0, "alice", "cli", std::string(64, 'b'), at(kT0), std::nullopt};
  tx->insert_token(t1);
  tx->insert_token(t2);
  CHECK(tx->find_token(std::string(64, 'a'))->operator_name == "bob");
  CHECK(tx->list_tokens("").size() == 2);
  CHECK(tx->revoke_token(t2.id, at(kT0 + 1)));
  CHECK_FALSE(tx->revoke_token(t2.id, at(kT0 + 2)));
  CHECK(tx->delete_operator("bob", at(kT0 + 3)));
  CHECK_FALSE(tx->delete_operator("bob", at(kT0 + 3)));
  CHECK(tx->find_token(std::string(64, 'a'))->revoked_at == at(kT0 + 3));
  CHECK_FALSE(tx->find_operator("bob"));

  AuditEntry a{0,
               at(kT0),
               "alice",
               Role::administrator,
               "127.0.0.1",
               "card.recharge",
               "card:1",
               R"({"balance":"1"})",
               R"({"balance":"2"})"};
  AuditEntry b{
      0,         at(kT0 + 10), "carol",         Role::operator_, "api 10.0.0.1", "batch.create",
      "batch:7", "{}",         R"({"count":3})"};
  tx->insert_audit(a);
  tx->insert_audit(b);
  AuditFilter f;
  auto rows = tx->list_audit(f, Page{});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].action == "batch.create");
  CHECK(rows[1].before == R"({"balance":"1"})");
  f.action_prefix = "card.";
  CHECK(tx->list_audit(f, Page{}).size() == 1);
  f.action_prefix = "card%";  // wildcard is literal
  CHECK(tx->list_audit(f, Page{}).empty());
  f = AuditFilter{};
  f.actor = "carol";
  CHECK(tx->list_audit(f, Page{}).at(0).role == Role::operator_);
  f = AuditFilter{};
  f.object = "card:1";
  f.from = at(kT0);
  f.to = at(kT0 + 1);
  CHECK(tx->list_audit(f, Page{}).size() == 1);
}

TEST_CASE_TEMPLATE_DEFINE("SQL metacharacters in every string are stored verbatim", B,
                          store_metacharacters) {
  // Proves values are bound, never spliced into SQL: hostile text round-trips unchanged.
  B backend;
  Store& store = *backend.store;
  const std::string evil = "x'); DROP TABLE card; -- \" \\ % _ `";
  auto tx = store.begin();
  TariffRecord t = make_tariff("retail");
  tx->insert_tariff(t);
  tx->replace_price_list(t.id, "base", {make_rate("44", evil, "0.10")});
  CHECK(tx->list_rates(t.id, "base").at(0).destination == evil);
  Card card = make_card("800000000001", "1");
  tx->insert_card(card);
  Reservation r = make_reservation(card.id, evil.substr(0, 30), evil);
  r.calling = evil;
  tx->insert_reservation(r);
  CHECK(tx->find_reservation(SessionKey{evil.substr(0, 30), evil})->calling == evil);
  Cdr cdr = make_cdr(card, "nas", evil);
  cdr.disconnect_cause = evil;
  cdr.rating_detail = evil;
  CHECK(tx->insert_cdr(cdr));
  CHECK(tx->find_cdr(SessionKey{"nas", evil})->rating_detail == evil);
  AuditEntry a{0, at(kT0), evil, Role::administrator, evil, "card.x", evil, evil, evil};
  tx->insert_audit(a);
  CHECK(tx->list_audit(AuditFilter{}, Page{}).at(0).object == evil);
  CHECK_FALSE(tx->find_card(evil, true));
  CHECK_FALSE(tx->find_operator(evil));
  CHECK(tx->count_cards(CardFilter{}) == 1);
}

}  // namespace prepaid::billing::testing

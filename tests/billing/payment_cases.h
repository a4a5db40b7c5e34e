#pragma once
/// @file payment_cases.h
/// @brief PaymentService cases (payments of booth calls, unserved calls, undos, receipt
/// numbers), templates over the store backend.

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "billing/shops/payment_service.h"
#include "billing/shops/shift_text.h"
#include "booth_session_cases.h"

namespace prepaid::billing::testing {

/// BoothWorld with a PaymentService, a second operator of corner (petra), and calls made from
/// booth 5550001 (0.06 per minute, per second).
template <class B>
struct PaymentWorld : BoothWorld<B> {
  PaymentService payments{this->w.backend.store, this->w.clock};
  const Actor petra{"petra", Role::operator_, "cli"};
  PaymentWorld() {
    REQUIRE(this->ops.add(Actor::system("cli"), "petra", Role::operator_));
    REQUIRE(this->shops.assign_operator(this->alice, "petra", "corner"));
  }
  /// A call of `seconds` from `booth`, ended: its CDR's id.
  CdrId made_call(const std::string& session, std::uint32_t seconds,
                  const std::string& booth = "5550001") {
    const CallDecision d =
        this->w.calls.authorize_call(this->w.request(booth, "00359888123456", session));
    REQUIRE(d.code == ReturnCode::ok);
    this->w.clock->advance(std::chrono::seconds(seconds + 5));
    REQUIRE(this->w.calls.record_accounting(this->w.event(AccountingKind::stop, session, seconds))
                .outcome == AccountingOutcome::recorded);
    auto tx = this->w.backend.store->begin();
    auto cdr = tx->find_cdr(SessionKey{"10.0.0.1", session});
    tx->commit();
    REQUIRE(cdr);
    return cdr->id;
  }
  PayRequest cash(std::vector<CdrId> calls, const char* tendered = nullptr) {
    PayRequest r;
    r.booth = "5550001";
    r.calls = std::move(calls);
    if (tendered) r.tendered = money(tendered);
    return r;
  }
  rating::Money expected_cash() {
    auto open = this->shifts.list(this->olga, ShiftFilter{"corner", true}, Page{});
    REQUIRE(open);
    for (const auto& s : *open)
      if (s.operator_name == "olga") return this->shifts.report(this->olga, s.id)->expected;
    FAIL("olga has no open shift");
    return rating::Money();
  }
};

template <class R>
void refused_with(const R& result, ErrorCode code, const std::string& says) {
  REQUIRE_FALSE(result);
  CHECK(result.problem().code == code);
  CHECK_MESSAGE(result.problem().message.find(says) != std::string::npos, result.problem().message);
}

TEST_CASE_TEMPLATE_DEFINE("a payment pays the calls it names once, with a numbered receipt", B,
                          payments_take) {
  // Proves a cash payment (extras, the shop's rounding up to 0.05, tendered and change), a card
  // payment, the calls' prices back on the booth's account, the cash in the till, receipts 1
  // and 2 reprinted as issued, the list, the audit rows and a balanced ledger.
  PaymentWorld<B> p;
  REQUIRE(p.shifts.open(p.olga, "", money("10.00")));
  REQUIRE(p.shifts.open(p.petra, "", money("0")));
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::prepaid, money("5.00")));
  const CdrId c1 = p.made_call("c1", 60);   // 0.06
  const CdrId c2 = p.made_call("c2", 120);  // 0.12
  CHECK(p.w.card("5550001").balance == money("4.82"));

  PayRequest first = p.cash({c1}, "2.00");
  first.extras = {ExtraItem{"Coffee", money("1.00"), 1}};
  auto paid = p.payments.pay(p.olga, first);
  REQUIRE(paid);
  const Payment& one = paid->payment;
  CHECK(one.receipt_number == 1);
  CHECK(one.calls_total == money("0.06"));
  CHECK(one.extras_total == money("1.00"));
  CHECK(one.rounding == money("0.04"));  // 1.06 up to 1.10
  CHECK(one.total == money("1.10"));
  CHECK(one.paid == money("1.10"));
  CHECK(one.change == money("0.90"));
  CHECK(one.method == PaymentMethod::cash);
  CHECK_FALSE(one.final);
  CHECK(paid->shop == "corner");
  CHECK(paid->booth == "5550001");
  CHECK(p.w.card("5550001").balance == money("4.88"));  // c1's 0.06 back on the account
  CHECK(p.expected_cash() == money("16.10"));           // float + deposit + 1.10
  CHECK(one.receipt_text_40.find("Coffee                              1.00\n") !=
        std::string::npos);
  CHECK(one.receipt_text_40.find("TOTAL EUR                           1.10\n") !=
        std::string::npos);

  const std::string after_first = p.fingerprint();
  refused_with(p.payments.pay(p.olga, p.cash({c1})), ErrorCode::failed_precondition,
               "already paid");
  CHECK(p.fingerprint() == after_first);

  PayRequest by_card = p.cash({c2});
  by_card.method = PaymentMethod::card;
  auto second = p.payments.pay(p.petra, by_card);
  REQUIRE(second);
  CHECK(second->payment.receipt_number == 2);
  CHECK(second->payment.total == money("0.15"));
  CHECK(second->payment.paid == money("0.15"));
  CHECK(second->payment.change == money("0"));
  CHECK(p.expected_cash() == money("16.10"));  // a card payment is no cash

  auto reprint = p.payments.receipt(p.olga, "corner", 1);
  REQUIRE(reprint);
  CHECK(reprint->payment.receipt_text_40 == one.receipt_text_40);
  CHECK(reprint->payment.receipt_text_48 == one.receipt_text_48);
  CHECK(reprint->payment.receipt_json == one.receipt_json);
  refused_with(p.payments.receipt(p.olga, "corner", 3), ErrorCode::not_found, "no receipt 3");
  refused_with(p.payments.receipt(p.ivan, "corner", 1), ErrorCode::forbidden, "corner");
  auto listed = p.payments.list(p.olga, PaymentQuery{}, Page{});
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  CHECK(listed->at(0).payment.receipt_number == 2);
  CHECK(p.payments.list(p.ivan, PaymentQuery{}, Page{})->empty());
  CHECK(p.w.ledger_mismatches().empty());
  AuditLog audit(p.w.backend.store);
  auto rows = audit.list(p.alice, AuditFilter{{}, {}, "", "payment.", ""}, Page{});
  REQUIRE(rows);
  CHECK(rows->size() == 2);
}

TEST_CASE_TEMPLATE_DEFINE("a payment's preview has the payment's amounts and writes nothing", B,
                          payments_preview) {
  // Proves a preview works a payment out as the payment itself (calls, extras, the shop's
  // rounding, tendered, change; a card; no tendered: exactly what is due) without writing
  // anything, and is refused by the same checks with the same message.
  PaymentWorld<B> p;
  REQUIRE(p.shifts.open(p.olga, "", money("10.00")));
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::prepaid, money("5.00")));
  const CdrId c1 = p.made_call("c1", 60);   // 0.06
  const CdrId c2 = p.made_call("c2", 120);  // 0.12

  PayRequest ask = p.cash({c1, c2}, "2.00");
  ask.extras = {ExtraItem{"Coffee", money("0.75"), 2}};
  PayRequest look = ask;
  look.preview = true;
  const std::string before = p.fingerprint();
  auto preview = p.payments.pay(p.olga, look);
  REQUIRE(preview);
  CHECK(p.fingerprint() == before);
  CHECK(preview->payment.id == 0);
  CHECK(preview->payment.receipt_number == 0);
  CHECK(preview->payment.total == money("1.70"));  // 0.18 + 1.50 = 1.68 up to 1.70
  CHECK(preview->payment.change == money("0.30"));

  for (const char* short_by : {"1.00", "1.69"}) {
    PayRequest low = look;
    low.tendered = money(short_by);
    PayRequest real_low = ask;
    real_low.tendered = money(short_by);
    auto refused = p.payments.pay(p.olga, low);
    REQUIRE_FALSE(refused);
    CHECK(refused.problem().message == p.payments.pay(p.olga, real_low).problem().message);
    CHECK(refused.problem().field == "tendered");
  }
  PayRequest card = look;
  card.method = PaymentMethod::card;
  card.tendered.reset();
  auto by_card = p.payments.pay(p.olga, card);
  REQUIRE(by_card);
  CHECK(by_card->payment.paid == money("1.70"));
  CHECK(by_card->payment.change == money("0"));
  CHECK(p.fingerprint() == before);

  auto paid = p.payments.pay(p.olga, ask);
  REQUIRE(paid);
  const Payment& a = paid->payment;
  const Payment& b = preview->payment;
  CHECK(a.receipt_number == 1);  // the preview took no number
  CHECK(std::make_tuple(a.calls_total, a.extras_total, a.rounding, a.total, a.deposit_applied,
                        a.deposit_returned, a.tendered, a.paid, a.change, a.call_count, a.method) ==
        std::make_tuple(b.calls_total, b.extras_total, b.rounding, b.total, b.deposit_applied,
                        b.deposit_returned, b.tendered, b.paid, b.change, b.call_count, b.method));
  CHECK(preview->shop == paid->shop);
  CHECK(preview->booth == paid->booth);
  const std::string after = p.fingerprint();
  refused_with(p.payments.pay(p.olga, look), ErrorCode::failed_precondition, "already paid");
  CHECK(p.fingerprint() == after);
}

TEST_CASE_TEMPLATE_DEFINE("bad payments are refused, say why and change nothing", B,
                          payments_refusals) {
  // Proves each refusal of a payment names its problem and leaves the store as it was: no
  // open shift, another shop's operator, a booth not open, a call of another shop's booth, of
  // an earlier session, a call in progress, an unknown or twice-named call, a negative,
  // sub-cent or short cash amount, a card amount other than due, an unserved call.
  PaymentWorld<B> p;
  const std::string start = p.fingerprint();
  refused_with(p.payments.pay(p.olga, p.cash({1})), ErrorCode::failed_precondition,
               "no open shift");
  CHECK(p.fingerprint() == start);
  REQUIRE(p.shifts.open(p.olga, "", money("10.00")));
  REQUIRE(p.shifts.open(p.ivan, "", money("10.00")));
  const std::string shifts_open = p.fingerprint();
  refused_with(p.payments.pay(p.olga, p.cash({1})), ErrorCode::failed_precondition, "not open");
  // An earlier session's call.
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::postpaid, money("1.00")));
  const CdrId old = p.made_call("old", 60);
  REQUIRE(p.sessions.close(p.olga, "5550001"));
  p.w.clock->advance(std::chrono::seconds(60));
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::prepaid, money("5.00")));
  // A call of the other shop's booth.
  REQUIRE(p.sessions.open(p.ivan, "5550009", SessionKind::prepaid, money("1.00")));
  const CdrId theirs = p.made_call("theirs", 60, "5550009");
  const CdrId c1 = p.made_call("c1", 60);
  const CdrId c2 = p.made_call("c2", 120);
  const std::string ready = p.fingerprint();
  CHECK(ready != shifts_open);

  refused_with(p.payments.pay(p.ivan, p.cash({c1})), ErrorCode::forbidden,
               "does not work at shop 'corner'");
  refused_with(p.payments.pay(p.olga, p.cash({theirs})), ErrorCode::failed_precondition,
               "not made from booth 5550001");
  refused_with(p.payments.pay(p.olga, p.cash({old})), ErrorCode::failed_precondition,
               "not of booth 5550001's open session");
  refused_with(p.payments.pay(p.olga, p.cash({999999})), ErrorCode::not_found, "no call 999999");
  refused_with(p.payments.pay(p.olga, p.cash({c1, c1})), ErrorCode::invalid_argument,
               "named twice");
  refused_with(p.payments.pay(p.olga, p.cash({})), ErrorCode::invalid_argument, "name the calls");
  refused_with(p.payments.pay(p.olga, p.cash({c1}, "-1.00")), ErrorCode::invalid_argument,
               "tendered");
  refused_with(p.payments.pay(p.olga, p.cash({c1}, "1.005")), ErrorCode::invalid_argument,
               "tendered");
  refused_with(p.payments.pay(p.olga, p.cash({c1, c2}, "0.10")), ErrorCode::invalid_argument,
               "less than the 0.20 EUR to pay");
  PayRequest card = p.cash({c1}, "1.00");
  card.method = PaymentMethod::card;
  refused_with(p.payments.pay(p.olga, card), ErrorCode::invalid_argument, "a card pays exactly");
  PayRequest bad_extra = p.cash({c1});
  bad_extra.extras = {ExtraItem{"Coffee", money("1.00"), 0}};
  refused_with(p.payments.pay(p.olga, bad_extra), ErrorCode::invalid_argument, "quantity");
  CHECK(p.fingerprint() == ready);

  // A call in progress on the booth.
  REQUIRE(p.w.calls.authorize_call(p.w.request("5550001", "00359888123456", "busy")).code ==
          ReturnCode::ok);
  const std::string busy = p.fingerprint();
  refused_with(p.payments.pay(p.olga, p.cash({c1})), ErrorCode::failed_precondition,
               "call in progress");
  CHECK(p.fingerprint() == busy);
  p.w.clock->advance(std::chrono::seconds(5));
  REQUIRE(p.w.calls.record_accounting(p.w.event(AccountingKind::stop, "busy", 0)).outcome ==
          AccountingOutcome::recorded);

  // An unserved call.
  REQUIRE(p.payments.mark_unserved(p.olga, c2, "bad line"));
  const std::string marked = p.fingerprint();
  refused_with(p.payments.pay(p.olga, p.cash({c2})), ErrorCode::failed_precondition, "unserved");
  refused_with(p.payments.mark_unserved(p.olga, c2, "again"), ErrorCode::failed_precondition,
               "unserved");
  refused_with(p.payments.mark_unserved(p.olga, c1, ""), ErrorCode::invalid_argument, "reason");
  refused_with(p.payments.mark_unserved(p.ivan, c1, "wrong number"), ErrorCode::forbidden,
               "corner");
  CHECK(p.fingerprint() == marked);
}

TEST_CASE_TEMPLATE_DEFINE("unserved calls and payments are undone by administrators only", B,
                          payments_undo) {
  // Proves an unserved call's price goes back on the account and is taken again when an
  // administrator undoes the mark; an undone payment's calls are unpaid again, its cash given
  // back out of the till, its audit row written; operators may undo neither; undoing twice is
  // refused; the ledger stays balanced.
  PaymentWorld<B> p;
  REQUIRE(p.shifts.open(p.olga, "", money("10.00")));
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::prepaid, money("5.00")));
  const CdrId c1 = p.made_call("c1", 60);   // 0.06
  const CdrId c2 = p.made_call("c2", 120);  // 0.12
  auto marked = p.payments.mark_unserved(p.olga, c1, "wrong number");
  REQUIRE(marked);
  CHECK(marked->state == CallCounterState::unserved);
  CHECK(p.w.card("5550001").balance == money("4.88"));  // 5.00 − 0.12: c1 is not charged

  const std::string with_mark = p.fingerprint();
  refused_with(p.payments.undo_unserved(p.olga, c1, "my mistake"), ErrorCode::forbidden, "");
  refused_with(p.payments.undo_unserved(p.alice, c2, "my mistake"), ErrorCode::failed_precondition,
               "not unserved");
  CHECK(p.fingerprint() == with_mark);
  auto unmarked = p.payments.undo_unserved(p.alice, c1, "the call was fine");
  REQUIRE(unmarked);
  CHECK(unmarked->state == CallCounterState::unpaid);
  CHECK(p.w.card("5550001").balance == money("4.82"));

  auto paid = p.payments.pay(p.olga, p.cash({c1, c2}, "1.00"));
  REQUIRE(paid);
  CHECK(paid->payment.paid == money("0.20"));  // 0.18 up to 0.20
  CHECK(p.expected_cash() == money("15.20"));
  const PaymentId id = paid->payment.id;
  const std::string with_payment = p.fingerprint();
  refused_with(p.payments.undo(p.olga, id, "customer complained"), ErrorCode::forbidden, "");
  refused_with(p.payments.undo(p.alice, id, ""), ErrorCode::invalid_argument, "reason");
  refused_with(p.payments.undo(p.alice, id + 1000, "x"), ErrorCode::not_found, "no payment");
  CHECK(p.fingerprint() == with_payment);
  auto undone = p.payments.undo(p.alice, id, "customer complained");
  REQUIRE(undone);
  CHECK(undone->payment.undone());
  CHECK(undone->payment.undo_reason == "customer complained");
  CHECK(p.expected_cash() == money("15.00"));  // the 0.20 handed back
  CHECK(p.w.card("5550001").balance == money("4.82"));
  refused_with(p.payments.undo(p.alice, id, "again"), ErrorCode::failed_precondition,
               "already undone");
  auto again = p.payments.pay(p.olga, p.cash({c1, c2}));
  REQUIRE(again);
  CHECK(again->payment.receipt_number == 2);
  CHECK(p.w.ledger_mismatches().empty());
  AuditLog audit(p.w.backend.store);
  CHECK(audit.list(p.alice, AuditFilter{{}, {}, "alice", "payment.undo", ""}, Page{})->size() == 1);
  CHECK(audit.list(p.alice, AuditFilter{{}, {}, "", "call.unserved", ""}, Page{})->size() == 2);
}

TEST_CASE_TEMPLATE_DEFINE("receipt numbers have no gaps: a rolled-back number is taken again", B,
                          payments_receipt_numbers) {
  // Proves a receipt number taken in a transaction that rolls back is given back (the next
  // payment gets it), numbers are per shop, and a refused payment takes none.
  PaymentWorld<B> p;
  REQUIRE(p.shifts.open(p.olga, "", money("10.00")));
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::prepaid, money("5.00")));
  const CdrId c1 = p.made_call("c1", 60);
  const CdrId c2 = p.made_call("c2", 60);
  const ShopId corner = p.shops.show_shop(p.alice, "corner")->id;
  const ShopId station = p.shops.show_shop(p.alice, "station")->id;
  {
    auto tx = p.w.backend.store->begin();
    CHECK(tx->next_receipt_number(corner) == 1);
    CHECK(tx->next_receipt_number(corner) == 2);
    CHECK(tx->next_receipt_number(station) == 1);
  }                                                             // rolled back
  REQUIRE_FALSE(p.payments.pay(p.olga, p.cash({c1}, "0.01")));  // short: refused
  auto first = p.payments.pay(p.olga, p.cash({c1}));
  REQUIRE(first);
  CHECK(first->payment.receipt_number == 1);
  auto second = p.payments.pay(p.olga, p.cash({c2}));
  REQUIRE(second);
  CHECK(second->payment.receipt_number == 2);
  auto tx = p.w.backend.store->begin();
  CHECK(tx->next_receipt_number(station) == 1);
}

TEST_CASE_TEMPLATE_DEFINE("two counters paying the same call at once pay it once", B,
                          payments_race) {
  // Proves that when olga and petra pay the same calls at the same moment from two threads,
  // each call is paid by exactly one payment and the other counter is refused.
  PaymentWorld<B> p;
  REQUIRE(p.shifts.open(p.olga, "", money("10.00")));
  REQUIRE(p.shifts.open(p.petra, "", money("10.00")));
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::postpaid, money("20.00")));
  std::vector<CdrId> calls;
  for (int i = 0; i < 8; ++i) calls.push_back(p.made_call("race" + std::to_string(i), 60));
  for (CdrId call : calls) {
    std::atomic<int> ready{0};
    std::atomic<int> paid{0};
    std::atomic<int> refused{0};
    auto counter = [&](const Actor& who) {
      ready.fetch_add(1);
      while (ready.load() < 2) std::this_thread::yield();
      auto r = p.payments.pay(who, p.cash({call}));
      if (r)
        paid.fetch_add(1);
      else if (r.problem().code == ErrorCode::failed_precondition)
        refused.fetch_add(1);
    };
    std::thread a(counter, std::cref(p.olga));
    std::thread b(counter, std::cref(p.petra));
    a.join();
    b.join();
    CHECK(paid.load() == 1);
    CHECK(refused.load() == 1);
  }
  auto listed = p.payments.list(p.alice, PaymentQuery{"corner", {}}, Page{});
  REQUIRE(listed);
  CHECK(listed->size() == calls.size());
  CHECK(p.w.ledger_mismatches().empty());
}

/// A line of a 40-column printout: `left`, spaces, `right`.
inline std::string line40(const std::string& left, const std::string& right) {
  return left + std::string(40 - left.size() - right.size(), ' ') + right + "\n";
}

TEST_CASE_TEMPLATE_DEFINE("the shift report counts calls, revenue by method and cash to the cent",
                          B, payments_shift_report) {
  // Proves the shift report's counter by hand: calls and minutes, paid / unserved / unpaid
  // (count and amount), payments and revenue by method (cash, card, deposit), extras and
  // rounding, cash tendered and change, expected against counted; and its 40-column printout.
  PaymentWorld<B> p;
  auto opened = p.shifts.open(p.olga, "", money("10.00"));
  REQUIRE(opened);
  const ShiftId shift = opened->shift.id;
  REQUIRE(p.sessions.open(p.olga, "5550001", SessionKind::prepaid, money("5.00")));
  const CdrId c1 = p.made_call("c1", 60);   // 0.06
  const CdrId c2 = p.made_call("c2", 120);  // 0.12
  const CdrId c3 = p.made_call("c3", 30);   // 0.03
  p.made_call("c4", 90);                    // 0.09, left to the checkout
  PayRequest coffee = p.cash({c1}, "2.00");
  coffee.extras = {ExtraItem{"Coffee", money("1.00"), 1}};
  REQUIRE(p.payments.pay(p.olga, coffee));  // 1.06 up to 1.10, change 0.90
  REQUIRE(p.payments.mark_unserved(p.olga, c2, "wrong number"));
  PayRequest card = p.cash({c3});
  card.method = PaymentMethod::card;
  REQUIRE(p.payments.pay(p.olga, card));  // 0.03 up to 0.05

  auto mid = p.shifts.report(p.olga, shift);
  REQUIRE(mid);
  const ShiftCounter& k = mid->counter;
  CHECK(k.calls.count == 4);
  CHECK(k.calls.seconds == 300);
  CHECK(k.calls.amount == money("0.30"));
  CHECK(k.paid.count == 2);
  CHECK(k.paid.amount == money("0.09"));
  CHECK(k.unserved.count == 1);
  CHECK(k.unserved.seconds == 120);
  CHECK(k.unserved.amount == money("0.12"));
  CHECK(k.unpaid.count == 1);
  CHECK(k.unpaid.amount == money("0.09"));
  CHECK(k.payments == 2);
  CHECK(k.revenue == money("1.15"));
  CHECK(k.cash == money("1.10"));
  CHECK(k.card == money("0.05"));
  CHECK(k.deposits == money("0"));
  CHECK(k.extras == money("1.00"));
  CHECK(k.rounding == money("0.06"));
  CHECK(k.cash_tendered == money("2.00"));
  CHECK(k.change == money("0.90"));
  CHECK(mid->expected == money("16.10"));  // 10.00 + 5.00 deposit + 2.00 tendered − 0.90

  auto checkout = p.sessions.close(p.olga, "5550001");  // c4: 0.09 up to 0.10, from the deposit
  REQUIRE(checkout);
  CHECK(checkout->checkout->deposit_returned == money("4.90"));
  auto closed = p.shifts.close(p.olga, shift, money("11.00"));
  REQUIRE(closed);
  const ShiftCounter& e = closed->counter;
  CHECK(e.unpaid.count == 0);
  CHECK(e.paid.count == 3);
  CHECK(e.paid.seconds == 180);
  CHECK(e.paid.amount == money("0.18"));
  CHECK(e.payments == 3);
  CHECK(e.revenue == money("1.25"));
  CHECK(e.deposits == money("0.10"));
  CHECK(e.rounding == money("0.07"));
  CHECK(closed->expected == money("11.20"));  // 16.10 − 4.90 given back
  CHECK(closed->difference == money("-0.20"));

  auto text = p.shifts.printout(p.olga, shift, 40);
  REQUIRE(text);
  for (const auto& [left, right] :
       std::vector<std::pair<std::string, std::string>>{{"Calls", "4"},
                                                        {"Minutes", "5:00"},
                                                        {"Calls paid", "3  0.18"},
                                                        {"Calls unserved", "1  0.12"},
                                                        {"Calls unpaid", "0  0.00"},
                                                        {"Revenue EUR", "1.25"},
                                                        {"  paid in cash", "1.10"},
                                                        {"  paid by card", "0.05"},
                                                        {"  from deposits", "0.10"},
                                                        {"Opening float", "10.00"},
                                                        {"Cash in", "5.00"},
                                                        {"Cash tendered", "2.00"},
                                                        {"Change given", "-0.90"},
                                                        {"Cash out", "-4.90"},
                                                        {"Expected", "11.20"},
                                                        {"Counted", "11.00"},
                                                        {"Difference", "-0.20"}})
    CHECK_MESSAGE(text->find(line40(left, right)) != std::string::npos, left << "\n" << *text);
  refused_with(p.shifts.printout(p.olga, shift, 41), ErrorCode::invalid_argument, "40 or 48");
  auto wide = p.shifts.printout(p.olga, shift, 48);
  REQUIRE(wide);
  CHECK(wide->find(std::string(48, '-') + "\n") != std::string::npos);
}

}  // namespace prepaid::billing::testing

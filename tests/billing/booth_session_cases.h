#pragma once
/// @file booth_session_cases.h
/// @brief BoothSessionService cases and the grant that follows a booth's session, templates
/// over the store backend.

#include <doctest/doctest.h>

#include <string>

#include "billing/shops/booth_session_service.h"
#include "shift_service_cases.h"

namespace prepaid::billing::testing {

/// CounterWorld with booth 5550001 (PIN 4321) at corner, 5550009 at station, and a
/// BoothSessionService.
template <class B>
struct BoothWorld : CounterWorld<B> {
  BoothSessionService sessions{this->w.backend.store, this->w.clock};
  BoothWorld() {
    REQUIRE(
        this->shops.add_booth(this->alice, BoothRequest{"corner", "Cabin 1", "5550001", "4321"}));
    REQUIRE(
        this->shops.add_booth(this->alice, BoothRequest{"station", "Cabin 1", "5550009", "4321"}));
  }
  /// A call from booth 5550001 to Bulgaria (0.06/min, per second).
  CallDecision call(const std::string& session) {
    return this->w.calls.authorize_call(this->w.request("5550001", "00359888123456", session));
  }
};

TEST_CASE_TEMPLATE_DEFINE("a prepaid booth calls for what its deposit buys, until checkout", B,
                          booth_prepaid) {
  // Proves the booth's life: refused while free (code 7, "Booth not open"), open with a deposit
  // (a ledger row, cash in the shift), granted exactly what the deposit buys, in call,
  // awaiting checkout, checked out (the rest handed back, the account at zero, the ledger
  // balanced, the shift's expected cash right to the cent), refused again.
  BoothWorld<B> b;
  REQUIRE(b.shifts.open(b.olga, "", money("10.00")));
  const std::string free_state = b.fingerprint();
  const CallDecision closed = b.call("before");
  CHECK(closed.code == ReturnCode::disabled);
  CHECK(closed.reply_message == "Booth not open");
  CHECK(b.fingerprint() == free_state);
  CHECK(b.sessions.view(b.olga, "5550001")->state == BoothState::free);

  auto opened = b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("0.60"));
  REQUIRE(opened);
  CHECK(opened->state == BoothState::open);
  CHECK(opened->available == money("0.60"));
  CHECK(b.w.card("5550001").balance == money("0.60"));

  const CallDecision granted = b.call("first");
  REQUIRE(granted.code == ReturnCode::ok);
  CHECK(granted.granted_s == 600);  // 0.60 at 0.001 per second
  CHECK(granted.reserved == money("0.60"));
  CHECK(b.sessions.view(b.olga, "5550001")->state == BoothState::in_call);

  const std::string in_call = b.fingerprint();
  auto busy = b.sessions.close(b.olga, "5550001");
  REQUIRE_FALSE(busy);
  CHECK(busy.problem().code == ErrorCode::failed_precondition);
  CHECK(b.fingerprint() == in_call);

  b.w.clock->advance(std::chrono::seconds(70));
  REQUIRE(b.w.calls.record_accounting(b.w.event(AccountingKind::stop, "first", 60)).outcome ==
          AccountingOutcome::recorded);
  auto waiting = b.sessions.view(b.olga, "5550001");
  CHECK(waiting->state == BoothState::awaiting_checkout);
  CHECK(waiting->spent == money("0.06"));
  CHECK(waiting->available == money("0.54"));

  auto checkout = b.sessions.close(b.olga, "5550001");
  REQUIRE(checkout);
  CHECK(checkout->state == BoothState::free);
  CHECK(checkout->session->spent == money("0.06"));
  // The checkout rounds 0.06 up to corner's 0.05 step: 0.10 is kept, 0.50 handed back.
  CHECK(checkout->session->settled == money("-0.50"));
  REQUIRE(checkout->checkout);
  CHECK(checkout->checkout->receipt_number == 1);
  CHECK(checkout->checkout->total == money("0.10"));
  CHECK(b.w.card("5550001").balance == money("0"));
  CHECK(b.w.ledger_mismatches().empty());
  auto shift = b.shifts.list(b.olga, ShiftFilter{}, Page{});
  auto report = b.shifts.report(b.olga, shift->at(0).id);
  REQUIRE(report);
  CHECK(report->cash_in == money("0.60"));   // the deposit
  CHECK(report->cash_out == money("0.50"));  // its rest, handed back
  CHECK(report->expected == money("10.10"));

  const CallDecision after = b.call("after");
  CHECK(after.code == ReturnCode::disabled);
  CHECK(after.reply_message == "Booth not open");
}

TEST_CASE_TEMPLATE_DEFINE("a postpaid booth spends its limit and pays at checkout", B,
                          booth_postpaid) {
  // Proves a postpaid session's limit is the grant's, and that checkout collects what the
  // calls cost (cash in the shift) and puts the account back at zero with no credit limit.
  BoothWorld<B> b;
  REQUIRE(b.shifts.open(b.olga, "", money("0")));
  REQUIRE(b.sessions.open(b.olga, "5550001", SessionKind::postpaid, money("0.30")));
  CHECK(b.w.card("5550001").credit_limit == money("0.30"));
  const CallDecision granted = b.call("post-1");
  REQUIRE(granted.code == ReturnCode::ok);
  CHECK(granted.granted_s == 300);
  REQUIRE(b.w.calls.record_accounting(b.w.event(AccountingKind::stop, "post-1", 120)).outcome ==
          AccountingOutcome::recorded);
  CHECK(b.call("post-2").granted_s == 180);
  REQUIRE(b.w.calls.record_accounting(b.w.event(AccountingKind::stop, "post-2", 0)).outcome ==
          AccountingOutcome::recorded);
  auto checkout = b.sessions.close(b.olga, "5550001");
  REQUIRE(checkout);
  CHECK(checkout->session->spent == money("0.12"));
  CHECK(checkout->session->settled == money("0.15"));  // 0.12 up to the 0.05 step
  const Card account = b.w.card("5550001");
  CHECK(account.balance == money("0"));
  CHECK(account.credit_limit == money("0"));
  CHECK(b.w.ledger_mismatches().empty());
  auto report = b.shifts.report(b.olga, checkout->session->shift_id);
  CHECK(report->expected == money("0.15"));
}

TEST_CASE_TEMPLATE_DEFINE("bad booth session input is refused and changes nothing", B,
                          booth_refusals) {
  // Proves each refusal names its problem and leaves the store as it was: no open shift,
  // another shop's booth, negative or sub-cent amounts, a disabled booth, a booth already
  // open, closing a booth that is not open, an unknown booth.
  BoothWorld<B> b;
  const std::string start = b.fingerprint();
  auto refused = [&](const auto& result, ErrorCode code, const std::string& says = "") {
    REQUIRE_FALSE(result);
    CHECK(result.problem().code == code);
    CHECK_MESSAGE(result.problem().message.find(says) != std::string::npos,
                  result.problem().message);
  };
  refused(b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("5.00")),
          ErrorCode::failed_precondition, "no open shift");
  REQUIRE(b.shifts.open(b.olga, "", money("10.00")));
  const std::string open_shift = b.fingerprint();
  refused(b.sessions.open(b.olga, "5550009", SessionKind::prepaid, money("5.00")),
          ErrorCode::forbidden, "does not work at shop 'station'");
  refused(b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("-5.00")),
          ErrorCode::invalid_argument, "positive");
  refused(b.sessions.open(b.olga, "5550001", SessionKind::postpaid, money("0.005")),
          ErrorCode::invalid_argument, "minor unit");
  refused(b.sessions.open(b.olga, "7777", SessionKind::prepaid, money("1.00")),
          ErrorCode::not_found);
  refused(b.sessions.close(b.olga, "5550001"), ErrorCode::failed_precondition, "not open");
  refused(b.sessions.view(b.olga, "5550009"), ErrorCode::forbidden);
  CHECK(b.fingerprint() == open_shift);
  REQUIRE(b.shops.set_booth_enabled(b.alice, "5550001", false));
  const std::string disabled = b.fingerprint();
  refused(b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("1.00")),
          ErrorCode::failed_precondition, "disabled");
  CHECK(b.fingerprint() == disabled);
  REQUIRE(b.shops.set_booth_enabled(b.alice, "5550001", true));
  REQUIRE(b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("1.00")));
  const std::string opened = b.fingerprint();
  refused(b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("1.00")),
          ErrorCode::failed_precondition, "already open");
  refused(b.sessions.close(b.ivan, "5550001"), ErrorCode::forbidden);
  refused(b.shifts.move_cash(b.olga, "", false, money("1.00"), CashReason::refund, ""),
          ErrorCode::invalid_argument);
  CHECK(b.fingerprint() == opened);
  CHECK(b.fingerprint() != start);
}

}  // namespace prepaid::billing::testing

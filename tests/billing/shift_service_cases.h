#pragma once
/// @file shift_service_cases.h
/// @brief ShiftService cases (shifts and the cash register), templates over the store backend.

#include <doctest/doctest.h>

#include <string>

#include "billing/operators/audit_log.h"
#include "billing/operators/operator_service.h"
#include "billing/shops/shift_service.h"
#include "billing/shops/shop_service.h"
#include "shop_service_cases.h"

namespace prepaid::billing::testing {

/// Shops "corner" and "station", operators olga (of corner) and ivan (of station), admin alice.
template <class B>
struct CounterWorld {
  CallWorld<B> w;
  ShopService shops{w.backend.store, w.clock};
  ShiftService shifts{w.backend.store, w.clock};
  OperatorService ops{w.backend.store, w.clock};
  const Actor alice{"alice", Role::administrator, "cli"};
  const Actor olga{"olga", Role::operator_, "cli"};
  const Actor ivan{"ivan", Role::operator_, "cli"};

  CounterWorld() {
    const Actor boot = Actor::system("cli");
    REQUIRE(ops.add(boot, "alice", Role::administrator));
    REQUIRE(ops.add(boot, "olga", Role::operator_));
    REQUIRE(ops.add(boot, "ivan", Role::operator_));
    REQUIRE(shops.add_shop(alice, corner_shop("corner")));
    REQUIRE(shops.add_shop(alice, corner_shop("station")));
    REQUIRE(shops.assign_operator(alice, "olga", "corner"));
    REQUIRE(shops.assign_operator(alice, "ivan", "station"));
  }
  std::string fingerprint() { return w.backend.store->state_fingerprint(); }
};

TEST_CASE_TEMPLATE_DEFINE("a shift runs from its float to the counted cash, exact to the cent", B,
                          shifts_cash) {
  // Proves open, cash in and out, close and the report: expected = float + in − out, the
  // difference counted − expected, to the cent; the audit rows; one open shift per operator.
  CounterWorld<B> c;
  auto opened = c.shifts.open(c.olga, "", money("50.00"));
  REQUIRE(opened);
  const ShiftId id = opened->shift.id;
  CHECK(opened->shift.shop == "corner");
  CHECK(opened->shift.currency == "EUR");
  CHECK(opened->expected == money("50.00"));
  REQUIRE(c.shifts.move_cash(c.olga, "", true, money("20.00"), CashReason::float_, "change"));
  c.w.clock->advance(std::chrono::seconds(60));
  REQUIRE(c.shifts.move_cash(c.olga, "corner", false, money("12.35"), CashReason::expense,
                             "light bulbs"));
  REQUIRE(c.shifts.move_cash(c.olga, "", false, money("30.00"), CashReason::withdrawal, "safe"));
  auto mid = c.shifts.report(c.olga, id);
  REQUIRE(mid);
  CHECK(mid->movements.size() == 3);
  CHECK(mid->cash_in == money("20.00"));
  CHECK(mid->cash_out == money("42.35"));
  CHECK(mid->expected == money("27.65"));
  CHECK_FALSE(mid->difference);

  auto closed = c.shifts.close(c.olga, id, money("27.60"));
  REQUIRE(closed);
  CHECK(closed->expected == money("27.65"));
  CHECK(closed->counted == money("27.60"));
  CHECK(closed->difference == money("-0.05"));
  auto shown = c.shifts.report(c.alice, id);
  REQUIRE(shown);
  CHECK_FALSE(shown->shift.open());
  CHECK(shown->shift.expected == money("27.65"));
  CHECK(shown->difference == money("-0.05"));

  // A new shift may open once the last one closed; listing is newest first.
  auto second = c.shifts.open(c.olga, "corner", money("0"));
  REQUIRE(second);
  auto listed = c.shifts.list(c.olga, ShiftFilter{}, Page{});
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  CHECK(listed->at(0).id == second->shift.id);
  CHECK(c.shifts.list(c.olga, ShiftFilter{"", true}, Page{})->size() == 1);
  REQUIRE(c.shifts.open(c.ivan, "", money("10.00")));
  CHECK(c.shifts.list(c.alice, ShiftFilter{}, Page{})->size() == 3);
  CHECK(c.shifts.list(c.olga, ShiftFilter{}, Page{})->size() == 2);

  AuditLog audit(c.w.backend.store);
  AuditFilter filter;
  filter.object = "shift:" + std::to_string(id);
  auto rows = audit.list(c.alice, filter, Page{});
  REQUIRE(rows);
  CHECK(rows->size() == 5);  // open, in, out, out, close
  CHECK(rows->front().action == "shift.close");
  CHECK(rows->front().actor == "olga");
}

TEST_CASE_TEMPLATE_DEFINE("bad shift and cash input is refused and changes nothing", B,
                          shifts_refusals) {
  // Proves each refusal (no open shift, negative or sub-cent amounts, a reason that does not
  // fit, another shop, another operator's shift, a second open shift, more out than the till
  // holds, a closed shift) names its problem and leaves the store as it was.
  CounterWorld<B> c;
  const std::string before = c.fingerprint();
  auto refused = [&](const auto& result, ErrorCode code, const char* field = "") {
    REQUIRE_FALSE(result);
    CHECK(result.problem().code == code);
    CHECK(result.problem().field == field);
  };
  refused(c.shifts.move_cash(c.olga, "", true, money("5.00"), CashReason::float_, ""),
          ErrorCode::failed_precondition);
  refused(c.shifts.open(c.olga, "", money("-1.00")), ErrorCode::invalid_argument, "float");
  refused(c.shifts.open(c.olga, "", money("10.005")), ErrorCode::invalid_argument, "float");
  refused(c.shifts.open(c.olga, "station", money("10.00")), ErrorCode::forbidden);
  refused(c.shifts.open(c.olga, "nowhere", money("10.00")), ErrorCode::not_found, "shop");
  refused(c.shifts.open(c.alice, "", money("10.00")), ErrorCode::invalid_argument, "shop");
  CHECK(c.fingerprint() == before);

  auto opened = c.shifts.open(c.olga, "", money("10.00"));
  REQUIRE(opened);
  const ShiftId id = opened->shift.id;
  const std::string open_state = c.fingerprint();
  refused(c.shifts.open(c.olga, "corner", money("10.00")), ErrorCode::failed_precondition);
  refused(c.shifts.move_cash(c.olga, "", true, money("-5.00"), CashReason::float_, ""),
          ErrorCode::invalid_argument, "amount");
  refused(c.shifts.move_cash(c.olga, "", true, money("0"), CashReason::float_, ""),
          ErrorCode::invalid_argument, "amount");
  refused(c.shifts.move_cash(c.olga, "", true, money("0.001"), CashReason::float_, ""),
          ErrorCode::invalid_argument, "amount");
  refused(c.shifts.move_cash(c.olga, "", true, money("5.00"), CashReason::expense, ""),
          ErrorCode::invalid_argument, "reason");
  refused(c.shifts.move_cash(c.olga, "", false, money("5.00"), CashReason::float_, ""),
          ErrorCode::invalid_argument, "reason");
  refused(c.shifts.move_cash(c.olga, "", false, money("10.01"), CashReason::withdrawal, ""),
          ErrorCode::failed_precondition, "amount");
  refused(c.shifts.move_cash(c.olga, "station", true, money("5.00"), CashReason::float_, ""),
          ErrorCode::forbidden);
  refused(c.shifts.move_cash(c.ivan, "", true, money("5.00"), CashReason::float_, ""),
          ErrorCode::failed_precondition);  // ivan has no open shift at his shop
  refused(c.shifts.move_cash(c.olga, "", true, money("5.00"), CashReason::float_,
                             std::string(256, 'x')),
          ErrorCode::invalid_argument, "note");
  refused(c.shifts.close(c.ivan, id, money("10.00")), ErrorCode::forbidden);
  refused(c.shifts.close(c.olga, id, money("-0.01")), ErrorCode::invalid_argument, "counted");
  refused(c.shifts.close(c.olga, id + 1000, money("1.00")), ErrorCode::not_found);
  refused(c.shifts.report(c.ivan, id), ErrorCode::forbidden);
  refused(c.shifts.list(c.ivan, ShiftFilter{"corner", false}, Page{}), ErrorCode::forbidden);
  CHECK(c.fingerprint() == open_state);

  REQUIRE(c.shifts.move_cash(c.olga, "", false, money("10.00"), CashReason::withdrawal, ""));
  REQUIRE(c.shifts.close(c.alice, id, money("0")));  // an administrator closes anyone's
  const std::string closed_state = c.fingerprint();
  refused(c.shifts.close(c.olga, id, money("0")), ErrorCode::failed_precondition);
  refused(c.shifts.move_cash(c.olga, "", true, money("1.00"), CashReason::float_, ""),
          ErrorCode::failed_precondition);
  CHECK(c.fingerprint() == closed_state);
}

}  // namespace prepaid::billing::testing

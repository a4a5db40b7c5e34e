// End to end: a callshop booth through a real radiusd with rlm_prepaid, the private MariaDB and
// the SIP proxy simulator: the counter opens and closes it, the grant follows.
#include <doctest/doctest.h>

#include <memory>

#include "billing/shops/booth_session_service.h"
#include "billing/shops/shop_upstream_service.h"
#include "tests/radius/billing_fixture.h"
#include "tests/radius/booth_counter.h"
#include "tests/radius/e2e_support.h"
#include "tests/radius/gateway_sim.h"
#include "tests/radius/radius_server.h"
#include "tests/radius/store_seed.h"

using namespace prepaid::radius::testing;
using namespace prepaid::billing;
using prepaid::rating::Money;

TEST_CASE("a booth calls only while open, for exactly what its deposit buys; refused after") {
  // Proves the module's grant follows the counter: a booth without a session is refused with
  // code 7 and its own Reply-Message, a prepaid session of 0.90 gets Session-Timeout 90, the
  // booth cannot be checked out during its call, checkout zeroes its account (the rest of the
  // deposit handed back, the ledger balanced), and the booth is refused again afterwards.
  BillingFixture billing;
  Counter counter(billing);
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string tag = std::to_string(now_s());

  const auto closed = proxy.authorize(counter.booth, counter.pin, uri, "closed-" + tag);
  CHECK(closed.rejected());
  CHECK(closed.return_code == 7);
  CHECK(closed.reply_message == "Booth not open");
  CHECK_FALSE(closed.session_timeout_s);

  REQUIRE(counter.sessions.open(counter.olga, counter.booth, SessionKind::prepaid, money("0.90")));
  const std::string call_id = "call-" + tag;
  const auto granted = proxy.authorize(counter.booth, counter.pin, uri, call_id);
  REQUIRE(granted.accepted());
  CHECK(granted.return_code == 0);
  CHECK(granted.session_timeout_s == 90u);
  CHECK(proxy.start(counter.booth, uri, call_id) == AccountingAnswer::answered);

  const std::string during = billing.store().state_fingerprint();
  auto busy = counter.sessions.close(counter.olga, counter.booth);
  REQUIRE_FALSE(busy);
  CHECK(busy.problem().code == ErrorCode::failed_precondition);
  CHECK(busy.problem().message.find("call in progress") != std::string::npos);
  CHECK(billing.store().state_fingerprint() == during);

  CHECK(proxy.stop(counter.booth, uri, call_id, 30) == AccountingAnswer::answered);
  CHECK(billing.balance(counter.booth) == money("0.60"));
  auto checkout = counter.sessions.close(counter.olga, counter.booth);
  REQUIRE(checkout);
  CHECK(checkout->session->spent == money("0.30"));
  CHECK(checkout->session->settled == money("-0.60"));
  CHECK(checkout->state == BoothState::free);
  CHECK(billing.balance(counter.booth) == money("0"));
  CHECK(billing.ledger_balances());

  const auto after = proxy.authorize(counter.booth, counter.pin, uri, "after-" + tag);
  CHECK(after.rejected());
  CHECK(after.return_code == 7);
  CHECK(after.reply_message == "Booth not open");
  CHECK(server.answers_status());
}

TEST_CASE("a postpaid booth session grants what its remaining limit buys") {
  // Proves a postpaid session's credit limit is what the grant spends: 0.45 buys 45 s, and
  // after a 20 s call what is left (0.25) buys 25 s; checkout collects the 0.20 spent.
  BillingFixture billing;
  Counter counter(billing);
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string tag = std::to_string(now_s());

  REQUIRE(counter.sessions.open(counter.olga, counter.booth, SessionKind::postpaid, money("0.45")));
  const auto first = proxy.authorize(counter.booth, counter.pin, uri, "first-" + tag);
  REQUIRE(first.accepted());
  CHECK(first.session_timeout_s == 45u);
  CHECK(proxy.start(counter.booth, uri, "first-" + tag) == AccountingAnswer::answered);
  CHECK(proxy.stop(counter.booth, uri, "first-" + tag, 20) == AccountingAnswer::answered);
  const auto second = proxy.authorize(counter.booth, counter.pin, uri, "second-" + tag);
  REQUIRE(second.accepted());
  CHECK(second.session_timeout_s == 25u);
  CHECK(proxy.stop(counter.booth, uri, "second-" + tag, 0) == AccountingAnswer::answered);

  auto checkout = counter.sessions.close(counter.olga, counter.booth);
  REQUIRE(checkout);
  CHECK(checkout->session->spent == money("0.20"));
  CHECK(checkout->session->settled == money("0.20"));
  CHECK(billing.balance(counter.booth) == money("0"));
  CHECK(billing.ledger_balances());
}

TEST_CASE("a shop's upstream balance caps, refuses and pays its booths' calls at the cost tariff") {
  // Proves, through radiusd: a booth's grant is cut to what its shop's upstream balance buys
  // at the cost tariff (0.12 at 0.24/min: Session-Timeout 30, not the 500 s of the deposit);
  // while that call holds the whole upstream, the shop's other booth is refused with code 7
  // and "Shop balance too low"; the Stop debits the call's cost to the micro-unit; once the
  // upstream is spent every booth of the shop is refused; the upstream ledger balances.
  BillingFixture billing;
  Counter counter(billing);
  seed_tariff(billing.store(), R"([tariff]
name = booth-cost
currency = EUR
zone = UTC
rounding = up
rounding_decimals = 6
international_prefix = 00
base = day

[pricelist day]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.24,1,1
)");
  ShopSettings cost;
  cost.cost_tariff = "booth-cost";
  REQUIRE(counter.shops.configure_shop(counter.admin, "corner", cost));
  ShopUpstreamService upstream(counter.store);
  REQUIRE(upstream.configure(counter.admin, "corner", money("1.00")));
  REQUIRE(upstream.recharge(counter.admin, "corner", money("0.12"), "paid to the provider"));
  auto second = counter.shops.add_booth(counter.admin, BoothRequest{"corner", "Cabin 2", "", ""});
  REQUIRE(second);
  REQUIRE(counter.sessions.open(counter.olga, counter.booth, SessionKind::prepaid, money("5.00")));
  REQUIRE(counter.sessions.open(counter.olga, second->booth.number, SessionKind::prepaid,
                                money("5.00")));
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string tag = std::to_string(now_s());

  const auto first = proxy.authorize(counter.booth, counter.pin, uri, "up-1-" + tag);
  REQUIRE(first.accepted());
  CHECK(first.session_timeout_s == 30u);
  CHECK(proxy.start(counter.booth, uri, "up-1-" + tag) == AccountingAnswer::answered);
  const auto held = proxy.authorize(second->booth.number, second->pin, uri, "up-2-" + tag);
  CHECK(held.rejected());
  CHECK(held.return_code == 7);
  CHECK(held.reply_message == "Shop balance too low");

  CHECK(proxy.stop(counter.booth, uri, "up-1-" + tag, 20) == AccountingAnswer::answered);
  CHECK(billing.balance(counter.booth) == money("4.80"));  // 20 s at 0.60/min
  CHECK(upstream.show(counter.admin, "corner")->account.balance == money("0.04"));  // 0.12 − 0.08
  const auto next = proxy.authorize(second->booth.number, second->pin, uri, "up-3-" + tag);
  REQUIRE(next.accepted());
  CHECK(next.session_timeout_s == 10u);  // 0.04 at 0.004/s
  CHECK(proxy.stop(second->booth.number, uri, "up-3-" + tag, 10) == AccountingAnswer::answered);
  const auto spent = upstream.show(counter.admin, "corner");
  CHECK(spent->account.balance == money("0"));
  CHECK(spent->warning);

  for (const auto& [number, pin] :
       {std::pair{counter.booth, counter.pin}, std::pair{second->booth.number, second->pin}}) {
    const auto refused = proxy.authorize(number, pin, uri, "dry-" + number + "-" + tag);
    CHECK(refused.rejected());
    CHECK(refused.return_code == 7);
    CHECK(refused.reply_message == "Shop balance too low");
  }
  const auto ledger = upstream.ledger(counter.admin, "corner", Page{});
  REQUIRE(ledger);
  REQUIRE(ledger->size() == 3);
  CHECK(ledger->at(1).amount == money("-0.08"));
  CHECK(ledger->at(2).amount == money("-0.04"));
  CHECK(upstream.check(counter.admin)->mismatches.empty());
  CHECK(billing.ledger_balances());
}

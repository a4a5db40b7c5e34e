// End to end: a callshop booth through a real radiusd with rlm_prepaid, the private MariaDB and
// the SIP proxy simulator: the counter opens and closes it, the grant follows.
#include <doctest/doctest.h>

#include <memory>

#include "billing/shops/booth_session_service.h"
#include "tests/radius/billing_fixture.h"
#include "tests/radius/booth_counter.h"
#include "tests/radius/e2e_support.h"
#include "tests/radius/gateway_sim.h"
#include "tests/radius/radius_server.h"

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

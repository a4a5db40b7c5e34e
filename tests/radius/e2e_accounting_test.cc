// End to end: accounting through a real threaded radiusd into the billing core.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "tests/radius/billing_fixture.h"
#include "tests/radius/e2e_support.h"

using namespace prepaid::radius::testing;
using prepaid::rating::Money;

TEST_CASE("duplicated and reordered accounting charges each call exactly once") {
  // Proves idempotence on (NAS, session id): a repeated Stop (even re-sent as a new packet
  // with a new Acct-Delay-Time) and a Start arriving after its Stop change nothing.
  BillingFixture billing;
  const auto card = billing.card({.money = "5.00", .max_concurrent = 2});
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  const auto t0 = now_s();

  const CiscoCall a{card.number, card.pin, conf_id(1), "00442079460000", "359"};
  REQUIRE(gw.stage2(a).accepted());
  CHECK(gw.start(a, "originate", t0, t0) == AccountingAnswer::answered);
  CHECK(gw.stop(a, "originate", t0, t0, 40) == AccountingAnswer::answered);
  CHECK(gw.stop(a, "originate", t0, t0, 40) == AccountingAnswer::answered);
  CHECK(gw.stop(a, "originate", t0, t0, 40, "10", 7) == AccountingAnswer::answered);

  const CiscoCall b{card.number, card.pin, conf_id(2), "00442079460000", "359"};
  REQUIRE(gw.stage2(b).accepted());
  CHECK(gw.stop(b, "originate", t0, t0, 20) == AccountingAnswer::answered);
  CHECK(gw.start(b, "originate", t0, t0) == AccountingAnswer::answered);  // late Start
  CHECK(gw.stop(b, "originate", t0, t0, 20) == AccountingAnswer::answered);

  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 2);
  Money total;
  for (const auto& c : charges) total -= c.amount;
  CHECK(billing.balance(card.number) == money("5.00") - total);
  CHECK(billing.ledger_balances());
}

TEST_CASE("a Stop without Start or authorization is still rated") {
  // Proves a lost authorization does not lose money: the Stop is rated with the card's tariff
  // at its connect time (here 10:00 UTC, the day list: 60 s x 0.01 = 0.60).
  BillingFixture billing;
  const auto card = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  const auto connect = yesterday_at(10, 0, 0);
  const CiscoCall call{card.number, card.pin, conf_id(3), "00442079460000", "359"};
  CHECK(gw.stop(call, "originate", connect - 5, connect, 60) == AccountingAnswer::answered);
  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);
  CHECK(charges[0].amount == -money("0.60"));
}

TEST_CASE("a call crossing a price-rule boundary is billed by spans") {
  // Proves 17:59:30 + 60 s is 30 s of day (0.01/s) and 30 s of evening (0.005/s) = 0.45,
  // not 0.60 (start rate) nor 0.30 (end rate).
  BillingFixture billing;
  const auto card = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  const auto connect = yesterday_at(17, 59, 30);
  const CiscoCall call{card.number, card.pin, conf_id(4), "00442079460000", "359"};
  CHECK(gw.stop(call, "originate", connect - 3, connect, 60) == AccountingAnswer::answered);
  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);
  CHECK(charges[0].amount == -money("0.45"));
}

TEST_CASE("Accounting-On closes the NAS's open sessions and frees their reservations") {
  // Proves a rebooted gateway does not leave cards locked: reservations are released and
  // the free balance announced at stage 1 is whole again, with nothing charged.
  BillingFixture billing;
  const auto card = billing.card({.money = "3.00", .max_concurrent = 2});
  RadiusServer server(billing.database(), [](const std::filesystem::path& raddb) {
    set_module_option(raddb, "max_call_duration = 7200", "max_call_duration = 60");
  });
  server.start();
  CiscoGateway gw(endpoint_of(server));
  REQUIRE(gw.stage2({card.number, card.pin, conf_id(5), "00442079460000", "359"}).accepted());
  REQUIRE(gw.stage2({card.number, card.pin, conf_id(6), "00442079460000", "359"}).accepted());
  const auto busy = gw.stage1({card.number, card.pin, conf_id(7), "", "359"});
  REQUIRE(busy.accepted());
  CHECK(busy.credit_amount != "3.00");

  CHECK(gw.accounting_on() == AccountingAnswer::answered);
  const auto after = gw.stage1({card.number, card.pin, conf_id(8), "", "359"});
  REQUIRE(after.accepted());
  CHECK(after.credit_amount == "3.00");
  CHECK(billing.charges(card.number).empty());
  CHECK(gw.stage2({card.number, card.pin, conf_id(9), "00442079460000", "359"}).accepted());
}

TEST_CASE("a gateway is known by the address its packets come from, not by NAS-IP-Address") {
  // Proves identity comes from the RADIUS client: another gateway (127.0.0.2) claiming the
  // first one's NAS-IP-Address in an Accounting-On releases none of its calls, and a Stop sent
  // without NAS-IP-Address and again with a made-up one is one call, charged once.
  BillingFixture billing;
  const auto card = billing.card({.money = "5.00", .max_concurrent = 2});
  RadiusServer server(billing.database());
  server.start();
  const RadiusEndpoint first = endpoint_of(server);
  CiscoGateway gw(first);
  const CiscoCall call{card.number, card.pin, conf_id(40), "00442079460000", "359"};
  REQUIRE(gw.stage2(call).accepted());
  const auto t0 = now_s();
  REQUIRE(gw.start(call, "originate", t0, t0) == AccountingAnswer::answered);

  RadiusEndpoint other = first;
  other.source_ip = "127.0.0.2";
  other.nas_ip = first.source_ip;  // claims to be the first gateway
  CHECK(CiscoGateway(other).accounting_on() == AccountingAnswer::answered);
  CHECK(billing.unclosed_reservations(first.source_ip) == 1);

  RadiusEndpoint bare = first;
  bare.nas_ip = "";
  CHECK(CiscoGateway(bare).stop(call, "originate", t0, t0, 30) == AccountingAnswer::answered);
  RadiusEndpoint claims = first;
  claims.nas_ip = "192.0.2.77";
  CHECK(CiscoGateway(claims).stop(call, "originate", t0, t0, 30) == AccountingAnswer::answered);
  CHECK(gw.stop(call, "originate", t0, t0, 30) == AccountingAnswer::answered);
  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);
  CHECK(charges[0].amount == -uk_price(t0, 30));
  CHECK(billing.unclosed_reservations(first.source_ip) == 0);
  CHECK(billing.ledger_balances());
}

TEST_CASE("radiusd marks a lost call's reservation expired by itself (expire_interval)") {
  // Proves the sweep runs inside the server: a started call whose Stop never comes is past
  // its expiry after 1 s (max_call_duration 1, reservation_grace 0), and the first accounting
  // request after the 1 s interval marks it expired. With expire_interval = 0 it stays open.
  for (const unsigned interval : {1u, 0u}) {
    CAPTURE(interval);
    BillingFixture billing;
    const auto card = billing.card({.money = "5.00"});
    RadiusServer server(billing.database(), [&](const std::filesystem::path& raddb) {
      set_module_option(raddb, "max_call_duration = 7200", "max_call_duration = 1");
      set_module_option(raddb, "reservation_grace = 120", "reservation_grace = 0");
      set_module_option(raddb, "expire_interval = 60",
                        "expire_interval = " + std::to_string(interval));
    });
    server.start();
    const RadiusEndpoint endpoint = endpoint_of(server);
    CiscoGateway gw(endpoint);
    const CiscoCall lost{card.number, card.pin, conf_id(20 + static_cast<int>(interval)),
                         "00442079460000", "359"};
    REQUIRE(gw.stage2(lost).accepted());
    const auto t0 = now_s();
    REQUIRE(gw.start(lost, "originate", t0, t0) == AccountingAnswer::answered);
    CHECK(billing.unclosed_reservations(endpoint.source_ip) == 1);

    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    // Any accounting request takes the turn; an Interim-Update of an unknown call changes
    // nothing else.
    const CiscoCall other{card.number, card.pin, conf_id(30 + static_cast<int>(interval)),
                          "00442079460000", "359"};
    CHECK(gw.interim(other, "originate", t0, 10) == AccountingAnswer::answered);
    CHECK(billing.unclosed_reservations(endpoint.source_ip) == (interval ? 0u : 1u));
    CHECK(billing.charges(card.number).empty());
  }
}

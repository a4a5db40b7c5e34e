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

TEST_CASE("Stops reporting more than was granted never take a prepaid balance below zero") {
  // Proves the audit's case end to end: a 20.00 card, three calls granted 600 s each
  // (max_call_duration), Stops reporting 200,000 s, 86,400 s and 7,321 s: each charged at most
  // its grant, the balance never below zero, a REVIEW line in radiusd's log for each; a Stop
  // for a call never authorized on a 0.50 card is charged the 0.50 (unauthorized, capped).
  BillingFixture billing;
  const auto card = billing.card({.money = "20.00", .max_concurrent = 3});
  RadiusServer server(billing.database(), [](const std::filesystem::path& raddb) {
    set_module_option(raddb, "max_call_duration = 7200", "max_call_duration = 600");
  });
  server.start();
  CiscoGateway gw(endpoint_of(server));
  const auto t0 = now_s();
  const std::uint32_t reported[] = {200000, 86400, 7321};
  std::vector<CiscoCall> calls;
  std::vector<std::uint32_t> granted;
  for (int i = 0; i < 3; ++i) {
    calls.push_back(CiscoCall{card.number, card.pin, conf_id(60 + i), "00442079460000", "359"});
    const auto a = gw.stage2(calls.back());
    REQUIRE(a.accepted());
    REQUIRE(a.credit_time_s);
    granted.push_back(*a.credit_time_s);
  }
  Money charged;
  for (int i = 0; i < 3; ++i) {
    CHECK(gw.stop(calls[i], "originate", t0, t0, reported[i]) == AccountingAnswer::answered);
    const auto charges = billing.charges(card.number);
    REQUIRE(charges.size() == static_cast<std::size_t>(i + 1));
    const Money price = -charges.back().amount;
    CHECK(price <= uk_price(t0, granted[i]));  // never past the grant
    charged += price;
  }
  CHECK(billing.balance(card.number) == money("20.00") - charged);
  CHECK(billing.balance(card.number) >= Money());
  CHECK(server.log().find("REVIEW overrun") != std::string::npos);

  // 0.50 pays less than 600 s at any hour of the e2e tariff: the charge stops there.
  const auto poor = billing.card({.money = "0.50"});
  const CiscoCall rogue{poor.number, poor.pin, conf_id(63), "00442079460000", "359"};
  CHECK(gw.stop(rogue, "originate", t0, t0, 86400) == AccountingAnswer::answered);
  CHECK(server.log().find("REVIEW unauthorized,overrun,capped") != std::string::npos);
  CHECK(billing.balance(poor.number) == Money());  // what was left, and no more
  CHECK(billing.ledger_balances());
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

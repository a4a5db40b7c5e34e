// End to end: the database going away, two RADIUS nodes racing for one card, malformed input.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/radius/billing_fixture.h"
#include "tests/radius/e2e_support.h"
#include "tests/radius/private_mariadb.h"

using namespace prepaid::radius::testing;
using prepaid::rating::Money;
namespace fs = std::filesystem;

TEST_CASE("database stopped mid-call: no answer while down, the retransmitted Stop charges once") {
  // Proves accounting is acknowledged only once committed, nothing is lost while the
  // database is down, and a retransmission after the restart is charged exactly once; and
  // that an Access-Request gets no answer at all while the database is down (no Access-Reject:
  // the gateway retransmits or fails over to another RADIUS server), at either stage.
  PrivateMariaDb mariadb;
  BillingFixture billing(mariadb.env("prepaid_e2e_outage"));
  const auto card = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  auto endpoint = endpoint_of(server);
  endpoint.timeout_s = 1;
  CiscoGateway gw(endpoint);
  const CiscoCall call{card.number, card.pin, conf_id(1), "00442079460000", "359"};
  REQUIRE(gw.stage2(call).accepted());
  const auto t0 = now_s();
  REQUIRE(gw.start(call, "originate", t0, t0) == AccountingAnswer::answered);

  mariadb.stop();
  CHECK(gw.stop(call, "originate", t0, t0, 42) == AccountingAnswer::timed_out);
  CHECK(gw.stop(call, "originate", t0, t0, 42, "10", 3) == AccountingAnswer::timed_out);
  const auto unanswered = gw.stage2({card.number, card.pin, conf_id(2), "0044207", "359"});
  CHECK(unanswered.timed_out());
  CHECK_FALSE(unanswered.return_code);
  CHECK(gw.stage1({card.number, card.pin, conf_id(2), "", "359"}).timed_out());
  CHECK(gw.stage2_chap({card.number, card.pin, conf_id(2), "0044207", "359"}).timed_out());
  CHECK(server.log().find("database unavailable") != std::string::npos);

  mariadb.start();
  AccountingAnswer answer = AccountingAnswer::timed_out;
  for (int i = 0; i < 10 && answer != AccountingAnswer::answered; ++i) {
    answer = gw.stop(call, "originate", t0, t0, 42, "10", static_cast<std::uint32_t>(5 + i));
  }
  CHECK(answer == AccountingAnswer::answered);
  CHECK(gw.stop(call, "originate", t0, t0, 42, "10", 30) == AccountingAnswer::answered);
  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);
  CHECK((-charges[0].amount).to_string() == uk_price(t0, 42).to_string());
  CHECK(billing.ledger_balances());
}

TEST_CASE("two radiusd nodes sharing one database never spend more than a card holds") {
  // Proves the database row lock, not process memory, arbitrates: 16 threads on two servers
  // race stage-2 authorizations (10 s each, max_call_duration = 10) on a 1.00 EUR card; the
  // granted seconds, then charged in full, never exceed the balance.
  BillingFixture billing;
  const auto card = billing.card({.money = "1.00", .max_concurrent = 1000});
  auto ten_seconds = [](const fs::path& raddb) {
    set_module_option(raddb, "max_call_duration = 7200", "max_call_duration = 10");
  };
  RadiusServer one(billing.database(), ten_seconds), two(billing.database(), ten_seconds);
  one.start();
  two.start();

  struct Granted {
    CiscoCall call;
    std::uint32_t seconds;
    const RadiusServer* server;
  };
  std::mutex mutex;
  std::vector<Granted> granted;
  std::atomic<int> refused{0}, next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    const RadiusServer& server = t % 2 ? one : two;
    threads.emplace_back([&, t, server_ptr = &server] {
      CiscoGateway gw(endpoint_of(*server_ptr));
      for (int i = 0; i < 4; ++i) {
        CiscoCall call{card.number, card.pin, conf_id(1000 + next++), "00442079460000", "359"};
        const auto a = gw.stage2(call);
        if (a.accepted() && a.credit_time_s) {
          std::lock_guard lock(mutex);
          granted.push_back({call, *a.credit_time_s, server_ptr});
        } else {
          ++refused;
        }
      }
      (void)t;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(!granted.empty());
  CHECK(refused > 0);

  // Every granted call talks for all its seconds.
  const auto t0 = now_s();
  for (const auto& g : granted) {
    CiscoGateway gw(endpoint_of(*g.server));
    CHECK(gw.stop(g.call, "originate", t0, t0, g.seconds) == AccountingAnswer::answered);
  }
  const Money left = billing.balance(card.number);
  for (const auto& g : granted) INFO("granted " << g.seconds << " s");
  std::uint64_t granted_s = 0;
  for (const auto& g : granted) granted_s += g.seconds;
  INFO(granted.size() << " calls granted " << granted_s << " s in all; left " << left.to_string(6));
  CHECK(left >= Money());
  Money charged;
  for (const auto& c : billing.charges(card.number)) charged -= c.amount;
  CHECK(charged + left == money("1.00"));
  CHECK(charged <= money("1.00"));
  CHECK(billing.ledger_balances());
}

TEST_CASE("malformed attribute values: a clear refusal or an acknowledged no-op, never a crash") {
  // Proves oversized strings, missing session ids, binary junk and broken time stamps are
  // refused (code 11 / 1) or logged and acknowledged without touching money.
  BillingFixture billing;
  const auto card = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  constexpr unsigned kUserName = 1, kUserPassword = 2, kCalled = 30, kStatus = 40, kSessionId = 44,
                     kSessionTime = 46;
  auto text = [](unsigned n, std::string v, unsigned vendor = 0) {
    return SendAttr{vendor, n, std::move(v), std::nullopt};
  };
  auto integer = [](unsigned n, std::uint32_t v) { return SendAttr{0, n, {}, v}; };

  // An oversized account number: unknown account.
  auto a = gw.access_raw({text(kUserName, std::string(240, '7')), text(kUserPassword, "1"),
                          text(kCalled, "0044207"), text(24, "h323-conf-id=A1", 9)});
  CHECK(a.rejected());
  CHECK(a.return_code == 1);
  // An oversized called number: invalid argument.
  a = gw.access_raw({text(kUserName, card.number), text(kUserPassword, card.pin),
                     text(kCalled, std::string(200, '4')), text(24, "h323-conf-id=A2", 9)});
  CHECK(a.return_code == 11);
  // No session id at all in stage 2: invalid argument.
  a = gw.access_raw(
      {text(kUserName, card.number), text(kUserPassword, card.pin), text(kCalled, "0044207")});
  CHECK(a.return_code == 11);
  // Binary junk as the conf-id: invalid argument.
  a = gw.access_raw({text(kUserName, card.number), text(kUserPassword, card.pin),
                     text(kCalled, "0044207"),
                     text(24, std::string("h323-conf-id=\x01\x02", 15), 9)});
  CHECK(a.return_code == 11);
  // A CHAP-Password of another length than 17 octets: not checked by the module, refused by
  // the chap module as a failed authentication (code 2), nothing reserved.
  constexpr unsigned kChapPassword = 3, kChapChallenge = 60;
  int conf = 5;
  for (const std::string& bad : {std::string(1, '\x07') + "abcd", std::string(18, 'x')}) {
    a = gw.access_raw({text(kUserName, card.number), text(kChapPassword, bad),
                       text(kChapChallenge, "0123456789abcdef"), text(kCalled, "0044207"),
                       text(24, "h323-conf-id=A" + std::to_string(conf++), 9)});
    CHECK(a.rejected());
    CHECK(a.return_code == 2);
  }
  CHECK(billing.unclosed_reservations(endpoint_of(server).nas_ip) == 0);

  // Accounting without a session id: acknowledged, nothing charged.
  CHECK(gw.accounting_raw({integer(kStatus, 2), text(kUserName, card.number),
                           integer(kSessionTime, 60)}) == AccountingAnswer::answered);
  // A Stop with broken time stamps: acknowledged and rated by Acct-Session-Time alone, as a
  // call that ended when the Stop arrived.
  const auto stopped_from = now_s();
  CHECK(gw.accounting_raw({integer(kStatus, 2), text(kUserName, card.number),
                           text(kSessionId, "broken-times-1"), text(kCalled, "0044207"),
                           text(28, "h323-connect-time=99:99:99.000 XYZ Foo Bar 99 0", 9),
                           text(29, "h323-disconnect-time=garbage", 9),
                           text(30, "h323-disconnect-cause=ZZZ", 9), integer(kSessionTime, 10)}) ==
        AccountingAnswer::answered);
  const auto stopped_by = now_s();
  // An unknown Acct-Status-Type: acknowledged.
  CHECK(gw.accounting_raw({integer(kStatus, 99), text(kSessionId, "odd-1")}) ==
        AccountingAnswer::answered);

  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);  // only the Stop with an id and a duration
  const Money charged = -charges[0].amount;
  CHECK_MESSAGE(uk_prices(stopped_from - 10, stopped_by - 10, 10).contains(charged), "charged ",
                charged.to_string());
  CHECK(server.answers_status());
  CHECK(server.log().find("is not a time stamp") != std::string::npos);
  CHECK(server.log().find("no usable session id") != std::string::npos);
}

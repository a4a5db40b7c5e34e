// End to end: a real threaded radiusd with rlm_prepaid, the private MariaDB, radcli clients.
// Calls from authorization to Stop, and every refusal.
#include <doctest/doctest.h>

#include <openssl/evp.h>

#include <chrono>
#include <cstdio>

#include "tests/pin_search.h"
#include "tests/radius/billing_fixture.h"
#include "tests/radius/e2e_support.h"
#include "tests/radius/gateway_sim.h"
#include "tests/radius/radius_server.h"

using namespace prepaid::radius::testing;
using prepaid::rating::Money;

namespace {
std::string md5_hex(const std::string& text) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), d, &n, EVP_md5(), nullptr);
  std::string out;
  char hex[3];
  for (unsigned i = 0; i < n; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", d[i]);
    out += hex;
  }
  return out;
}

// radclient input of a Kamailio auth_radius request: a draft-sterman digest answer (no qop)
// by `digest_user` with `pin`, User-Name `user_name`, a call to the UK keyed by `call_id`.
std::string digest_request(const std::string& user_name, const std::string& digest_user,
                           const std::string& pin, const std::string& call_id) {
  const std::string realm = "sip.example.com", nonce = "4f2e1a9b77", uri = "sip:0044207@gw";
  const std::string response = md5_hex(md5_hex(digest_user + ":" + realm + ":" + pin) + ":" +
                                       nonce + ":" + md5_hex("INVITE:" + uri));
  return "User-Name = \"" + user_name + "\"\nDigest-Response = \"" + response +
         "\"\nDigest-Realm = \"" + realm + "\"\nDigest-Nonce = \"" + nonce +
         "\"\nDigest-Method = \"INVITE\"\nDigest-URI = \"" + uri + "\"\nDigest-User-Name = \"" +
         digest_user + "\"\nCalled-Station-Id = \"" + uri +
         "\"\nCisco-AVPair = \"call-id=" + call_id + "\"\n";
}
}  // namespace

TEST_CASE("the tests' price oracle knows the e2e tariff's day, evening and boundaries") {
  // Proves uk_price(), which the calls placed "now" are checked against, by hand-worked cases.
  CHECK(uk_price(yesterday_at(10, 0, 0), 60) == money("0.60"));
  CHECK(uk_price(yesterday_at(22, 0, 0), 60) == money("0.30"));
  CHECK(uk_price(yesterday_at(17, 59, 30), 60) == money("0.45"));
  CHECK(uk_price(yesterday_at(7, 59, 50), 30) == money("0.25"));  // 10 x 0.005 + 20 x 0.01
  CHECK(uk_price(yesterday_at(20, 0, 0), 61) == money("0.31"));   // 0.305 rounded up
  // 10 s started 0 to 10 s before 18:00: 0.10 down to 0.05, every cent in between.
  const auto window = uk_prices(yesterday_at(17, 59, 50), yesterday_at(18, 0, 0), 10);
  CHECK(window.size() == 6);
  CHECK(*window.begin() == money("0.05"));
  CHECK(*window.rbegin() == money("0.10"));
}

TEST_CASE("Cisco debit-card call: stage 1, stage 2, both legs' accounting, one charge") {
  // Proves the whole Cisco flow: balance announced, seconds granted from the balance, the
  // originate leg charged by its Acct-Session-Time, the answer leg ignored.
  BillingFixture billing;
  const auto card = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  const CiscoCall call{card.number, card.pin, conf_id(1), "00442079460000", "35929001234"};

  const auto one = gw.stage1(call);
  REQUIRE(one.accepted());
  CHECK(one.return_code == 0);
  CHECK(one.credit_amount == "5.00");
  CHECK(one.currency == "EUR");
  CHECK(one.billing_model == "1");
  CHECK_FALSE(one.credit_time_s);

  const auto two = gw.stage2(call);
  REQUIRE(two.accepted());
  CHECK(two.return_code == 0);
  // 5.00 EUR at 0.01 (day) or 0.005 (evening) per second, capped by max_call_duration 7200.
  REQUIRE(two.credit_time_s);
  CHECK(*two.credit_time_s >= 500u);
  CHECK(two.session_timeout_s == two.credit_time_s);
  for (const auto& [number, raw] : two.cisco_raw) {
    if (number == 102) CHECK(raw == "h323-credit-time=" + std::to_string(*two.credit_time_s));
  }

  const auto t0 = now_s();
  CHECK(gw.start(call, "answer", t0 - 20, t0 - 20) == AccountingAnswer::answered);
  CHECK(gw.start(call, "originate", t0 - 5, t0) == AccountingAnswer::answered);
  CHECK(gw.stop(call, "originate", t0 - 5, t0, 60) == AccountingAnswer::answered);
  CHECK(gw.stop(call, "answer", t0 - 20, t0 - 20, 80) == AccountingAnswer::answered);

  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);
  // Rated from the connect time the gateway reported: 60 s from t0 (0.60 by day, 0.30 in the
  // evening, in between across 08:00 or 18:00 UTC).
  const Money charged = -charges[0].amount;
  CHECK(charged.to_string() == uk_price(t0, 60).to_string());
  CHECK(billing.balance(card.number) == money("5.00") - charged);
  CHECK(billing.ledger_balances());

  // The reservation is settled: stage 1 again shows the whole remaining balance.
  const CiscoCall next{card.number, card.pin, conf_id(2), "", "35929001234"};
  const auto again = gw.stage1(next);
  REQUIRE(again.accepted());
  CHECK(again.credit_amount == (money("5.00") - charged).to_string(2));
}

TEST_CASE("SIP booth call: single stage, Call-ID keyed accounting") {
  // Proves a SIP proxy's Access-Request (URI number, call-id AV pair) and its Call-ID keyed
  // Stop settle one reservation and charge once.
  BillingFixture billing;
  const auto booth = billing.card({.money = "2.00"});
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string call_id = "a84b4c76e66710-" + std::to_string(now_s()) + "@booth1";

  const auto auth = proxy.authorize(booth.number, booth.pin, uri, call_id);
  REQUIRE(auth.accepted());
  CHECK(auth.return_code == 0);
  REQUIRE(auth.session_timeout_s);
  CHECK(*auth.session_timeout_s >= 200u);
  const auto started_from = now_s();
  CHECK(proxy.start(booth.number, uri, call_id) == AccountingAnswer::answered);
  const auto started_by = now_s();
  CHECK(proxy.stop(booth.number, uri, call_id, 30) == AccountingAnswer::answered);
  const auto charges = billing.charges(booth.number);
  REQUIRE(charges.size() == 1);
  // The call began when the Start was stamped: 30 s at the rate(s) in force from then.
  const Money charged = -charges[0].amount;
  CHECK_MESSAGE(uk_prices(started_from, started_by, 30).contains(charged), "charged ",
                charged.to_string());
}

TEST_CASE("CHAP is verified by FreeRADIUS's chap module against the card's PIN") {
  // Proves CHAP works (right PIN accepted, wrong PIN refused with code 2), with CHAP-Challenge
  // and with the Request Authenticator as the challenge.
  BillingFixture billing;
  const auto card = billing.card();
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  CiscoCall call{card.number, card.pin, conf_id(3), "00442079460000", "359"};
  const auto good = gw.stage2_chap(call);
  CHECK(good.accepted());
  CHECK(good.return_code == 0);
  call.pin = card.pin == "0000" ? "1111" : "0000";
  call.conf_id = conf_id(4);
  const auto bad = gw.stage2_chap(call);
  CHECK(bad.rejected());
  CHECK(bad.return_code == 2);

  // radclient answers the Request Authenticator (no CHAP-Challenge): the module checks the
  // answer against it, as the chap module does. (Another card: the first one's call is on.)
  const auto other = billing.card();
  auto chap = [&](const std::string& pin, const std::string& conf) {
    return server.radclient("auth", "User-Name = \"" + other.number + "\"\nCHAP-Password = \"" +
                                        pin + "\"\nCalled-Station-Id = \"00442079460000\"\n" +
                                        "h323-conf-id = \"h323-conf-id=" + conf + "\"\n");
  };
  const auto right = chap(other.pin, "5");
  INFO(right.output);
  CHECK(right.output.find("Received Access-Accept") != std::string::npos);
  CHECK(right.output.find("h323-credit-time") != std::string::npos);
  const auto wrong = chap(other.pin == "0000" ? "1111" : "0000", "6");
  INFO(wrong.output);
  CHECK(wrong.output.find("Received Access-Reject") != std::string::npos);
  CHECK(wrong.output.find("h323-return-code = \"h323-return-code=2\"") != std::string::npos);
  CHECK_FALSE(prepaid::testing::shows_pin(server.log(), card.pin));  // no PIN reaches the log
  CHECK_FALSE(prepaid::testing::shows_pin(server.log(), other.pin));
}

TEST_CASE("a wrong PIN is refused with code 2 and never sees an ok code") {
  // Proves the refusal is decided where authentication fails (Post-Auth-Type REJECT) and
  // that nothing else leaks: no credit, no h323-return-code=0.
  BillingFixture billing;
  const auto card = billing.card();
  RadiusServer server(billing.database());
  server.start();
  const auto r = server.radclient("auth", "User-Name = \"" + card.number +
                                              "\"\nUser-Password = \"wrong-pin\"\n"
                                              "Called-Station-Id = \"00442079460000\"\n"
                                              "h323-conf-id = \"h323-conf-id=77\"\n");
  INFO(r.output);
  CHECK(r.output.find("Received Access-Reject") != std::string::npos);
  CHECK(r.output.find("Message-Authenticator = 0x") < r.output.find("h323-return-code"));
  CHECK(r.output.find("h323-return-code = \"h323-return-code=2\"") != std::string::npos);
  CHECK(r.output.find("h323-return-code=0") == std::string::npos);
  CHECK(r.output.find("h323-credit") == std::string::npos);
  CHECK(r.output.find("Session-Timeout") == std::string::npos);
  CHECK_FALSE(
      prepaid::testing::shows_pin(server.log(), card.pin));  // the PIN never reaches the log
}

TEST_CASE("PIN guessing: the card locks, the guessing address goes unanswered") {
  // Proves, through a real radiusd: after 5 wrong PINs (pin_attempts) the card answers code 10
  // ("Too many wrong PINs") even to its right PIN, by PAP and by the two-step way (stage 1);
  // an address that sent source_pin_failures wrong PINs (here 6, on several cards) gets no
  // answer at all, even for a right PIN, while another gateway still does; no PIN is logged.
  BillingFixture billing;
  const auto target = billing.card();
  const auto other = billing.card();
  RadiusServer server(billing.database(), [](const std::filesystem::path& raddb) {
    set_module_option(raddb, "source_pin_failures = 50", "source_pin_failures = 6");
  });
  server.start();
  RadiusEndpoint guesser_at = endpoint_of(server);
  guesser_at.source_ip = "127.0.0.5";
  guesser_at.timeout_s = 1;
  CiscoGateway guesser(guesser_at);
  int n = 300;
  auto wrong = [&](const BillingFixture::Issued& c) {
    return guesser.stage2(
        CiscoCall{c.number, c.pin == "0000" ? "1111" : "0000", conf_id(n++), "0044207", "359"});
  };
  for (int i = 0; i < 5; ++i) {
    const auto a = wrong(target);
    CHECK(a.rejected());
    CHECK(a.return_code == 2);
  }
  CiscoGateway honest(endpoint_of(server));
  const auto locked =
      honest.stage2(CiscoCall{target.number, target.pin, conf_id(n++), "0044207", "359"});
  CHECK(locked.rejected());
  CHECK(locked.return_code == 10);
  CHECK(locked.reply_message == "Too many wrong PINs: try again later");
  const auto stage1 = honest.stage1(CiscoCall{target.number, target.pin, conf_id(n++), "", "359"});
  CHECK(stage1.return_code == 10);
  CHECK(billing.unclosed_reservations(endpoint_of(server).source_ip) == 0);
  CHECK(server.log().find("too many wrong PINs: the account is locked") != std::string::npos);

  // The sixth wrong PIN from the guesser's address (another card) blocks the address.
  CHECK(wrong(other).return_code == 2);
  const auto ignored =
      guesser.stage2(CiscoCall{other.number, other.pin, conf_id(n++), "0044207", "359"});
  CHECK(ignored.timed_out());
  const auto elsewhere =
      honest.stage2(CiscoCall{other.number, other.pin, conf_id(n++), "0044207", "359"});
  CHECK(elsewhere.accepted());
  CHECK(server.log().find("source 127.0.0.5 reached source_pin_failures") != std::string::npos);
  CHECK_FALSE(prepaid::testing::shows_pin(server.log(), target.pin));
  CHECK_FALSE(prepaid::testing::shows_pin(server.log(), other.pin));
}

TEST_CASE("each refusal gets its own h323-return-code and Reply-Message") {
  // Proves codes 1, 3, 4, 5, 6, 7, 9, 11, 12 from real decisions of the billing core.
  BillingFixture billing;
  const auto plenty = billing.card({.money = "10.00"});
  const auto empty = billing.card({.money = "0"});
  const auto cents = billing.card({.money = "0.01"});  // below one 60 s block to Bulgaria
  const auto expired = billing.expired_card();
  const auto disabled = billing.card();
  billing.disable(disabled.number);
  const auto credit = billing.card({.money = "0", .credit_limit = "1.00"});
  const auto inactive = billing.card({.activation = prepaid::billing::ActivationMode::manual});
  billing.adjust(credit.number, "-1.00");
  RadiusServer server(billing.database());
  server.start();
  CiscoGateway gw(endpoint_of(server));
  int n = 100;
  auto stage2 = [&](const BillingFixture::Issued& c, std::string called) {
    return gw.stage2(CiscoCall{c.number, c.pin, conf_id(n++), std::move(called), "359"});
  };
  auto expect = [](const AccessAnswer& a, int code, const std::string& message) {
    CHECK(a.rejected());
    CHECK(a.return_code == code);
    CHECK(a.reply_message == message);
    CHECK_FALSE(a.credit_time_s);
    CHECK_FALSE(a.session_timeout_s);
  };

  expect(gw.stage2(CiscoCall{"999999999999", "1234", conf_id(n++), "0044207", "359"}), 1,
         "Invalid account number");
  expect(stage2(empty, "0044207"), 4, "Zero balance");
  expect(stage2(expired, "0044207"), 5, "Account expired");
  expect(stage2(credit, "0044207"), 6, "Credit limit reached");
  expect(stage2(disabled, "0044207"), 7, "Account disabled");
  expect(stage2(inactive, "0044207"), 7, "Account not activated");
  expect(stage2(plenty, "00999123"), 9, "Destination not allowed");
  expect(stage2(plenty, "12a4"), 11, "Invalid request");
  expect(stage2(cents, "00359888123456"), 12, "Insufficient balance");

  // In use: the card's only line is taken by an open call.
  const auto first = stage2(plenty, "0044207");
  REQUIRE(first.accepted());
  expect(stage2(plenty, "0044207"), 3, "Account in use");
  CHECK(server.answers_status());
}

TEST_CASE("SIP digest (Kamailio auth_radius) is verified by FreeRADIUS's digest module") {
  // Proves a draft-sterman digest request authenticates against the card's PIN and gets the
  // call's time limit (the module checks the answer with the card's read and decides there;
  // the digest module checks it again); a digest computed with a wrong PIN, which the module
  // leaves to the digest module, is refused with code 2 and holds no reservation.
  BillingFixture billing;
  const auto card = billing.card();
  RadiusServer server(billing.database());
  server.start();
  auto request = [&](const std::string& pin, const std::string& call_id) {
    return digest_request(card.number, card.number, pin, call_id);
  };
  const auto good = server.radclient("auth", request(card.pin, "digest-1@host"));
  INFO(good.output);
  CHECK(good.output.find("Received Access-Accept") != std::string::npos);
  CHECK(good.output.find("Session-Timeout = ") != std::string::npos);
  const auto bad = server.radclient("auth", request(card.pin + "9", "digest-2@host"));
  INFO(bad.output);
  CHECK(bad.output.find("Received Access-Reject") != std::string::npos);
  CHECK(bad.output.find("h323-return-code=2") != std::string::npos);
  CHECK(billing.unclosed_reservations("127.0.0.1") == 1);  // the good call's only
  CHECK_FALSE(prepaid::testing::shows_pin(server.log(), card.pin));
}

TEST_CASE("Kamailio's default user@realm: split_realm leaves the account") {
  // Proves the example site's split_realm policy makes "number@realm" work as Kamailio sends
  // it by default: PAP and digest authorization, Start and Stop, and a Stop without
  // authorization charged to the card; and that a name the policy does not split is refused
  // with code 1 and a log line that says what to do.
  BillingFixture billing;
  const auto booth = billing.card({.money = "2.00", .max_concurrent = 3});
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string user = booth.number + "@sip.example.com";
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string call_id = "realm-" + std::to_string(now_s()) + "@booth1";

  const auto auth = proxy.authorize(user, booth.pin, uri, call_id);
  REQUIRE(auth.accepted());
  CHECK(auth.return_code == 0);
  CHECK(auth.session_timeout_s.value_or(0) >= 200u);
  CHECK(proxy.start(user, uri, call_id) == AccountingAnswer::answered);
  CHECK(proxy.stop(user, uri, call_id, 30) == AccountingAnswer::answered);
  REQUIRE(billing.charges(booth.number).size() == 1);

  // acc_radius's Stop of a call whose authorization was lost: charged to the card by name.
  CHECK(proxy.stop(user, uri, "realm-lost-" + call_id, 30) == AccountingAnswer::answered);
  const auto charges = billing.charges(booth.number);
  REQUIRE(charges.size() == 2);
  CHECK(charges[1].amount < Money{});

  const auto digest =
      server.radclient("auth", digest_request(user, booth.number, booth.pin, "realm-d@host"));
  INFO(digest.output);
  CHECK(digest.output.find("Received Access-Accept") != std::string::npos);

  // Nothing before the "@": split_realm leaves it, and it is no account number.
  const auto unsplit = proxy.authorize("@sip.example.com", booth.pin, uri, "realm-x");
  CHECK(unsplit.rejected());
  CHECK(unsplit.return_code == 1);
  CHECK(server.log().find("the name has a realm: strip it before prepaid") != std::string::npos);
  CHECK(billing.unclosed_reservations("127.0.0.1") == 1);  // the digest call's only
  CHECK_FALSE(prepaid::testing::shows_pin(server.log(), booth.pin));
}

TEST_CASE("two concurrent calls on one card: the second gets only the remainder") {
  // Proves the first call's reservation counts against the second: with 0.20 EUR, calls to
  // Bulgaria (0.06 per started minute, any time of day) and max_call_duration = 120, the
  // first call gets 120 s (0.12 reserved) and the second the 60 s that 0.08 still buys.
  BillingFixture billing;
  const auto card = billing.card({.money = "0.20", .max_concurrent = 2});
  RadiusServer server(billing.database(), [](const std::filesystem::path& raddb) {
    set_module_option(raddb, "max_call_duration = 7200", "max_call_duration = 120");
  });
  server.start();
  CiscoGateway gw(endpoint_of(server));
  const auto first = gw.stage2({card.number, card.pin, conf_id(200), "00359888123456", "1"});
  REQUIRE(first.accepted());
  CHECK(first.credit_time_s == 120u);
  const auto second = gw.stage2({card.number, card.pin, conf_id(201), "00359888123456", "1"});
  REQUIRE(second.accepted());
  CHECK(second.credit_time_s == 60u);
  CHECK(second.credit_amount == "0.08");
  const auto third = gw.stage2({card.number, card.pin, conf_id(202), "00359888123456", "1"});
  CHECK(third.rejected());
  CHECK(third.return_code == 3);  // both lines busy
}

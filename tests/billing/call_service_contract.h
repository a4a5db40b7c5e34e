#pragma once
/// @file call_service_contract.h
/// @brief The CallService suite, a template over the store backend: call_service_test.cc runs
/// it on MemoryStore (unit), mysql/call_service_test.cc on MySQL (mysql).

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/calls/call_history.h"
#include "billing/cards/card_service.h"
#include "call_world.h"
#include "rating/pricing.h"

namespace prepaid::billing::testing {

using std::chrono::seconds;

TEST_CASE_TEMPLATE_DEFINE("stage 1 checks status, PIN and balance, and activates on first use", B,
                          calls_stage1) {
  // Proves every stage-1 refusal code and first-use activation (with its audit row).
  CallWorld<B> w;
  w.add_card("1001", "12.5");
  w.add_card("1002", "5", 1, CardStatus::disabled);
  w.add_card("1003", "5", 1, CardStatus::new_, ActivationMode::manual);
  w.add_card("1004", "5", 1, CardStatus::new_, ActivationMode::first_use);
  w.add_card("1005", "0");
  Card expired = w.add_card("1006", "5");
  w.add_card("1007", "5", 1, CardStatus::dropped);

  CallRequest r = w.request("1001", "", "");
  auto d = w.calls.authorize_call(r);
  CHECK(d.code == ReturnCode::ok);
  REQUIRE(d.free_balance);
  CHECK(d.free_balance->money == money("12.5"));
  CHECK(d.free_balance->to_string() == "12.50 EUR");
  CHECK(d.granted_s == 0);
  CHECK_FALSE(d.reservation);

  r.pin = "4321";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::ok);
  r.pin = "4320";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::invalid_pin);
  r.pin.reset();
  r.account = "9999";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::invalid_account);
  r.account = "10a1";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::invalid_account);
  r.account = "1002";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::disabled);
  r.account = "1003";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::disabled);
  r.account = "1005";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::zero_balance);
  r.account = "1007";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::disabled);

  r.account = "1004";
  auto first = w.calls.authorize_call(r);
  CHECK(first.code == ReturnCode::ok);
  CHECK(first.activated);
  Card activated = w.card("1004");
  CHECK(activated.status == CardStatus::active);
  CHECK(activated.activated_at == at(kT0));
  CHECK(activated.expires_at == at(kT0) + std::chrono::days(180));
  CHECK_FALSE(w.calls.authorize_call(r).activated);
  {
    auto tx = w.backend.store->begin();
    AuditFilter f;
    f.object = "card:1004";
    auto rows = tx->list_audit(f, Page{});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == "card.activate");
    CHECK(rows[0].after.find("4321") == std::string::npos);  // the PIN is masked
  }

  w.clock->set(*expired.expires_at + seconds(1));
  r.account = "1006";
  CHECK(w.calls.authorize_call(r).code == ReturnCode::expired);
}

TEST_CASE_TEMPLATE_DEFINE("lookup and authenticate are read-only and give the PIN to the module", B,
                          calls_lookup) {
  // Proves lookup returns status, PIN and free balance, and authenticate compares PINs.
  // (Wrong PINs are not counted here, pin_attempts = 0: calls_pin_lock proves the count.)
  CallWorld<B> w(CallPolicy{.pin_attempts = 0});
  w.add_card("2001", "3");
  w.add_card("2002", "3", 1, CardStatus::new_, ActivationMode::manual);
  const std::string before = dump(*w.backend.store);
  auto a = w.calls.lookup_account("2001");
  CHECK(a.code == ReturnCode::ok);
  CHECK(a.pin == "4321");
  CHECK(a.status == CardStatus::active);
  CHECK(a.free_balance->money == money("3"));
  auto b = w.calls.lookup_account("2002");
  CHECK(b.code == ReturnCode::disabled);
  CHECK(b.pin == "4321");
  auto c = w.calls.lookup_account("2999");
  CHECK(c.code == ReturnCode::invalid_account);
  CHECK(c.pin.empty());
  CHECK(w.calls.lookup_account("' OR 1=1 --").code == ReturnCode::invalid_account);
  // A malformed session key (not printable ASCII) does not stop the lookup: authorize_call
  // refuses it later with its own code.
  auto d = w.calls.lookup_account("2001", SessionKey{"192.0.2.1", "bad\xff\x01id"});
  CHECK(d.code == ReturnCode::ok);
  CHECK(d.pin == "4321");
  CHECK(w.calls.authenticate("2001", "4321") == ReturnCode::ok);
  CHECK(w.calls.authenticate("2001", "432") == ReturnCode::invalid_pin);
  CHECK(w.calls.authenticate("2001", "") == ReturnCode::invalid_pin);
  CHECK(w.calls.authenticate("2999", "4321") == ReturnCode::invalid_account);
  CHECK(dump(*w.backend.store) == before);
}

TEST_CASE_TEMPLATE_DEFINE("stage 2 grants exactly what the free balance pays and reserves it", B,
                          calls_grant) {
  // Proves granted time and reservation follow max_duration, and both limits (calls, money).
  CallWorld<B> w;
  w.add_card("3001", "1", 2);
  auto d = w.calls.authorize_call(w.request("3001", "00442071234567", "call-1"));
  REQUIRE(d.code == ReturnCode::ok);
  CHECK(d.granted_s == 600);  // 1.00 at 0.10 per started minute
  CHECK(d.reserved == money("1"));
  CHECK(d.destination == "United Kingdom");
  CHECK(d.free_balance->money == money("1"));
  CHECK(d.reservation);
  CHECK(w.state("3001").reserved == money("1"));
  CHECK(w.state("3001").open_calls == 1);

  // Nothing is free any more: a second call on the same card is refused.
  auto second = w.calls.authorize_call(w.request("3001", "00442071234567", "call-2"));
  CHECK(second.code == ReturnCode::zero_balance);
  CHECK(second.free_balance->money == money("0"));

  // The concurrent-call limit.
  w.add_card("3002", "10", 1);
  CHECK(w.calls.authorize_call(w.request("3002", "359888123456", "c-1")).code == ReturnCode::ok);
  auto busy = w.calls.authorize_call(w.request("3002", "359888123456", "c-2"));
  CHECK(busy.code == ReturnCode::in_use);

  // Per-second billing at 0.06 per minute, prices rounded up to the cent: 0.035 buys 30 s
  // (0.03); 31 s would cost 0.031, rounded to 0.04.
  w.add_card("3003", "0.035");
  auto bg = w.calls.authorize_call(w.request("3003", "+359888123456", "bg-1"));
  CHECK(bg.code == ReturnCode::ok);
  CHECK(bg.granted_s == 30);
  CHECK(bg.reserved == money("0.03"));

  // Not even the first block: 0.05 < 0.10 for the first minute to the UK.
  w.add_card("3004", "0.05");
  auto poor = w.calls.authorize_call(w.request("3004", "4420", "p-1"));
  CHECK(poor.code == ReturnCode::insufficient_balance);
  CHECK(w.state("3004").open_calls == 0);

  // The cap: a rich card gets at most CallPolicy::max_call_duration_s.
  w.add_card("3005", "100000");
  auto rich = w.calls.authorize_call(w.request("3005", "4420", "r-1"));
  CHECK(rich.granted_s == w.calls.policy().max_call_duration_s);
}

TEST_CASE_TEMPLATE_DEFINE("a grant agrees with the rating engine's own inverse", B, calls_inverse) {
  // Proves granted_s and reserved equal rating::max_duration on the same tariff and balance.
  CallWorld<B> w;
  w.add_card("3101", "0.73");
  auto d = w.calls.authorize_call(w.request("3101", "447712345678", "m-1"));
  REQUIRE(d.code == ReturnCode::ok);
  auto tariff = w.calls.tariff_cache()->current("retail");
  REQUIRE(tariff);
  auto grant = rating::max_duration(tariff->tariff(), "447712345678", at(kT0), money("0.73"),
                                    w.calls.policy().max_call_duration_s);
  REQUIRE(grant);
  CHECK(d.granted_s == grant->seconds);
  CHECK(d.reserved == grant->price);
  auto price = rating::price_call(tariff->tariff(), "447712345678", at(kT0), d.granted_s);
  REQUIRE(price);
  CHECK(price->total == d.reserved);
  CHECK(d.reserved <= money("0.73"));
}

TEST_CASE_TEMPLATE_DEFINE("a repeated authorization is decided afresh, never inherited", B,
                          calls_idempotent) {
  // Proves a second authorization of a session key (a SIP Call-ID the caller picks) never
  // inherits the grant made for another destination or time: before the call starts it is
  // decided again and replaces the first in the same reservation (or releases it when
  // refused); once started or ended the key is refused; another card cannot use it.
  CallPolicy policy;
  policy.max_call_duration_s = 600;
  CallWorld<B> w(policy);
  w.add_card("4001", "1.00", 3);
  w.add_card("4002", "5", 3);
  auto a = w.calls.authorize_call(w.request("4001", "4420", "same"));
  REQUIRE(a.code == ReturnCode::ok);
  CHECK(a.granted_s == 600);
  // The same key to a dearer destination: the mobile's price and time, not the first grant's.
  auto b = w.calls.authorize_call(w.request("4001", "447712345678", "same"));
  REQUIRE(b.code == ReturnCode::ok);
  CHECK(b.repeated);
  CHECK(b.reservation == a.reservation);
  CHECK(b.destination == "UK Mobile");
  CHECK(b.granted_s < a.granted_s);
  CHECK(b.free_balance == a.free_balance);  // the first grant no longer counts
  auto tariff = w.calls.tariff_cache()->current("retail");
  REQUIRE(tariff);
  auto price = rating::price_call(tariff->tariff(), "447712345678", at(kT0), b.granted_s);
  REQUIRE(price);
  CHECK(b.reserved == price->total);
  CHECK(w.state("4001").open_calls == 1);
  CHECK(w.state("4001").reserved == b.reserved);
  {
    auto tx = w.backend.store->begin();
    auto r = tx->find_reservation(SessionKey{"10.0.0.1", "same"});
    tx->commit();
    REQUIRE(r);
    CHECK(r->called == "447712345678");
    CHECK(r->amount == b.reserved);
    CHECK(r->granted_s == b.granted_s);
  }
  // Asked again later, for the first number: priced at the new time, the reservation reused.
  w.clock->advance(std::chrono::seconds(20));
  auto c = w.calls.authorize_call(w.request("4001", "4420", "same"));
  REQUIRE(c.code == ReturnCode::ok);
  CHECK(c.reservation == a.reservation);
  CHECK(c.granted_s == 600);
  // Once the call started, or ended, the key is spent.
  REQUIRE(w.calls.record_accounting(w.event(AccountingKind::start, "same")).outcome ==
          AccountingOutcome::recorded);
  auto started = w.calls.authorize_call(w.request("4001", "447712345678", "same"));
  CHECK(started.code == ReturnCode::invalid_argument);
  CHECK(w.state("4001").reserved == c.reserved);
  REQUIRE(w.calls.record_accounting(w.event(AccountingKind::stop, "same", 60)).outcome ==
          AccountingOutcome::recorded);
  auto ended = w.calls.authorize_call(w.request("4001", "4420", "same"));
  CHECK(ended.code == ReturnCode::invalid_argument);
  // Refused when asked again: the earlier grant of the key is released with it.
  auto d = w.calls.authorize_call(w.request("4001", "4420", "again"));
  REQUIRE(d.code == ReturnCode::ok);
  auto blocked = w.calls.authorize_call(w.request("4001", "9991234", "again"));
  CHECK(blocked.code == ReturnCode::destination_blocked);
  CHECK(w.state("4001").open_calls == 0);
  CHECK(w.state("4001").reserved == rating::Money());
  auto other = w.calls.authorize_call(w.request("4002", "4420", "same"));
  CHECK(other.code == ReturnCode::invalid_argument);
  // The same session id on another NAS is another call.
  auto elsewhere = w.calls.authorize_call(w.request("4001", "4420", "same", "10.0.0.2"));
  CHECK(elsewhere.code == ReturnCode::ok);
  CHECK_FALSE(elsewhere.repeated);
}

TEST_CASE_TEMPLATE_DEFINE(
    "a request with its PIN is decided with the read as authorize_call decides", B,
    calls_with_pin) {
  // Proves authorize_with_pin (RADIUS PAP, stage 2): the grant and the reservation that
  // authorize_call gives a twin card; a wrong PIN or an unknown account refused with nothing
  // written; what it cannot decide at once left to authorize_call with nothing written; and
  // release_unused frees a reservation never started, once. (Wrong PINs are not counted here,
  // pin_attempts = 0: calls_pin_lock proves the count.)
  CallWorld<B> w(CallPolicy{.pin_attempts = 0});
  w.add_card("5001", "1", 2);
  w.add_card("5002", "1", 2);  // the twin, authorized by authorize_call
  w.add_card("5003", "5", 1, CardStatus::disabled);
  auto with_pin = [&](const std::string& account, const std::string& called,
                      const std::string& session, const std::string& pin = "4321") {
    CallRequest r = w.request(account, called, session);
    r.pin = pin;
    return w.calls.authorize_with_pin(r);
  };
  const std::string uk = "00442071234567";

  // The tariff is not built yet: nothing is loaded under a lock, authorize_call will.
  std::string before = dump(*w.backend.store);
  CHECK_FALSE(with_pin("5001", uk, "cold"));
  CHECK(dump(*w.backend.store) == before);

  const CallDecision ref = w.calls.authorize_call(w.request("5002", uk, "ref-1"));
  const auto got = with_pin("5001", uk, "pin-1");
  REQUIRE(got);
  REQUIRE(ref.code == ReturnCode::ok);
  CHECK(got->code == ReturnCode::ok);
  CHECK(got->granted_s == ref.granted_s);
  CHECK(got->reserved == ref.reserved);
  CHECK(got->destination == ref.destination);
  CHECK(got->free_balance == ref.free_balance);
  REQUIRE(got->reservation);
  CHECK(w.state("5001").reserved == got->reserved);
  CHECK(w.state("5001").open_calls == 1);
  const auto stored = [&] {
    auto tx = w.backend.store->begin();
    auto r = tx->find_reservation(SessionKey{"10.0.0.1", "pin-1"});
    tx->commit();
    return r;
  }();
  REQUIRE(stored);
  CHECK(stored->id == *got->reservation);
  CHECK(stored->amount == got->reserved);
  CHECK(stored->granted_s == got->granted_s);
  CHECK_FALSE(stored->tariff_snapshot.empty());

  // Nothing free any more: the same refusal as the twin's, nothing written.
  const CallDecision ref2 = w.calls.authorize_call(w.request("5002", uk, "ref-2"));
  before = dump(*w.backend.store);
  const auto got2 = with_pin("5001", uk, "pin-2");
  REQUIRE(got2);
  CHECK(got2->code == ref2.code);
  CHECK(got2->code == ReturnCode::zero_balance);
  CHECK(got2->free_balance == ref2.free_balance);
  CHECK(dump(*w.backend.store) == before);

  // A wrong PIN and an unknown account: refused, nothing written, nothing else told.
  const auto wrong = with_pin("5003", uk, "w-1", "0000");
  REQUIRE(wrong);
  CHECK(wrong->code == ReturnCode::invalid_pin);
  CHECK_FALSE(wrong->free_balance);
  const auto unknown = with_pin("5999", uk, "u-1");
  REQUIRE(unknown);
  CHECK(unknown->code == ReturnCode::invalid_account);
  // The right PIN on a disabled card: the status refusal authorize_call gives.
  const auto disabled = with_pin("5003", uk, "d-1");
  REQUIRE(disabled);
  CHECK(disabled->code == ReturnCode::disabled);
  CHECK(disabled->code == w.calls.authorize_call(w.request("5003", uk, "d-2")).code);
  CHECK(dump(*w.backend.store) == before);

  // Left to authorize_call, nothing written: a first use (it activates the card), a repeated
  // request, a malformed one, no PIN, stage 1.
  w.add_card("5004", "5", 1, CardStatus::new_, ActivationMode::first_use);
  before = dump(*w.backend.store);
  CHECK_FALSE(with_pin("5004", uk, "f-1"));
  CHECK_FALSE(with_pin("5001", uk, "pin-1"));
  CHECK_FALSE(with_pin("5001", "44\x01", "m-1"));
  CHECK_FALSE(with_pin("5001", "", "s-1"));
  CallRequest no_pin = w.request("5001", uk, "n-1");
  CHECK_FALSE(w.calls.authorize_with_pin(no_pin));
  CHECK(dump(*w.backend.store) == before);
  CHECK(w.card("5004").status == CardStatus::new_);

  // release_unused: the reservation of pin-1 (never started) once; a started one never.
  CHECK(w.calls.release_unused(SessionKey{"10.0.0.1", "pin-1"}));
  CHECK(w.state("5001").open_calls == 0);
  CHECK(w.state("5001").reserved == rating::Money());
  CHECK_FALSE(w.calls.release_unused(SessionKey{"10.0.0.1", "pin-1"}));
  w.calls.record_accounting(w.event(AccountingKind::start, "ref-1"));
  CHECK_FALSE(w.calls.release_unused(SessionKey{"10.0.0.1", "ref-1"}));
  CHECK(w.state("5002").open_calls == 1);
  CHECK_FALSE(w.calls.release_unused(SessionKey{"10.0.0.1", "none"}));
}

// A CHAP answer to challenge "0123456789abcdef" under identifier 7 for PIN 4321 (the PIN
// CallWorld::add_card gives): MD5(0x07 || "4321" || challenge), computed with Python's hashlib.
inline std::optional<ChapResponse> chap_answer_4321(unsigned char ident = 7,
                                                    std::string challenge = "0123456789abcdef") {
  static const unsigned char kDigest[16] = {0x0a, 0x7f, 0x09, 0xd2, 0x9f, 0x5c, 0x75, 0x15,
                                            0x8c, 0x20, 0xf9, 0x16, 0xec, 0xf7, 0x56, 0x84};
  std::string password(1, static_cast<char>(ident));
  password.append(reinterpret_cast<const char*>(kDigest), sizeof kDigest);
  return ChapResponse::from(password, challenge);
}

// The grant a PIN gets, for the proofs of the same PIN to equal: cards <prefix>1, <prefix>2
// and <prefix>3 (1 EUR, two calls at once each), the tariff built by a call on the third
// (only a built one is used under the lock), then the second card's call to `called` decided
// with its PIN (4321, what CallWorld::add_card gives), which must hand that PIN back.
template <class B>
CallDecision grant_with_pin(CallWorld<B>& w, const std::string& prefix, const std::string& called) {
  for (const char* n : {"1", "2", "3"}) w.add_card(prefix + n, "1", 2);
  REQUIRE(w.calls.authorize_call(w.request(prefix + "3", called, "warm")).code == ReturnCode::ok);
  CallRequest twin = w.request(prefix + "2", called, "ref-1");
  twin.pin = "4321";
  std::string pin;
  const auto ref = w.calls.authorize_with_pin(twin, &pin);
  REQUIRE(ref);
  REQUIRE(ref->code == ReturnCode::ok);
  CHECK(pin == "4321");
  return *ref;
}

// Checks that `got`, a PIN proof's decision for card `number`, is the grant `ref` and that
// its reservation holds the card's money, and that `pin` is the PIN handed back.
template <class B>
void same_grant(CallWorld<B>& w, const std::string& number, const std::optional<CallDecision>& got,
                const CallDecision& ref, const std::string& pin) {
  REQUIRE(got);
  CHECK(got->code == ReturnCode::ok);
  CHECK(pin == "4321");
  CHECK(got->granted_s == ref.granted_s);
  CHECK(got->reserved == ref.reserved);
  REQUIRE(got->reservation);
  CHECK(w.state(number).reserved == got->reserved);
  CHECK(w.state(number).open_calls == 1);
}

TEST_CASE_TEMPLATE_DEFINE("a CHAP answer is checked with the read as a PIN is", B,
                          calls_with_chap) {
  // Proves authorize_with_pin with request.chap (RADIUS CHAP, stage 2): the right answer gets
  // the grant and the reservation a PAP request gets and hands back the card's PIN (for
  // FreeRADIUS's chap module); an answer under another identifier or challenge is
  // invalid_pin with nothing written and no PIN handed back; authorize_call checks it too.
  // (Wrong PINs are not counted here, pin_attempts = 0: calls_pin_lock proves the count.)
  CallWorld<B> w(CallPolicy{.pin_attempts = 0});
  const std::string uk = "00442071234567";
  const auto ref = grant_with_pin(w, "510", uk);
  auto with_chap = [&](const std::string& session, std::optional<ChapResponse> chap,
                       std::string& pin) {
    CallRequest r = w.request("5101", uk, session);
    r.chap = std::move(chap);
    return w.calls.authorize_with_pin(r, &pin);
  };

  std::string before = dump(*w.backend.store);
  for (auto wrong : {chap_answer_4321(8), chap_answer_4321(7, "0123456789abcdeF")}) {
    REQUIRE(wrong);
    std::string pin;
    const auto refused = with_chap("c-wrong", wrong, pin);
    REQUIRE(refused);
    CHECK(refused->code == ReturnCode::invalid_pin);
    CHECK_FALSE(refused->free_balance);
    CHECK(pin.empty());
    CHECK(dump(*w.backend.store) == before);
  }

  std::string pin;
  same_grant(w, "5101", with_chap("c-1", chap_answer_4321(), pin), ref, pin);

  // The two-step path checks the answer too.
  CallRequest two_step = w.request("5101", uk, "c-2");
  two_step.chap = chap_answer_4321(8);
  before = dump(*w.backend.store);
  CHECK(w.calls.authorize_call(two_step).code == ReturnCode::invalid_pin);
  CHECK(dump(*w.backend.store) == before);
  two_step.chap = chap_answer_4321();  // past the PIN check: c-1 holds the whole balance
  CHECK(w.calls.authorize_call(two_step).code == ReturnCode::zero_balance);
}

// A SIP digest answer (no qop) from user 5201 in realm sip.example.com to nonce 4f2e1a9b77
// for INVITE sip:00442071234567@gw, computed with Python's hashlib: with PIN 4321 (the PIN
// CallWorld::add_card gives) 7f2b098f...9fc456, with PIN 4322 29c66142...372b92fe.
inline std::optional<DigestResponse> digest_answer_5201(const char* response) {
  auto sub = [](unsigned char type, const std::string& value) {
    return std::string(1, static_cast<char>(type)) +
           std::string(1, static_cast<char>(value.size() + 2)) + value;
  };
  const std::string fields = sub(10, "5201") + sub(1, "sip.example.com") + sub(2, "4f2e1a9b77") +
                             sub(3, "INVITE") + sub(4, "sip:00442071234567@gw");
  const std::vector<std::string_view> attributes{fields};
  return DigestResponse::from(response, attributes);
}

TEST_CASE_TEMPLATE_DEFINE("a SIP digest answer is checked with the read; a mismatch goes on", B,
                          calls_with_digest) {
  // Proves authorize_with_pin with request.digest (draft-sterman, stage 2): the right answer
  // gets the grant and the reservation a PAP request gets and hands back the card's PIN (for
  // FreeRADIUS's digest module); a wrong one is not refused here but left to the two-step
  // path (nullopt), with nothing written and no PIN handed back.
  CallWorld<B> w;
  const std::string uk = "00442071234567";
  const auto ref = grant_with_pin(w, "520", uk);

  auto with_digest = [&](const std::string& session, const char* response, std::string& pin) {
    CallRequest r = w.request("5201", uk, session);
    r.digest = digest_answer_5201(response);
    REQUIRE(r.digest);
    return w.calls.authorize_with_pin(r, &pin);
  };
  const std::string before = dump(*w.backend.store);
  std::string pin;
  CHECK_FALSE(with_digest("d-wrong", "29c6614294e13fb95baace84372b92fe", pin));
  CHECK(pin.empty());
  CHECK(dump(*w.backend.store) == before);

  same_grant(w, "5201", with_digest("d-1", "7f2b098f14b6fbca892b0863809fc456", pin), ref, pin);
}

TEST_CASE_TEMPLATE_DEFINE("numbers that rate nowhere or are malformed are refused", B,
                          calls_destinations) {
  // Proves destination_blocked for unknown prefixes and invalid_argument for malformed input.
  CallWorld<B> w;
  w.add_card("5001", "5");
  CHECK(w.calls.authorize_call(w.request("5001", "0049301234", "d-1")).code ==
        ReturnCode::destination_blocked);
  CHECK(w.calls.authorize_call(w.request("5001", "44-20", "d-2")).code ==
        ReturnCode::invalid_argument);
  CHECK(w.calls.authorize_call(w.request("5001", "4420", "")).code == ReturnCode::invalid_argument);
  CHECK(w.calls.authorize_call(w.request("5001", "4420", "x", "")).code ==
        ReturnCode::invalid_argument);
  CHECK(w.calls.authorize_call(w.request("5001", "4420", std::string(129, 'x'))).code ==
        ReturnCode::invalid_argument);
  CHECK(w.calls.authorize_call(w.request("5001", "4420", "bad\nid")).code ==
        ReturnCode::invalid_argument);
  CHECK(w.state("5001").open_calls == 0);
}

TEST_CASE_TEMPLATE_DEFINE("start, interim and stop: one CDR, one ledger row, exact balance", B,
                          calls_accounting) {
  // Proves the Stop rates the real duration, debits exactly the CDR price and settles.
  CallWorld<B> w;
  w.add_card("6001", "5");
  auto d = w.calls.authorize_call(w.request("6001", "00442071234567", "acct-1"));
  REQUIRE(d.code == ReturnCode::ok);
  w.clock->advance(seconds(5));
  auto start = w.event(AccountingKind::start, "acct-1");
  CHECK(w.calls.record_accounting(start).outcome == AccountingOutcome::recorded);
  CHECK(w.calls.record_accounting(start).outcome == AccountingOutcome::duplicate);
  w.clock->advance(seconds(60));
  auto interim = w.calls.record_accounting(w.event(AccountingKind::interim, "acct-1", 60));
  CHECK(interim.outcome == AccountingOutcome::recorded);
  w.clock->advance(seconds(65));
  auto stop = w.event(AccountingKind::stop, "acct-1", 125);
  stop.disconnect_cause = "10";
  auto result = w.calls.record_accounting(stop);
  REQUIRE(result.outcome == AccountingOutcome::recorded);
  CHECK(result.charged == money("0.30"));  // 125 s = 3 started minutes at 0.10
  CHECK(result.billed_s == 180);
  CHECK(w.card("6001").balance == money("4.70"));
  auto cdrs = w.cdrs();
  REQUIRE(cdrs.size() == 1);
  CHECK(cdrs[0].price == money("0.30"));
  CHECK(cdrs[0].duration_s == 125);
  CHECK(cdrs[0].destination == "United Kingdom");
  CHECK(cdrs[0].from_snapshot);
  CHECK(cdrs[0].disconnect_cause == "10");
  CHECK(cdrs[0].connect_at == at(kT0 + 5));
  CHECK(w.state("6001").open_calls == 0);
  {
    const CardId id = w.card("6001").id;
    auto tx = w.backend.store->begin();
    auto ledger = tx->list_ledger(id, Page{});
    REQUIRE(ledger.size() == 2);
    CHECK(ledger[1].kind == LedgerKind::call_charge);
    CHECK(ledger[1].amount == money("-0.30"));
    CHECK(ledger[1].balance_after == money("4.70"));
    CHECK(ledger[1].reference == "cdr:" + std::to_string(cdrs[0].id));
  }
  // Repeated, late and reordered records change nothing more.
  const std::string before = dump(*w.backend.store);
  CHECK(w.calls.record_accounting(stop).outcome == AccountingOutcome::duplicate);
  CHECK(w.calls.record_accounting(start).outcome == AccountingOutcome::duplicate);
  CHECK(w.calls.record_accounting(w.event(AccountingKind::interim, "acct-1", 90)).outcome ==
        AccountingOutcome::duplicate);
  CHECK(dump(*w.backend.store) == before);
  CHECK(w.ledger_mismatches().empty());
}

TEST_CASE_TEMPLATE_DEFINE("a Stop never charges more than was granted or the account can pay", B,
                          calls_stop_limits) {
  // Proves the audit's overcharges are gone: a Stop reporting far more than its grant is billed
  // for the grant (overrun, the rest unbilled); with a tolerance that buys more than the
  // reservation, the charge is cut to what the account can pay (capped); a Stop never
  // authorized is capped likewise, counting the money held for the card's other calls; a
  // prepaid balance never goes below zero; each is flagged for review.
  CallPolicy policy;
  policy.max_call_duration_s = 7200;
  CallWorld<B> w(policy);
  w.add_card("6101", "20.00");
  auto granted = w.calls.authorize_call(w.request("6101", "4420", "long"));
  REQUIRE(granted.code == ReturnCode::ok);
  CHECK(granted.granted_s == 7200);
  CHECK(granted.reserved == money("12.00"));  // 120 minutes at 0.10
  REQUIRE(w.calls.record_accounting(w.event(AccountingKind::start, "long")).outcome ==
          AccountingOutcome::recorded);
  for (const std::uint32_t reported : {200000u, 86400u}) {
    CAPTURE(reported);
    auto stop = w.calls.record_accounting(w.event(AccountingKind::stop, "long", reported));
    if (reported == 200000u) {
      REQUIRE(stop.outcome == AccountingOutcome::recorded);
      CHECK(stop.charged == money("12.00"));
      CHECK(stop.review == "overrun");
      auto tariff = w.calls.tariff_cache()->current("retail");
      REQUIRE(tariff);
      auto whole = rating::price_call(tariff->tariff(), "4420", at(kT0), reported);
      REQUIRE(whole);
      CHECK(stop.unbilled == whole->total - money("12.00"));  // the rest of what was reported
    } else {
      CHECK(stop.outcome == AccountingOutcome::duplicate);  // one call, one charge
    }
  }
  CHECK(w.card("6101").balance == money("8.00"));
  {
    auto cdrs = w.cdrs();
    REQUIRE(cdrs.size() == 1);
    CHECK(cdrs[0].duration_s == 200000);  // as reported
    CHECK(cdrs[0].billed_s == 7200);
    CHECK(cdrs[0].review == "overrun");
    CHECK(cdrs[0].rating_detail.find("OVERRUN: reported 200000 s") != std::string::npos);
  }

  // A tolerance that bills past the reservation: cut to what the card holds, never below 0.
  CallPolicy tolerant = policy;
  tolerant.overrun_tolerance_s = 120;
  CallWorld<B> t(tolerant);
  t.add_card("6102", "1.00");
  auto small = t.calls.authorize_call(t.request("6102", "4420", "small"));
  REQUIRE(small.code == ReturnCode::ok);
  CHECK(small.granted_s == 600);  // 1.00 buys 10 minutes
  auto over = t.calls.record_accounting(t.event(AccountingKind::stop, "small", 700));
  REQUIRE(over.outcome == AccountingOutcome::recorded);
  CHECK(over.charged == money("1.00"));  // 700 s billed 12 minutes = 1.20, capped
  CHECK(over.review == "capped");
  CHECK(over.unbilled == money("0.20"));
  CHECK(t.card("6102").balance == money("0.00"));

  // Never authorized: rated, capped to what is free beside the other call's hold, flagged.
  t.add_card("6103", "1.00", 2);
  auto held = t.calls.authorize_call(t.request("6103", "4420", "held"));
  REQUIRE(held.code == ReturnCode::ok);
  CHECK(held.reserved == money("1.00"));
  auto rogue = t.event(AccountingKind::stop, "rogue", 3600);
  rogue.account = "6103";
  rogue.called = "+4420";
  auto unauthorized = t.calls.record_accounting(rogue);
  REQUIRE(unauthorized.outcome == AccountingOutcome::recorded);
  CHECK(unauthorized.charged == money("0.00"));
  CHECK(unauthorized.review == "unauthorized,capped");
  CHECK(unauthorized.unbilled == money("6.00"));
  auto held_stop = t.calls.record_accounting(t.event(AccountingKind::stop, "held", 600));
  CHECK(held_stop.charged == money("1.00"));
  CHECK(held_stop.review.empty());
  CHECK(t.card("6103").balance == money("0.00"));

  // No duration anywhere: recorded at 0 and flagged; another number than authorized: flagged.
  t.add_card("6104", "5.00", 2);
  REQUIRE(t.calls.authorize_call(t.request("6104", "4420", "quiet")).code == ReturnCode::ok);
  auto quiet = t.calls.record_accounting(t.event(AccountingKind::stop, "quiet"));
  CHECK(quiet.charged == money("0.00"));
  CHECK(quiet.review == "no-duration");
  REQUIRE(t.calls.authorize_call(t.request("6104", "4420", "swap")).code == ReturnCode::ok);
  auto swap = t.event(AccountingKind::stop, "swap", 60);
  swap.called = "+905321234567";
  auto swapped = t.calls.record_accounting(swap);
  CHECK(swapped.charged == money("0.10"));  // the UK minute it was granted for
  CHECK(swapped.review == "called-differs");
  CHECK(t.ledger_mismatches().empty());
  CallQuery review;
  review.from = at(kT0 - 86400);
  review.to = at(kT0 + 86400);
  review.review_only = true;
  auto flagged = CallHistory(t.backend.store, t.clock).calls(Actor::system("t"), review, Page{});
  REQUIRE(flagged);
  CHECK(flagged->size() == 4);  // capped, unauthorized, no-duration, called-differs
}

TEST_CASE_TEMPLATE_DEFINE("wrong PINs lock the card, whatever PIN comes next, until time or unlock",
                          B, calls_pin_lock) {
  // Proves PIN guessing is stopped: after pin_attempts wrong PINs, each within pin_lock_s of
  // the one before, every path refuses the card with retries_exceeded (the right PIN too),
  // the lock is audited, it ends by itself after pin_lock_s or at once by `cards unlock`, and
  // wrong PINs further apart than pin_lock_s never add up.
  CallPolicy policy;
  policy.pin_attempts = 3;
  policy.pin_lock_s = 600;
  policy.max_call_duration_s = 60;  // each grant holds 0.10 of the card's 5.00
  CallWorld<B> w(policy);
  w.add_card("6201", "5.00", 5);
  auto with = [&](const char* pin, const std::string& session) {
    CallRequest r = w.request("6201", "4420", session);
    r.pin = pin;
    return r;
  };
  CHECK(w.calls.authorize_call(with("1111", "g1")).code == ReturnCode::invalid_pin);
  auto second = w.calls.authorize_with_pin(with("2222", "g2"));
  REQUIRE(second);
  CHECK(second->code == ReturnCode::invalid_pin);
  CHECK_FALSE(second->locked_until);
  auto third = w.calls.authorize_call(with("3333", "g3"));
  CHECK(third.code == ReturnCode::invalid_pin);
  REQUIRE(third.locked_until);
  CHECK(*third.locked_until == at(kT0 + 600));
  CHECK(w.card("6201").locked_until == at(kT0 + 600));
  // The right PIN now: refused the same way by every path, nothing reserved.
  CHECK(w.calls.authorize_call(with("4321", "r1")).code == ReturnCode::retries_exceeded);
  auto pin_path = w.calls.authorize_with_pin(with("4321", "r2"));
  REQUIRE(pin_path);
  CHECK(pin_path->code == ReturnCode::retries_exceeded);
  CHECK(w.calls.lookup_account("6201").code == ReturnCode::retries_exceeded);
  CHECK(w.calls.authenticate("6201", "4321") == ReturnCode::retries_exceeded);
  CHECK(w.state("6201").open_calls == 0);
  {
    auto tx = w.backend.store->begin();
    AuditFilter f;
    f.object = "card:6201";
    auto rows = tx->list_audit(f, Page{});
    tx->commit();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == "card.lock");
    CHECK(rows[0].after.find("4321") == std::string::npos);
  }
  // By time.
  w.clock->advance(seconds(600));
  CHECK(w.calls.authorize_call(with("4321", "r3")).code == ReturnCode::ok);
  // By an administrator, at once.
  for (const char* wrong : {"1", "2", "3"})
    CHECK(w.calls.authorize_call(with(wrong, std::string("h") + wrong)).code ==
          ReturnCode::invalid_pin);
  CHECK(w.calls.authorize_call(with("4321", "r4")).code == ReturnCode::retries_exceeded);
  CardService cards(w.backend.store, w.clock);
  CHECK_FALSE(cards.unlock(Actor{"op", Role::operator_, "test"}, "6201"));
  auto unlocked = cards.unlock(Actor{"boss", Role::administrator, "test"}, "6201");
  REQUIRE(unlocked);
  CHECK_FALSE(unlocked->locked_until);
  CHECK(unlocked->pin_failures == 0);
  CHECK(w.calls.authorize_call(with("4321", "r5")).code == ReturnCode::ok);
  // Wrong PINs further apart than the lock time start a new count each time.
  for (int i = 0; i < 5; ++i) {
    w.clock->advance(seconds(601));
    CHECK(w.calls.authorize_call(with("9999", "far" + std::to_string(i))).code ==
          ReturnCode::invalid_pin);
  }
  CHECK(w.card("6201").pin_failures == 1);
  CHECK_FALSE(w.card("6201").locked_until);
}

TEST_CASE_TEMPLATE_DEFINE("a call keeps the price it was granted when the tariff changes", B,
                          calls_snapshot) {
  // Proves the Stop uses the reservation's snapshot and new calls use the new version.
  CallPolicy policy;
  policy.max_call_duration_s = 600;
  CallWorld<B> w(policy);
  w.add_card("7001", "10", 2);
  auto old_call = w.calls.authorize_call(w.request("7001", "4420", "old"));
  REQUIRE(old_call.code == ReturnCode::ok);
  add_retail_tariff(*w.backend.store, "0.20");  // the UK rate doubles
  auto new_call = w.calls.authorize_call(w.request("7001", "4420", "new"));
  REQUIRE(new_call.code == ReturnCode::ok);
  CHECK(old_call.reserved == money("1.00"));  // 600 s at 0.10 per minute
  CHECK(new_call.reserved == money("2.00"));  // 600 s at 0.20 per minute
  w.clock->advance(seconds(120));
  auto a = w.calls.record_accounting(w.event(AccountingKind::stop, "old", 120));
  auto b = w.calls.record_accounting(w.event(AccountingKind::stop, "new", 120));
  CHECK(a.charged == money("0.20"));
  CHECK(b.charged == money("0.40"));
  CHECK(w.card("7001").balance == money("9.40"));
}

TEST_CASE_TEMPLATE_DEFINE("a Stop without authorization is rated with the current tariff", B,
                          calls_stop_without_reservation) {
  // Proves lost authorizations still bill, and unbillable Stops are refused without changes.
  CallWorld<B> w;
  w.add_card("8001", "5");
  auto stop = w.event(AccountingKind::stop, "lost-auth", 61);
  stop.account = "8001";
  stop.called = "00359888123456";
  auto r = w.calls.record_accounting(stop);
  REQUIRE(r.outcome == AccountingOutcome::recorded);
  CHECK(r.charged == money("0.07"));  // 61 s at 0.06 per minute = 0.061, up to the cent
  CHECK(w.card("8001").balance == money("4.93"));
  CHECK_FALSE(w.cdrs().at(0).from_snapshot);
  CHECK(w.calls.record_accounting(stop).outcome == AccountingOutcome::duplicate);

  const std::string before = dump(*w.backend.store);
  auto unknown = stop;
  unknown.key.session_id = "lost-2";
  unknown.account = "8999";
  CHECK(w.calls.record_accounting(unknown).code == ReturnCode::invalid_account);
  unknown.account = "";
  CHECK(w.calls.record_accounting(unknown).code == ReturnCode::invalid_account);
  // A card whose tariff is gone: the call is recorded unrated (no charge) and acknowledged, not
  // retransmitted forever.
  Card ghost = w.add_card("8002", "5");
  {
    auto tx = w.backend.store->begin();
    auto c = tx->lock_card("8002");
    c->tariff = "ghost";
    tx->update_card(*c);
    tx->commit();
  }
  auto orphan = stop;
  orphan.key.session_id = "ghost-1";
  orphan.account = "8002";
  auto unrated = w.calls.record_accounting(orphan);
  CHECK(unrated.outcome == AccountingOutcome::recorded);
  CHECK(unrated.charged.is_zero());
  CHECK(unrated.message.find("UNRATED") != std::string::npos);
  CHECK(w.card("8002").balance == money("5"));
  const std::string after_unrated = dump(*w.backend.store);

  auto start = w.event(AccountingKind::start, "never-authorized");
  CHECK(w.calls.record_accounting(start).outcome == AccountingOutcome::no_reservation);
  CHECK(dump(*w.backend.store) == after_unrated);
}

TEST_CASE_TEMPLATE_DEFINE("Accounting-On closes the NAS's sessions, charging known usage", B,
                          calls_accounting_on) {
  // Proves NAS reboot handling: usage from interims is charged, the rest released.
  CallPolicy policy;
  policy.max_call_duration_s = 600;
  CallWorld<B> w(policy);
  w.add_card("9001", "10", 5);
  REQUIRE(w.calls.authorize_call(w.request("9001", "4420", "a", "nas-1")).code == ReturnCode::ok);
  REQUIRE(w.calls.authorize_call(w.request("9001", "4420", "b", "nas-1")).code == ReturnCode::ok);
  REQUIRE(w.calls.authorize_call(w.request("9001", "4420", "c", "nas-2")).code == ReturnCode::ok);
  w.calls.record_accounting(w.event(AccountingKind::start, "a", std::nullopt, "nas-1"));
  w.clock->advance(seconds(90));
  w.calls.record_accounting(w.event(AccountingKind::interim, "a", 90, "nas-1"));
  auto on = w.event(AccountingKind::accounting_on, "", std::nullopt, "nas-1");
  auto r = w.calls.record_accounting(on);
  CHECK(r.outcome == AccountingOutcome::sessions_closed);
  CHECK(r.sessions_closed == 2);
  CHECK(r.charged == money("0.20"));
  CHECK(w.state("9001").open_calls == 1);  // nas-2's call is untouched
  CHECK(w.card("9001").balance == money("9.80"));
  CHECK(w.calls.record_accounting(on).sessions_closed == 0);
  // A late Stop of a closed session charges nothing more.
  CHECK(w.calls.record_accounting(w.event(AccountingKind::stop, "a", 300, "nas-1")).outcome ==
        AccountingOutcome::duplicate);
  CHECK(w.ledger_mismatches().empty());
}

TEST_CASE_TEMPLATE_DEFINE("a reservation past its granted time plus grace stops counting", B,
                          calls_expiry) {
  // Proves a lost Stop never locks a card: expiry frees the call slot and the money.
  CallPolicy policy;
  policy.max_call_duration_s = 300;
  policy.answer_window_s = 30;
  policy.grace_s = 20;
  CallWorld<B> w(policy);
  w.add_card("9101", "1");
  auto d = w.calls.authorize_call(w.request("9101", "4420", "lost"));
  REQUIRE(d.code == ReturnCode::ok);
  CHECK(d.granted_s == 300);
  w.calls.record_accounting(w.event(AccountingKind::start, "lost"));
  w.clock->advance(seconds(300 + 20 - 1));
  CHECK(w.calls.authorize_call(w.request("9101", "4420", "next")).code == ReturnCode::in_use);
  w.clock->advance(seconds(1));
  auto next = w.calls.authorize_call(w.request("9101", "4420", "next"));
  CHECK(next.code == ReturnCode::ok);
  CHECK(next.free_balance->money == money("1"));
  CHECK(w.calls.expire_reservations() == 1);
  // The lost call's late Stop is still charged (with its snapshot).
  auto late = w.calls.record_accounting(w.event(AccountingKind::stop, "lost", 100));
  CHECK(late.charged == money("0.20"));
  CHECK(w.ledger_mismatches().empty());
}

TEST_CASE_TEMPLATE_DEFINE("bad input gets the right code and changes nothing", B, calls_bad_input) {
  // Proves hostile or absurd values in every field are refused without touching the store.
  // (A wrong or malformed PIN would count towards a lock: not here, pin_attempts = 0.)
  CallWorld<B> w(CallPolicy{.pin_attempts = 0});
  w.add_card("9201", "5");
  const std::string evil = "1'; DROP TABLE card; --";
  const std::string before = dump(*w.backend.store);
  struct Case {
    CallRequest request;
    ReturnCode expected;
  };
  std::vector<Case> cases;
  auto base = w.request("9201", "4420", "ok-session");
  auto add = [&](auto change, ReturnCode code) {
    CallRequest r = base;
    change(r);
    cases.push_back({r, code});
  };
  add([&](CallRequest& r) { r.account = evil; }, ReturnCode::invalid_account);
  add([&](CallRequest& r) { r.account = "9299"; }, ReturnCode::invalid_account);
  add([&](CallRequest& r) { r.account = std::string(40, '1'); }, ReturnCode::invalid_account);
  add([&](CallRequest& r) { r.account = ""; }, ReturnCode::invalid_account);
  add([&](CallRequest& r) { r.pin = evil; }, ReturnCode::invalid_pin);
  add([&](CallRequest& r) { r.pin = "0000"; }, ReturnCode::invalid_pin);
  add([&](CallRequest& r) { r.called = evil; }, ReturnCode::invalid_argument);
  add([&](CallRequest& r) { r.called = "44\x01"; }, ReturnCode::invalid_argument);
  add([&](CallRequest& r) { r.called = std::string(100, '4'); }, ReturnCode::invalid_argument);
  add([&](CallRequest& r) { r.calling = std::string(200, '1'); }, ReturnCode::invalid_argument);
  add([&](CallRequest& r) { r.key.session_id = evil + "\n"; }, ReturnCode::invalid_argument);
  add([&](CallRequest& r) { r.key.nas = std::string(65, 'n'); }, ReturnCode::invalid_argument);
  add([&](CallRequest& r) { r.called = "999999"; }, ReturnCode::destination_blocked);
  for (const Case& c : cases) {
    CAPTURE(c.request.account);
    CAPTURE(c.request.called);
    CHECK(w.calls.authorize_call(c.request).code == c.expected);
  }
  std::vector<AccountingEvent> events;
  auto stop = w.event(AccountingKind::stop, "x", 60);
  stop.account = evil;
  events.push_back(stop);
  stop.account = "9201";
  stop.session_time_s = 4000000000u;
  events.push_back(stop);
  stop.session_time_s = 60;
  stop.key.session_id = "";
  events.push_back(stop);
  stop.key.session_id = "x";
  stop.called = "44\t20";
  events.push_back(stop);
  stop.called = "4420";
  stop.disconnect_cause = std::string(100, 'c');
  events.push_back(stop);
  auto on = w.event(AccountingKind::accounting_on, "", std::nullopt, evil + "\x7f");
  events.push_back(on);
  for (const auto& e : events) {
    auto r = w.calls.record_accounting(e);
    CHECK(r.outcome == AccountingOutcome::refused);
    CHECK(r.code != ReturnCode::ok);
  }
  CHECK(dump(*w.backend.store) == before);
}

}  // namespace prepaid::billing::testing

// decide_call(): the one decision of every authorization path, on hand-made card reads.
#include "billing/calls/call_decision.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "contract_fixtures.h"
#include "rating/tariff_file.h"

namespace prepaid::billing::testing {
namespace {

// UK at 0.60 per minute billed per minute, EUR, UTC.
std::shared_ptr<const CachedTariff> uk_tariff(std::int64_t version) {
  auto load = rating::parse_tariff_text(
      "[tariff]\nname = retail\ncurrency = EUR\nzone = UTC\nbase = base\n"
      "[pricelist base]\nprefix,destination,rate\n44,United Kingdom,0.60\n");
  REQUIRE(load.problems.empty());
  return std::make_shared<CachedTariff>(load.tariff, version);
}

struct Situation {
  CallPolicy policy;
  CardState st;
  CallRequest request;
  std::shared_ptr<const CachedTariff> tariff = uk_tariff(3);

  Situation() {
    st.card = make_card("700100", "4321");
    st.card.balance = money("1.20");
    st.tariff_version = 3;
    request.account = "700100";
    request.pin = "4321";
    request.called = "+4420";
    request.key = SessionKey{"192.0.2.1", "s1"};
  }
  Verdict decide(CardLock lock = CardLock::read, const Reservation* earlier = nullptr) const {
    return decide_call(DecisionInput{&request, at(kT0), &st, lock, earlier, tariff.get(), &policy});
  }
};

}  // namespace

TEST_CASE("a grant: what the free balance pays, the reservation to write") {
  // Proves the ordinary stage 2: 1.20 free at 0.60 per minute buys 120 s, all of it reserved.
  Situation s;
  const Verdict v = s.decide();
  REQUIRE(v.next == Verdict::Next::reserve);
  CHECK(v.pin_matched);
  CHECK(v.decision.code == ReturnCode::ok);
  CHECK(v.decision.granted_s == 120);
  CHECK(v.reservation.amount == money("1.20"));
  CHECK(v.reservation.key == s.request.key);
  CHECK(v.reservation.tariff_version == 3);
  CHECK_FALSE(v.activate);
}

TEST_CASE("the lock comes before the PIN: the same answer for every PIN") {
  // Proves a locked card is refused with code 10 whether the PIN is right or wrong, and that
  // the PIN is then not reported as matched.
  Situation s;
  s.st.card.locked_until = at(kT0 + 60);
  for (const char* pin : {"4321", "0000"}) {
    s.request.pin = pin;
    const Verdict v = s.decide();
    CHECK(v.next == Verdict::Next::answer);
    CHECK(v.decision.code == ReturnCode::retries_exceeded);
    CHECK_FALSE(v.pin_matched);
  }
  s.st.card.locked_until = at(kT0);  // ended
  s.request.pin = "4321";
  CHECK(s.decide().next == Verdict::Next::reserve);
}

TEST_CASE("a wrong PIN, a wrong digest, and the refusals after the PIN") {
  // Proves a wrong PIN is code 2, a digest that does not match goes to FreeRADIUS's digest
  // module (elsewhere), and status and balance refusals say the PIN matched.
  Situation s;
  s.request.pin = "1234";
  CHECK(s.decide().decision.code == ReturnCode::invalid_pin);
  s.request.pin.reset();
  // A digest without qop (RFC 2069 form) whose answer is not the one PIN 4321 gives.
  auto sub = [](unsigned char type, const std::string& value) {
    return std::string(1, static_cast<char>(type)) +
           std::string(1, static_cast<char>(value.size() + 2)) + value;
  };
  const std::vector<std::string> fields{sub(1, "sip.example.com"), sub(2, "4f2e1a9b77"),
                                        sub(3, "INVITE"), sub(4, "sip:0044207@gw"),
                                        sub(10, "700100")};
  const std::vector<std::string_view> views(fields.begin(), fields.end());
  s.request.digest = DigestResponse::from(std::string(32, 'a'), views);
  REQUIRE(s.request.digest);
  CHECK(s.decide().next == Verdict::Next::elsewhere);
  s.request.digest.reset();
  s.request.pin = "4321";
  s.st.card.status = CardStatus::disabled;
  Verdict disabled = s.decide();
  CHECK(disabled.decision.code == ReturnCode::disabled);
  CHECK(disabled.pin_matched);
  s.st.card.status = CardStatus::new_;
  s.st.card.activation = ActivationMode::manual;
  Verdict inactive = s.decide();
  CHECK(inactive.decision.code == ReturnCode::disabled);
  CHECK(inactive.decision.reply_message == "Account not activated");
  s.st.card.status = CardStatus::active;
  s.st.reserved = money("1.20");
  CHECK(s.decide().decision.code == ReturnCode::zero_balance);
}

TEST_CASE("a first use and a repeated key are decided under the card's lock") {
  // Proves a read sends them to the locked path, and that under the lock a first use is
  // activated with its grant and a repeated key is decided afresh with the earlier grant
  // taken out of the sums (or refused once its call started).
  Situation s;
  s.st.card.status = CardStatus::new_;
  CHECK(s.decide().next == Verdict::Next::lock);
  const Verdict first = s.decide(CardLock::held);
  CHECK(first.next == Verdict::Next::reserve);
  CHECK(first.activate);
  CHECK(first.decision.activated);

  Situation r;
  Reservation earlier = make_reservation(r.st.card.id, "192.0.2.1", "s1", "1.20", kT0 + 600);
  earlier.card_id = r.st.card.id;
  r.st.existing = 9;
  r.st.reserved = money("1.20");
  r.st.open_calls = 1;
  CHECK(r.decide().next == Verdict::Next::lock);
  const Verdict again = r.decide(CardLock::held, &earlier);
  REQUIRE(again.next == Verdict::Next::reserve);
  CHECK(again.decision.repeated);
  CHECK(again.decision.granted_s == 120);  // the earlier 1.20 counts no more
  earlier.state = ReservationState::started;
  earlier.started_at = at(kT0 - 10);
  CHECK(r.decide(CardLock::held, &earlier).decision.code == ReturnCode::invalid_argument);
  Reservation other = earlier;
  other.card_id = r.st.card.id + 1;
  CHECK(r.decide(CardLock::held, &other).decision.message ==
        "session id already used by another account");
}

TEST_CASE("the tariff: missing, not built yet at the version read, or another currency") {
  // Proves a missing tariff is code 8, one the cache has not built at the version read asks
  // for it (never decided on another version), and a currency mismatch is code 8.
  Situation s;
  s.st.tariff_version = 0;
  CHECK(s.decide().decision.code == ReturnCode::service_unavailable);
  s.st.tariff_version = 4;
  CHECK(s.decide().next == Verdict::Next::tariff);
  s.tariff = nullptr;
  CHECK(s.decide().next == Verdict::Next::tariff);
  s.st.tariff_version = 3;
  s.tariff = uk_tariff(3);
  s.st.card.currency = "USD";
  CHECK(s.decide().decision.code == ReturnCode::service_unavailable);
}

TEST_CASE("stage 1: the free balance, nothing reserved") {
  // Proves a request without a called number answers with the free balance and no grant.
  Situation s;
  s.request.called.clear();
  s.st.reserved = money("0.20");
  const Verdict v = s.decide();
  CHECK(v.next == Verdict::Next::answer);
  CHECK(v.decision.code == ReturnCode::ok);
  REQUIRE(v.decision.free_balance);
  CHECK(v.decision.free_balance->money == money("1.00"));
  CHECK(v.decision.granted_s == 0);
}

}  // namespace prepaid::billing::testing

namespace prepaid::billing::testing {

TEST_CASE("a shop's booth is refused until the counter opens it; then granted as any card") {
  // Proves the booth check of decide_call: a shop's booth without an open session is refused
  // with code 7 and "Booth not open" (stage 1 and stage 2, whatever its balance), an open one
  // gets the ordinary grant, and a booth account of no shop is not concerned.
  Situation s;
  s.st.card.kind = CardKind::booth;
  s.st.shop_booth = true;
  for (const bool stage2 : {true, false}) {
    s.request.called = stage2 ? "+4420" : "";
    const Verdict v = s.decide();
    CHECK(v.next == Verdict::Next::answer);
    CHECK(v.decision.code == ReturnCode::disabled);
    CHECK(v.decision.reply_message == "Booth not open");
    CHECK(v.pin_matched);
  }
  s.request.called = "+4420";
  s.st.booth_open = true;
  const Verdict open = s.decide();
  REQUIRE(open.next == Verdict::Next::reserve);
  CHECK(open.decision.granted_s == 120);
  s.st.shop_booth = false;
  s.st.booth_open = false;
  CHECK(s.decide().next == Verdict::Next::reserve);
}

}  // namespace prepaid::billing::testing

#pragma once
/// @file disconnect_service_cases.h
/// @brief NasService and DisconnectService cases, templates over the store backend, with a
/// stand-in sender (the UDP client is tested in tests/dynauth, the wire end to end in
/// tests/radius/e2e_disconnect_test.cc).

#include <doctest/doctest.h>

#include <mutex>
#include <string>
#include <vector>

#include "billing/disconnect/disconnect_service.h"
#include "billing/disconnect/nas_service.h"
#include "billing/operators/audit_log.h"
#include "call_world.h"
#include "card_service_cases.h"

namespace prepaid::billing::testing {

/// @brief Answers what it is told and remembers what it was asked to send.
class FakeSender final : public DisconnectSender {
 public:
  struct Sent {
    dynauth::DaeTarget target;
    dynauth::CallIdentity call;
    dynauth::RetryPolicy policy;
    std::uint32_t event_timestamp = 0;
  };
  dynauth::DisconnectResult answer{dynauth::Outcome::ack, std::nullopt, 1,
                                   std::chrono::milliseconds(3), ""};
  std::vector<Sent> sent;
  dynauth::DisconnectResult send(const dynauth::DaeTarget& target,
                                 const dynauth::CallIdentity& call,
                                 const dynauth::RetryPolicy& policy,
                                 std::uint32_t event_timestamp) override {
    sent.push_back({target, call, policy, event_timestamp});
    return answer;
  }
};

inline NasClient nas_settings(const std::string& nas, const std::string& secret = "s3cr3t") {
  NasClient n;
  n.nas = nas;
  n.dae_address = nas;
  n.dae_port = 3799;
  n.secret = secret;
  return n;
}

TEST_CASE_TEMPLATE_DEFINE("NAS settings: added, changed, listed without secret, removed", B,
                          nas_clients) {
  // Proves the NAS settings' life cycle, that no answer, listing or audit row carries the
  // secret, and that every refusal changes nothing.
  CallWorld<B> w;
  NasService nas(w.backend.store, w.clock);
  const auto added = nas.add(admin_actor(), nas_settings("10.0.0.1", "top-secret-1"));
  REQUIRE(added);
  CHECK(added->secret.empty());
  CHECK(added->dae_port == 3799);
  const std::string before = dump(*w.backend.store);
  CHECK(nas.add(admin_actor(), nas_settings("10.0.0.1")).problem().code == ErrorCode::conflict);
  CHECK(nas.add(operator_actor(), nas_settings("10.0.0.2")).problem().code == ErrorCode::forbidden);
  CHECK(nas.add(admin_actor(), nas_settings("gw.example")).problem().field == "nas");
  auto bad = nas_settings("10.0.0.2");
  bad.dae_address = "not-an-ip";
  CHECK(nas.add(admin_actor(), bad).problem().field == "dae_address");
  bad = nas_settings("10.0.0.2", "");
  CHECK(nas.add(admin_actor(), bad).problem().field == "secret");
  bad = nas_settings("10.0.0.2", "tab\there");
  CHECK(nas.add(admin_actor(), bad).problem().field == "secret");
  bad = nas_settings("10.0.0.2");
  bad.dae_port = 0;
  CHECK(nas.add(admin_actor(), bad).problem().field == "dae_port");
  CHECK(nas.configure(admin_actor(), "10.0.0.9", NasChange{std::nullopt, 1700, std::nullopt})
            .problem()
            .code == ErrorCode::not_found);
  CHECK(nas.configure(admin_actor(), "10.0.0.1", NasChange{}).problem().code ==
        ErrorCode::invalid_argument);
  CHECK(nas.remove(admin_actor(), "10.0.0.9").problem().code == ErrorCode::not_found);
  CHECK(dump(*w.backend.store) == before);

  const auto changed =
      nas.configure(admin_actor(), "10.0.0.1", NasChange{"127.0.0.2", 1700, "top-secret-2"});
  REQUIRE(changed);
  CHECK(changed->dae_address == "127.0.0.2");
  CHECK(changed->dae_port == 1700);
  CHECK(changed->secret.empty());
  {
    auto tx = w.backend.store->begin();
    const auto stored = tx->find_nas_client("10.0.0.1");
    REQUIRE(stored);
    CHECK(stored->secret == "top-secret-2");
  }
  const auto listed = nas.list(operator_actor());
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK(listed->at(0).secret.empty());

  AuditLog audit(w.backend.store);
  const auto rows = audit.list(admin_actor(), AuditFilter{}, Page{});
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  for (const auto& row : *rows) {
    CHECK(row.object == "nas:10.0.0.1");
    CHECK(row.after.find("top-secret") == std::string::npos);
    CHECK(row.before.find("top-secret") == std::string::npos);
  }
  REQUIRE(nas.remove(admin_actor(), "10.0.0.1"));
  CHECK(nas.list(admin_actor())->empty());
}

TEST_CASE_TEMPLATE_DEFINE("a call is stopped with the NAS's own names and the answer recorded", B,
                          disconnect_call) {
  // Proves the Disconnect-Request names the call as the NAS did, goes to the NAS's DAE
  // address with its secret, is recorded with its outcome and audited (no secret), and leaves
  // the reservation to the Stop.
  CallWorld<B> w;
  NasService nas(w.backend.store, w.clock);
  REQUIRE(nas.add(admin_actor(), NasClient{"10.0.0.1", "127.0.0.5", 1700, "k3y", {}, {}}));
  auto sender = std::make_shared<FakeSender>();
  DisconnectService stopper(w.backend.store, sender, {}, w.clock);
  w.add_card("3001", "10");
  auto r = w.request("3001", "00442071234567", "931C146B");
  r.nas_identity = NasIdentity{"3001", "000B5571", "192.0.2.10"};
  REQUIRE(w.calls.authorize_call(r).code == ReturnCode::ok);

  sender->answer = {dynauth::Outcome::nak, 503u, 3, std::chrono::milliseconds(12),
                    "Session Context Not Found"};
  const auto attempt = stopper.disconnect(operator_actor(), SessionKey{"10.0.0.1", "931C146B"});
  REQUIRE(attempt);
  REQUIRE(sender->sent.size() == 1);
  const auto& sent = sender->sent[0];
  CHECK(sent.target.address == "127.0.0.5");
  CHECK(sent.target.port == 1700);
  CHECK(sent.target.secret == "k3y");
  CHECK(sent.call.user_name == "3001");
  CHECK(sent.call.acct_session_id == "000B5571");
  CHECK(sent.call.nas_ip_address == "192.0.2.10");
  CHECK(sent.event_timestamp == static_cast<std::uint32_t>(kT0));
  CHECK(attempt->outcome == dynauth::Outcome::nak);
  CHECK(attempt->error_cause == 503u);
  CHECK(attempt->attempts == 3);
  CHECK(attempt->card_number == "3001");

  const auto listed = stopper.list(operator_actor(), DisconnectFilter{}, Page{});
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  const auto& row = listed->at(0);
  CHECK(row.id == attempt->id);
  CHECK(row.actor == "olga");
  CHECK(row.reason == DisconnectReason::operator_request);
  CHECK(row.key == SessionKey{"10.0.0.1", "931C146B"});
  CHECK(row.outcome == dynauth::Outcome::nak);
  CHECK(row.error_cause == 503u);
  CHECK(row.attempts == 3);
  CHECK(row.elapsed_ms == 12);
  CHECK(row.dae_address == "127.0.0.5");
  CHECK(row.dae_port == 1700);
  CHECK(row.detail == "Session Context Not Found");

  AuditLog audit(w.backend.store);
  const auto rows = audit.list(admin_actor(), AuditFilter{{}, {}, "", "call.", ""}, Page{});
  REQUIRE(rows);
  REQUIRE(rows->size() == 1);
  CHECK(rows->at(0).object == "call:10.0.0.1/931C146B");
  CHECK(rows->at(0).after.find("\"nak\"") != std::string::npos);
  CHECK(rows->at(0).after.find("k3y") == std::string::npos);

  auto tx = w.backend.store->begin();
  const auto reservation = tx->find_reservation(SessionKey{"10.0.0.1", "931C146B"});
  REQUIRE(reservation);
  CHECK(reservation->state == ReservationState::reserved);  // the Stop settles it
  CHECK(reservation->nas_identity == NasIdentity{"3001", "000B5571", "192.0.2.10"});
}

TEST_CASE_TEMPLATE_DEFINE("an unknown NAS, session or finished call is refused, nothing sent", B,
                          disconnect_refusals) {
  // Proves each refusal names its input, sends nothing and changes nothing.
  CallWorld<B> w;
  NasService nas(w.backend.store, w.clock);
  REQUIRE(nas.add(admin_actor(), nas_settings("10.0.0.1")));
  auto sender = std::make_shared<FakeSender>();
  DisconnectService stopper(w.backend.store, sender, {}, w.clock);
  w.add_card("3001", "100", 2);
  REQUIRE(w.calls.authorize_call(w.request("3001", "00442071234567", "c-1")).code ==
          ReturnCode::ok);
  REQUIRE(w.calls.authorize_call(w.request("3001", "00442071234567", "c-2", "10.0.0.7")).code ==
          ReturnCode::ok);
  w.calls.record_accounting(w.event(AccountingKind::stop, "c-1", 30));  // c-1 has ended
  const std::string before = dump(*w.backend.store);

  auto p = stopper.disconnect(operator_actor(), SessionKey{"10.0.0.7", "c-2"});
  CHECK(p.problem().code == ErrorCode::not_found);
  CHECK(p.problem().field == "nas");
  CHECK(p.problem().message.find("unknown NAS 10.0.0.7") != std::string::npos);
  p = stopper.disconnect(operator_actor(), SessionKey{"10.0.0.1", "nope"});
  CHECK(p.problem().code == ErrorCode::not_found);
  CHECK(p.problem().field == "session_id");
  p = stopper.disconnect(operator_actor(), SessionKey{"10.0.0.1", "c-1"});
  CHECK(p.problem().field == "session_id");
  CHECK(stopper.disconnect(operator_actor(), SessionKey{"10.0.0.1", ""}).problem().field ==
        "session_id");
  CHECK(stopper
            .disconnect(operator_actor(), SessionKey{"10.0.0.1", "c-1"},
                        dynauth::RetryPolicy{std::chrono::milliseconds(5), 1})
            .problem()
            .field == "timeout_ms");
  CHECK(stopper.disconnect_card(operator_actor(), "9999", DisconnectReason::operator_request)
            .problem()
            .code == ErrorCode::not_found);
  CHECK(stopper.disconnect_card(operator_actor(), "12a", DisconnectReason::operator_request)
            .problem()
            .field == "card");
  CHECK(sender->sent.empty());
  CHECK(dump(*w.backend.store) == before);
}

TEST_CASE_TEMPLATE_DEFINE("every call of a card is stopped; a NAS without settings is recorded", B,
                          disconnect_card) {
  // Proves disconnect_card reaches each call in progress of the card (not its ended ones nor
  // other cards'), falls back to the source address and card number when the NAS sent no
  // NAS-IP-Address or User-Name, and records a call whose NAS has no settings as an error.
  CallWorld<B> w;
  NasService nas(w.backend.store, w.clock);
  REQUIRE(nas.add(admin_actor(), nas_settings("10.0.0.1")));
  auto sender = std::make_shared<FakeSender>();
  DisconnectService stopper(w.backend.store, sender, {}, w.clock);
  w.add_card("3001", "100", 3);
  w.add_card("3002", "20");
  REQUIRE(w.calls.authorize_call(w.request("3001", "00442071234567", "a")).code == ReturnCode::ok);
  REQUIRE(w.calls.authorize_call(w.request("3001", "00442071234567", "b", "10.0.0.8")).code ==
          ReturnCode::ok);
  REQUIRE(w.calls.authorize_call(w.request("3002", "00442071234567", "c")).code == ReturnCode::ok);
  const auto stopped =
      stopper.disconnect_card(admin_actor(), "3001", DisconnectReason::card_disabled);
  REQUIRE(stopped);
  REQUIRE(stopped->size() == 2);
  REQUIRE(sender->sent.size() == 1);
  CHECK(sender->sent[0].call.user_name == "3001");
  CHECK(sender->sent[0].call.nas_ip_address == "10.0.0.1");
  CHECK(sender->sent[0].call.acct_session_id.empty());
  int acked = 0, errors = 0;
  for (const auto& a : *stopped) {
    CHECK(a.reason == DisconnectReason::card_disabled);
    if (a.outcome == dynauth::Outcome::ack) ++acked;
    if (a.outcome == dynauth::Outcome::error) {
      ++errors;
      CHECK(a.key.nas == "10.0.0.8");
      CHECK(a.detail.find("no dynamic-authorization settings") != std::string::npos);
    }
  }
  CHECK(acked == 1);
  CHECK(errors == 1);
  CHECK(stopper.list(admin_actor(), DisconnectFilter{"", "", "3001"}, Page{})->size() == 2);
  CHECK(stopper.list(admin_actor(), DisconnectFilter{"", "", "3002"}, Page{})->empty());
  CHECK(stopper.disconnect_card(admin_actor(), "3002", DisconnectReason::card_dropped)->size() ==
        1);
}

}  // namespace prepaid::billing::testing

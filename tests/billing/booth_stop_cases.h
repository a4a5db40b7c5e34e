#pragma once
/// @file booth_stop_cases.h
/// @brief Stopping a booth's call from the counter (DisconnectService::disconnect_booth),
/// templates over the store backend, with the stand-in sender of disconnect_service_cases.h.

#include <doctest/doctest.h>

#include "billing/disconnect/disconnect_service.h"
#include "billing/disconnect/nas_service.h"
#include "booth_session_cases.h"
#include "disconnect_service_cases.h"

namespace prepaid::billing::testing {

TEST_CASE_TEMPLATE_DEFINE("the counter stops its booth's call; another shop's, or none, is refused",
                          B, booth_stop) {
  // Proves disconnect_booth sends the booth's call in progress (and only it) to its NAS with
  // the reason given, records and audits the answer, leaves the reservation to the Stop; an
  // operator of another shop is forbidden, a booth with no call in progress or an unknown
  // booth is refused; every refusal sends nothing and changes nothing.
  BoothWorld<B> b;
  NasService nas(b.w.backend.store, b.w.clock);
  REQUIRE(nas.add(b.alice, nas_settings("10.0.0.1")));
  auto sender = std::make_shared<FakeSender>();
  DisconnectService stopper(b.w.backend.store, sender, {}, b.w.clock);
  REQUIRE(b.shifts.open(b.olga, "", money("10.00")));
  REQUIRE(b.sessions.open(b.olga, "5550001", SessionKind::prepaid, money("0.60")));

  const std::string idle = b.fingerprint();
  auto none = stopper.disconnect_booth(b.olga, "5550001", DisconnectReason::booth_stopped, true);
  REQUIRE_FALSE(none);
  CHECK(none.problem().code == ErrorCode::failed_precondition);
  CHECK(none.problem().message.find("no call in progress") != std::string::npos);
  CHECK(stopper.disconnect_booth(b.olga, "5550001", DisconnectReason::booth_disabled, false)
            ->empty());
  CHECK(b.fingerprint() == idle);

  REQUIRE(b.call("booth-call").code == ReturnCode::ok);
  const std::string in_call = b.fingerprint();
  CHECK(stopper.disconnect_booth(b.ivan, "5550001", DisconnectReason::booth_stopped, true)
            .problem()
            .code == ErrorCode::forbidden);
  CHECK(stopper.disconnect_booth(b.olga, "5550009", DisconnectReason::booth_stopped, true)
            .problem()
            .code == ErrorCode::forbidden);
  CHECK(stopper.disconnect_booth(b.olga, "5559999", DisconnectReason::booth_stopped, true)
            .problem()
            .code == ErrorCode::not_found);
  CHECK(stopper.disconnect_booth(b.olga, "55a", DisconnectReason::booth_stopped, true)
            .problem()
            .field == "number");
  CHECK(sender->sent.empty());
  CHECK(b.fingerprint() == in_call);

  sender->answer = {dynauth::Outcome::nak, 503u, 1, std::chrono::milliseconds(2),
                    "Session Context Not Found"};
  const auto stopped =
      stopper.disconnect_booth(b.olga, "5550001", DisconnectReason::booth_stopped, true);
  REQUIRE(stopped);
  REQUIRE(stopped->size() == 1);
  REQUIRE(sender->sent.size() == 1);
  CHECK(sender->sent[0].call.user_name == "5550001");
  CHECK(sender->sent[0].call.nas_ip_address == "10.0.0.1");
  const auto& a = stopped->at(0);
  CHECK(a.reason == DisconnectReason::booth_stopped);
  CHECK(a.outcome == dynauth::Outcome::nak);
  CHECK(a.error_cause == 503u);
  CHECK(a.key == SessionKey{"10.0.0.1", "booth-call"});
  CHECK(a.card_number == "5550001");
  const auto listed = stopper.list(b.alice, DisconnectFilter{"", "", "5550001"}, Page{});
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK(listed->at(0).reason == DisconnectReason::booth_stopped);
  CHECK(listed->at(0).actor == "olga");
  CHECK(b.sessions.view(b.olga, "5550001")->state == BoothState::in_call);  // the Stop ends it

  sender->answer = {dynauth::Outcome::ack, std::nullopt, 1, std::chrono::milliseconds(1), ""};
  const auto by_admin =
      stopper.disconnect_booth(b.alice, "5550001", DisconnectReason::booth_disabled, false);
  REQUIRE(by_admin);
  REQUIRE(by_admin->size() == 1);
  CHECK(by_admin->at(0).reason == DisconnectReason::booth_disabled);
  CHECK(by_admin->at(0).outcome == dynauth::Outcome::ack);
}

}  // namespace prepaid::billing::testing

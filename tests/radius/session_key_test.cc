#include "radius-module/session_key.h"

#include <doctest/doctest.h>

#include "radius-module/attribute_numbers.h"
#include "tests/radius/request_fixture.h"

using namespace prepaid::radius;
using prepaid::radius::testing::RequestFixture;

TEST_CASE("Cisco stage 2 and the originate leg's Stop find the same session id") {
  // Proves h323-conf-id wins over the per-leg Acct-Session-Id and is canonicalised.
  RequestFixture access;
  access.text(9, cisco::kConfId, "h323-conf-id=931C146B 0F4411D6 AB5591F0 CBF3D765");
  RequestFixture stop;
  stop.text(0, attr::kAcctSessionId, "000B5572")
      .text(9, cisco::kConfId, "h323-conf-id=931c146b 0f4411d6 ab5591f0 cbf3d765");
  const SessionKeyOrder order;
  CHECK(order.session_id(RequestView(access.request())) == "931C146B0F4411D6AB5591F0CBF3D765");
  CHECK(order.session_id(RequestView(stop.request())) == "931C146B0F4411D6AB5591F0CBF3D765");
}

TEST_CASE("Kamailio: call-id in the Access-Request, Acct-Session-Id in accounting") {
  // Proves the default order pairs auth_radius's Cisco-AVPair with acc_radius's session id.
  RequestFixture access;
  access.text(9, cisco::kAvPair, "call-id=a84b4c76e66710@pc33");
  RequestFixture acct;
  acct.text(0, attr::kAcctSessionId, "a84b4c76e66710@pc33");
  const SessionKeyOrder order;
  CHECK(order.session_id(RequestView(access.request())) == "a84b4c76e66710@pc33");
  CHECK(order.session_id(RequestView(acct.request())) == "a84b4c76e66710@pc33");
}

TEST_CASE("missing, empty and oversized session ids give nullopt") {
  // Proves a request without a usable id cannot be keyed.
  const SessionKeyOrder order;
  RequestFixture none;
  none.text(0, attr::kUserName, "1001");
  CHECK_FALSE(order.session_id(RequestView(none.request())));
  RequestFixture empty;
  empty.text(9, cisco::kConfId, "h323-conf-id=").text(0, attr::kAcctSessionId, "  ");
  CHECK_FALSE(order.session_id(RequestView(empty.request())));
  RequestFixture big;
  big.text(0, attr::kAcctSessionId, std::string(kMaxSessionIdLength + 1, 'x'));
  CHECK_FALSE(order.session_id(RequestView(big.request())));
}

TEST_CASE("the configured order is respected and checked") {
  // Proves a custom order changes the pick and bad lists are errors naming the item.
  auto parsed = SessionKeyOrder::parse("acct-session-id, h323-conf-id");
  REQUIRE(std::holds_alternative<SessionKeyOrder>(parsed));
  RequestFixture f;
  f.text(0, attr::kAcctSessionId, "leg-1").text(9, cisco::kConfId, "h323-conf-id=AA");
  CHECK(std::get<SessionKeyOrder>(parsed).session_id(RequestView(f.request())) == "leg-1");

  auto unknown = SessionKeyOrder::parse("h323-conf-id bogus");
  REQUIRE(std::holds_alternative<std::string>(unknown));
  CHECK(std::get<std::string>(unknown).find("bogus") != std::string::npos);
  CHECK(std::holds_alternative<std::string>(SessionKeyOrder::parse("call-id call-id")));
  CHECK(std::holds_alternative<std::string>(SessionKeyOrder::parse(" , ")));
}

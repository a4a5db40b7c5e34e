// The radcli gateway simulator against a real threaded radiusd, without a database.
#include "tests/radius/gateway_sim.h"

#include <doctest/doctest.h>

#include "tests/radius/radius_server.h"

using namespace prepaid::radius::testing;

namespace {
RadiusEndpoint endpoint_of(const RadiusServer& server) {
  RadiusEndpoint e;
  e.auth_port = server.auth_port();
  e.acct_port = server.acct_port();
  e.secret = server.secret();
  return e;
}
}  // namespace

TEST_CASE("Cisco time stamps are written the way IOS writes them") {
  // Proves the simulator's h323 time format (checked by the module's parser elsewhere).
  CHECK(cisco_time(1011796225) == "14:30:25.000 UTC Wed Jan 23 2002");
}

TEST_CASE(
    "the Cisco gateway and the SIP proxy reach the module; with no database nothing is "
    "answered") {
  // Proves radcli talks to radiusd on the test ports and sees the retransmission-inducing
  // silence for authorization and accounting alike (its parsing of prefixed Cisco VSAs in
  // replies is checked end to end in e2e_call_test).
  RadiusServer server(DatabaseEnv::unreachable());
  server.start();
  auto endpoint = endpoint_of(server);
  endpoint.timeout_s = 1;
  CiscoGateway gateway(endpoint);
  const CiscoCall call{"1001", "1234", "931C146B 0F4411D6 AB5591F0 CBF3D765", "0044207946", "359"};

  const auto one = gateway.stage1(call);
  CHECK(one.timed_out());
  CHECK_FALSE(one.return_code);

  SipProxy proxy(endpoint);
  const auto sip = proxy.authorize("2001", "", "sip:0044207946@gw.example", "abc@host");
  CHECK(sip.timed_out());

  CHECK(gateway.stop(call, "originate", 1700000000, 1700000010, 60) == AccountingAnswer::timed_out);
  CHECK(proxy.stop("2001", "sip:0044207946@gw.example", "abc@host", 60) ==
        AccountingAnswer::timed_out);
}

#include "radius-module/accounting_request.h"

#include <doctest/doctest.h>

#include "radius-module/attribute_numbers.h"
#include "tests/radius/request_fixture.h"
#include "tests/radius/test_config.h"

using namespace prepaid::radius;
using namespace prepaid::radius::testing;
using prepaid::billing::AccountingKind;
using prepaid::rating::Instant;
using std::chrono::seconds;

namespace {
AccountingTranslation event_of(const std::variant<AccountingTranslation, NotBilled>& r) {
  if (auto* n = std::get_if<NotBilled>(&r)) FAIL("not billed: " << n->why);
  return std::get<AccountingTranslation>(r);
}
NotBilled not_billed(const std::variant<AccountingTranslation, NotBilled>& r) {
  REQUIRE(std::holds_alternative<NotBilled>(r));
  return std::get<NotBilled>(r);
}

// The originate leg's Stop as IOS sends it (CiscoSIPdbg-style values).
RequestFixture cisco_stop(const std::string& origin = "originate") {
  RequestFixture f;
  f.integer(0, attr::kAcctStatusType, status_type::kStop)
      .text(0, attr::kAcctSessionId, "000B5572")
      .text(0, attr::kUserName, "1001")
      .integer(0, attr::kNasIpAddress, 0xC000020A, PREPAID_ATTR_IPV4)
      .client("192.0.2.10")  // the gateway's own address: the NAS
      .text(0, attr::kCalledStationId, "00442079460000")
      .text(0, attr::kCallingStationId, "35929001234")
      .text(9, cisco::kConfId, "h323-conf-id=931C146B 0F4411D6 AB5591F0 CBF3D765")
      .text(9, cisco::kCallOrigin, "h323-call-origin=" + origin)
      .text(9, cisco::kSetupTime, "h323-setup-time=*14:30:25.429 GMT Wed Jan 23 2002")
      .text(9, cisco::kConnectTime, "h323-connect-time=.14:30:35.100 GMT Wed Jan 23 2002")
      .text(9, cisco::kDisconnectTime, "h323-disconnect-time=14:31:35.900 GMT Wed Jan 23 2002")
      .text(9, cisco::kDisconnectCause, "h323-disconnect-cause=10")
      .integer(0, attr::kAcctSessionTime, 60)
      .integer(0, attr::kEventTimestamp, 1011796296, PREPAID_ATTR_DATE);
  return f;
}
}  // namespace

TEST_CASE("a Cisco originate-leg Stop becomes a billing stop keyed by h323-conf-id") {
  // Proves every field the billing core rates from is taken from the right attribute.
  auto f = cisco_stop();
  const auto t = event_of(accounting_event_from(RequestView(f.request()), default_config()));
  const auto& e = t.event;
  CHECK(e.kind == AccountingKind::stop);
  CHECK(e.key.nas == "192.0.2.10");
  CHECK(e.key.session_id == "931C146B0F4411D6AB5591F0CBF3D765");
  CHECK(e.account == "1001");
  CHECK(e.called == "+442079460000");
  CHECK(e.calling == "35929001234");
  CHECK_FALSE(e.setup_at);  // '*': untrusted clock, dropped with a warning
  REQUIRE(e.connect_at);
  CHECK(*e.connect_at == Instant{seconds{1011796235}});
  REQUIRE(e.end_at);
  CHECK(*e.end_at == Instant{seconds{1011796295}});
  CHECK(e.session_time_s == 60u);
  CHECK(e.event_at == Instant{seconds{1011796296}});
  CHECK(e.disconnect_cause == "Q.850 16");
  REQUIRE(t.warnings.size() == 1);
  CHECK(t.warnings[0].find("unsynchronised") != std::string::npos);
}

TEST_CASE("the answer leg is acknowledged without billing; per-NAS settings flip it") {
  // Proves leg selection by h323-call-origin, default and per NAS.
  auto answer = cisco_stop("answer");
  const auto n = not_billed(accounting_event_from(RequestView(answer.request()), default_config()));
  CHECK(n.level == PREPAID_LOG_NONE);
  CHECK(n.why == "the answer leg is not billed");

  auto raw = default_raw_config();
  raw.nas_bill_leg = "192.0.2.10=answer";
  const auto per_nas = config_from(raw);
  CHECK(std::holds_alternative<AccountingTranslation>(
      accounting_event_from(RequestView(answer.request()), per_nas)));
  auto originate = cisco_stop("originate");
  CHECK(std::holds_alternative<NotBilled>(
      accounting_event_from(RequestView(originate.request()), per_nas)));
}

TEST_CASE("event time: Event-Timestamp, else arrival minus Acct-Delay-Time") {
  // Proves retransmitted records are dated when they happened, not when they arrived.
  RequestFixture f;
  f.integer(0, attr::kAcctStatusType, status_type::kStart)
      .text(0, attr::kAcctSessionId, "call-1")
      .integer(0, attr::kAcctDelayTime, 30)
      .received_us(1'700'000'100'000'000);
  const auto e = event_of(accounting_event_from(RequestView(f.request()), default_config())).event;
  CHECK(e.kind == AccountingKind::start);
  CHECK(e.event_at == Instant{seconds{1'700'000'070}});

  RequestFixture absurd;
  absurd.integer(0, attr::kAcctStatusType, status_type::kStart)
      .text(0, attr::kAcctSessionId, "call-1")
      .integer(0, attr::kAcctDelayTime, 4'000'000'000u)
      .received_us(1'700'000'100'000'000);
  const auto t = event_of(accounting_event_from(RequestView(absurd.request()), default_config()));
  CHECK(t.event.event_at == Instant{seconds{1'700'000'100}});
  CHECK(t.warnings.size() == 1);
}

TEST_CASE("Accounting-On/Off need only the NAS; Failed and unknown types are not billed") {
  // Proves NAS reboots reach billing and other status types are acknowledged quietly.
  RequestFixture on;
  on.integer(0, attr::kAcctStatusType, status_type::kAccountingOn).client("127.0.0.7");
  const auto e = event_of(accounting_event_from(RequestView(on.request()), default_config())).event;
  CHECK(e.kind == AccountingKind::accounting_on);
  CHECK(e.key.nas == "127.0.0.7");

  RequestFixture off;
  off.integer(0, attr::kAcctStatusType, status_type::kAccountingOff);
  CHECK(event_of(accounting_event_from(RequestView(off.request()), default_config())).event.kind ==
        AccountingKind::accounting_off);

  RequestFixture failed;
  failed.integer(0, attr::kAcctStatusType, status_type::kFailed);
  CHECK(not_billed(accounting_event_from(RequestView(failed.request()), default_config())).level ==
        PREPAID_LOG_NONE);
  RequestFixture none;
  none.text(0, attr::kAcctSessionId, "x");
  CHECK(not_billed(accounting_event_from(RequestView(none.request()), default_config())).level ==
        PREPAID_LOG_WARN);
}

TEST_CASE("malformed records: no session id is not billed, broken fields are dropped") {
  // Proves bad values are logged and never turned into money.
  RequestFixture nokey;
  nokey.integer(0, attr::kAcctStatusType, status_type::kStop)
      .integer(0, attr::kAcctSessionTime, 60);
  const auto n = not_billed(accounting_event_from(RequestView(nokey.request()), default_config()));
  CHECK(n.level == PREPAID_LOG_WARN);
  CHECK(n.why.find("no usable session id") != std::string::npos);

  RequestFixture broken;
  broken.integer(0, attr::kAcctStatusType, status_type::kStop)
      .text(0, attr::kAcctSessionId, "call-9")
      .text(0, attr::kCalledStationId, "not-a-number")
      .text(9, cisco::kConnectTime, "h323-connect-time=25:99:00.000 GMT Wed Jan 23 2002")
      .text(9, cisco::kDisconnectCause, "h323-disconnect-cause=ZZ")
      .integer(0, attr::kAcctTerminateCause, 1);
  const auto t = event_of(accounting_event_from(RequestView(broken.request()), default_config()));
  CHECK_FALSE(t.event.connect_at);
  CHECK(t.event.disconnect_cause == "Acct-Terminate-Cause 1");
  CHECK(t.warnings.size() == 3);

  RequestFixture origin;
  origin.integer(0, attr::kAcctStatusType, status_type::kStop)
      .text(0, attr::kAcctSessionId, "call-9")
      .text(9, cisco::kCallOrigin, "h323-call-origin=sideways");
  CHECK(not_billed(accounting_event_from(RequestView(origin.request()), default_config())).level ==
        PREPAID_LOG_WARN);
}

TEST_CASE("Kamailio's acc_radius user@realm: the account is Stripped-User-Name") {
  // Proves the account a Stop without reservation is charged to is the name without its
  // realm when split_realm ran in preacct, and User-Name as sent otherwise.
  RequestFixture split;
  split.integer(0, attr::kAcctStatusType, status_type::kStop)
      .text(0, attr::kAcctSessionId, "a84b4c76e66710@pc33")
      .text(0, attr::kUserName, "2001@sip.example.com")
      .text(0, attr::kStrippedUserName, "2001");
  CHECK(event_of(accounting_event_from(RequestView(split.request()), default_config()))
            .event.account == "2001");
  RequestFixture sent;
  sent.integer(0, attr::kAcctStatusType, status_type::kStop)
      .text(0, attr::kAcctSessionId, "a84b4c76e66710@pc33")
      .text(0, attr::kUserName, "2001@sip.example.com");
  CHECK(event_of(accounting_event_from(RequestView(sent.request()), default_config()))
            .event.account == "2001@sip.example.com");
}

TEST_CASE("FreeSWITCH: bare values and ISO-8601 times") {
  // Proves mod_xml_radius's variant (no name= prefix, ISO times, bare UUID) is understood.
  RequestFixture f;
  f.integer(0, attr::kAcctStatusType, status_type::kStop)
      .text(9, cisco::kConfId, "1f1b3c1e-7c8a-4a4e-9d5b-0c6f2e1a9b77")
      .text(9, cisco::kConnectTime, "2024-03-01T10:00:00.000000+0100")
      .text(9, cisco::kDisconnectCause, "1f")
      .integer(0, attr::kAcctSessionTime, 42);
  const auto e = event_of(accounting_event_from(RequestView(f.request()), default_config())).event;
  CHECK(e.key.session_id == "1f1b3c1e-7c8a-4a4e-9d5b-0c6f2e1a9b77");
  REQUIRE(e.connect_at);
  CHECK(*e.connect_at == Instant{seconds{1709283600}});
  CHECK(e.disconnect_cause == "Q.850 31");
}

#include "radius-module/call_request.h"

#include <doctest/doctest.h>

#include "radius-module/attribute_numbers.h"
#include "tests/radius/request_fixture.h"
#include "tests/radius/test_config.h"

using namespace prepaid::radius;
using namespace prepaid::radius::testing;

namespace {
prepaid::billing::CallRequest request_of(
    const std::variant<prepaid::billing::CallRequest, MalformedRequest>& r) {
  if (auto* m = std::get_if<MalformedRequest>(&r)) FAIL("malformed: " << m->what);
  return std::get<prepaid::billing::CallRequest>(r);
}
std::string malformed_of(const std::variant<prepaid::billing::CallRequest, MalformedRequest>& r) {
  REQUIRE(std::holds_alternative<MalformedRequest>(r));
  return std::get<MalformedRequest>(r).what;
}
}  // namespace

TEST_CASE("Cisco stage 1 becomes a CallRequest without a called number") {
  // Proves stage 1 is recognised by the missing Called-Station-Id and keeps account and ANI.
  RequestFixture f;
  f.text(0, attr::kUserName, "1001")
      .integer(0, attr::kNasIpAddress, 0xC000020A, PREPAID_ATTR_IPV4)
      .client("192.0.2.10")  // the gateway's own address: the NAS
      .text(0, attr::kCallingStationId, "35929001234")
      .text(9, cisco::kConfId, "h323-conf-id=931C146B 0F4411D6")
      .received_us(1'700'000'000'400'000);
  const auto r = call_request_from(RequestView(f.request()), default_config());
  const auto req = request_of(r);
  CHECK(req.account == "1001");
  CHECK(req.called.empty());
  CHECK(req.calling == "35929001234");
  CHECK_FALSE(req.pin.has_value());
  CHECK(req.key.nas == "192.0.2.10");
  CHECK(req.key.session_id == "931C146B0F4411D6");
  REQUIRE(req.at);
  CHECK(req.at->time_since_epoch().count() == 1'700'000'000);
}

TEST_CASE("stage 2: the gateway's international prefix becomes '+', the key is required") {
  // Proves number preparation and that a stage 2 without any session id is malformed.
  RequestFixture f;
  f.text(0, attr::kUserName, "1001")
      .text(0, attr::kCalledStationId, "00442079460000")
      .text(9, cisco::kConfId, "h323-conf-id=AB12")
      .client("127.0.0.1");
  const auto req = request_of(call_request_from(RequestView(f.request()), default_config()));
  CHECK(req.called == "+442079460000");
  CHECK(req.key.nas == "127.0.0.1");
  CHECK(req.key.session_id == "AB12");

  RequestFixture nokey;
  nokey.text(0, attr::kUserName, "1001").text(0, attr::kCalledStationId, "4420");
  CHECK(malformed_of(call_request_from(RequestView(nokey.request()), default_config()))
            .find("no usable session id") != std::string::npos);
}

TEST_CASE("a different international prefix is configurable") {
  // Proves "011" gateways (North America) are understood when configured.
  auto raw = default_raw_config();
  raw.international_prefix = "011";
  const auto config = config_from(raw);
  CHECK(called_number("01144207", config) == "+44207");
  CHECK(called_number("0044207", config) == "0044207");
  CHECK(called_number("+44207", config) == "+44207");
  CHECK(called_number("44207", config) == "44207");
}

TEST_CASE("SIP booths: URI numbers and the call-id AV pair") {
  // Proves a Kamailio-style single-stage request maps to the same fields as a gateway's.
  RequestFixture f;
  f.text(0, attr::kUserName, "2001")
      .text(0, attr::kCalledStationId, "sip:+4420794600@gw.example.com;user=phone")
      .text(9, cisco::kAvPair, "call-id=a84b4c76e66710@pc33")
      .text(0, attr::kCallingStationId, "sip:booth1@10.0.0.5");
  const auto req = request_of(call_request_from(RequestView(f.request()), default_config()));
  CHECK(req.called == "+4420794600");
  CHECK(req.key.session_id == "a84b4c76e66710@pc33");
  CHECK(req.calling == "booth1");
}

TEST_CASE("Kamailio's user@realm: the account is the name split_realm left") {
  // Proves the CallRequest's account comes from Stripped-User-Name, not the User-Name with
  // its realm (which would be refused as a malformed account number).
  RequestFixture f;
  f.text(0, attr::kUserName, "2001@sip.example.com")
      .text(0, attr::kStrippedUserName, "2001")
      .text(0, attr::kCalledStationId, "sip:+4420794600@gw.example.com")
      .text(9, cisco::kAvPair, "call-id=a84b4c76e66710@pc33");
  const auto req = request_of(call_request_from(RequestView(f.request()), default_config()));
  CHECK(req.account == "2001");
  CHECK(req.called == "+4420794600");
}

TEST_CASE("malformed input is refused with what is wrong") {
  // Proves non-digit numbers, empty user names and unprintable keys are caught here.
  RequestFixture letters;
  letters.text(0, attr::kUserName, "1001")
      .text(0, attr::kCalledStationId, "12a4")
      .text(9, cisco::kConfId, "h323-conf-id=AB");
  CHECK(malformed_of(call_request_from(RequestView(letters.request()), default_config())) ==
        "Called-Station-Id \"12a4\" is not a number");

  RequestFixture long_number;
  long_number.text(0, attr::kUserName, "1001")
      .text(0, attr::kCalledStationId, std::string(40, '1'))
      .text(9, cisco::kConfId, "h323-conf-id=AB");
  CHECK(std::holds_alternative<MalformedRequest>(
      call_request_from(RequestView(long_number.request()), default_config())));

  RequestFixture nouser;
  nouser.text(0, attr::kCalledStationId, "4420");
  CHECK(malformed_of(call_request_from(RequestView(nouser.request()), default_config())) ==
        "no User-Name");

  RequestFixture binary;
  binary.text(0, attr::kUserName, "1001")
      .text(0, attr::kCalledStationId, "4420")
      .text(0, attr::kAcctSessionId, std::string("a\x01b", 3));
  CHECK(malformed_of(call_request_from(RequestView(binary.request()), default_config()))
            .find("not printable") != std::string::npos);
}

TEST_CASE("only a request without Called-Station-Id at all is a stage 1") {
  // Proves an empty Called-Station-Id, or a SIP digest request without one, is refused as
  // malformed instead of being answered as a Cisco stage 1 (an Accept without a time limit).
  RequestFixture empty;
  empty.text(0, attr::kUserName, "1001")
      .text(0, attr::kCalledStationId, "")
      .text(0, attr::kAcctSessionId, "abc@host");
  CHECK(malformed_of(call_request_from(RequestView(empty.request()), default_config())) ==
        "Called-Station-Id is empty");
  RequestFixture sip;
  sip.text(0, attr::kUserName, "1001")
      .text(0, attr::kDigestResponse, std::string(32, 'a'))
      .text(0, attr::kAcctSessionId, "abc@host");
  CHECK(malformed_of(call_request_from(RequestView(sip.request()), default_config()))
            .find("without Called-Station-Id") != std::string::npos);
  RequestFixture cisco;
  cisco.text(0, attr::kUserName, "1001").text(9, cisco::kConfId, "h323-conf-id=AB");
  CHECK(std::holds_alternative<prepaid::billing::CallRequest>(
      call_request_from(RequestView(cisco.request()), default_config())));
}

TEST_CASE("the NAS's own names of the call are kept for a Disconnect-Request") {
  // Proves User-Name (realm kept), Acct-Session-Id and NAS-IP-Address are kept as the NAS
  // sent them, while the key stays the source address and the picked session id.
  RequestFixture f;
  f.text(0, attr::kUserName, "1001@shop.example")
      .integer(0, attr::kNasIpAddress, 0xC000020A, PREPAID_ATTR_IPV4)
      .client("198.51.100.7")
      .text(0, attr::kAcctSessionId, "000B5571")
      .text(0, attr::kCalledStationId, "0044207946")
      .text(9, cisco::kConfId, "h323-conf-id=931C146B 0F4411D6");
  const auto req = request_of(call_request_from(RequestView(f.request()), default_config()));
  CHECK(req.nas_identity.user_name == "1001@shop.example");
  CHECK(req.nas_identity.acct_session_id == "000B5571");
  CHECK(req.nas_identity.nas_ip_address == "192.0.2.10");
  CHECK(req.key.nas == "198.51.100.7");
  CHECK(req.key.session_id == "931C146B0F4411D6");
}

TEST_CASE("names the NAS did not send, or that cannot be stored, are left empty") {
  // Proves a missing attribute is empty and an unprintable one is dropped, not refused.
  RequestFixture f;
  f.text(0, attr::kUserName, "1001")
      .client("198.51.100.7")
      .text(0, attr::kAcctSessionId, std::string("a\x01b", 3))
      .text(0, attr::kCalledStationId, "0044207946")
      .text(9, cisco::kConfId, "h323-conf-id=931C146B 0F4411D6");
  const auto req = request_of(call_request_from(RequestView(f.request()), default_config()));
  CHECK(req.nas_identity.user_name == "1001");
  CHECK(req.nas_identity.acct_session_id.empty());
  CHECK(req.nas_identity.nas_ip_address.empty());
}

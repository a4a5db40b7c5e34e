#include "radius-module/decision_reply.h"

#include <doctest/doctest.h>

#include <string>

#include "radius-module/access_reply.h"
#include "radius-module/attribute_numbers.h"
#include "tests/radius/test_config.h"

using namespace prepaid::radius;
using namespace prepaid::radius::testing;
using prepaid::billing::CallDecision;
using prepaid::billing::ReturnCode;
using prepaid::rating::Amount;
using prepaid::rating::Currency;
using prepaid::rating::Money;

namespace {
std::string text_of(const prepaid_reply& r, unsigned vendor, unsigned number) {
  for (std::size_t i = 0; i < r.count; ++i) {
    if (r.attrs[i].vendor == vendor && r.attrs[i].number == number) return r.attrs[i].text;
  }
  return "<absent>";
}
std::optional<std::uint32_t> integer_of(const prepaid_reply& r, unsigned number) {
  for (std::size_t i = 0; i < r.count; ++i) {
    if (r.attrs[i].vendor == 0 && r.attrs[i].number == number) return r.attrs[i].integer;
  }
  return std::nullopt;
}
CallDecision ok_decision() {
  CallDecision d;
  d.code = ReturnCode::ok;
  d.free_balance = Amount{Money::from_micros(13'250'000), *Currency::from_code("USD")};
  return d;
}
}  // namespace

TEST_CASE("stage 1 answers with balance, currency and the debit billing model") {
  // Proves the Cisco IVR gets what it plays before asking for the destination.
  prepaid_reply r{};
  reply_for(ok_decision(), true, "1001", default_config(), r);
  CHECK(r.accept == 1);
  CHECK(text_of(r, 9, cisco::kReturnCode) == "h323-return-code=0");
  CHECK(text_of(r, 9, cisco::kCreditAmount) == "h323-credit-amount=13.25");
  CHECK(text_of(r, 9, cisco::kCurrency) == "h323-currency=USD");
  CHECK(text_of(r, 9, cisco::kBillingModel) == "h323-billing-model=1");
  CHECK(text_of(r, 9, cisco::kCreditTime) == "<absent>");
  CHECK_FALSE(integer_of(r, attr::kSessionTimeout));
}

TEST_CASE("stage 2 grants seconds in the configured attributes") {
  // Proves time_limit selects h323-credit-time, Session-Timeout or both.
  auto d = ok_decision();
  d.granted_s = 360;
  prepaid_reply both{};
  reply_for(d, false, "1001", default_config(), both);
  CHECK(text_of(both, 9, cisco::kCreditTime) == "h323-credit-time=360");
  CHECK(integer_of(both, attr::kSessionTimeout) == 360u);

  auto raw = default_raw_config();
  raw.time_limit = "session_timeout";
  prepaid_reply st{};
  reply_for(d, false, "1001", config_from(raw), st);
  CHECK(text_of(st, 9, cisco::kCreditTime) == "<absent>");
  CHECK(integer_of(st, attr::kSessionTimeout) == 360u);

  raw.time_limit = "h323_credit_time";
  prepaid_reply ct{};
  reply_for(d, false, "1001", config_from(raw), ct);
  CHECK(text_of(ct, 9, cisco::kCreditTime) == "h323-credit-time=360");
  CHECK_FALSE(integer_of(ct, attr::kSessionTimeout));
}

TEST_CASE("every refusal code becomes an Access-Reject with that code and its message") {
  // Proves billing's ReturnCode values pass through unchanged and never grant time.
  for (auto code :
       {ReturnCode::invalid_account, ReturnCode::invalid_pin, ReturnCode::in_use,
        ReturnCode::zero_balance, ReturnCode::expired, ReturnCode::credit_limit,
        ReturnCode::disabled, ReturnCode::service_unavailable, ReturnCode::destination_blocked,
        ReturnCode::invalid_argument, ReturnCode::insufficient_balance}) {
    auto d = ok_decision();
    d.code = code;
    d.message = "detail";
    prepaid_reply r{};
    reply_for(d, false, "1001", default_config(), r);
    CHECK(r.accept == 0);
    CHECK(r.return_code == static_cast<int>(code));
    CHECK(text_of(r, 9, cisco::kReturnCode) ==
          "h323-return-code=" + std::to_string(static_cast<int>(code)));
    CHECK(text_of(r, 0, attr::kReplyMessage) == return_code_message(static_cast<int>(code)));
    CHECK(text_of(r, 9, cisco::kCreditTime) == "<absent>");
    CHECK(std::string(r.log).find("detail") != std::string::npos);
  }
}

#include "radius-module/access_reply.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "radius-module/attribute_numbers.h"

using namespace prepaid::radius;

TEST_CASE("a refusal carries the return code, prefixed, and a Reply-Message") {
  // Proves the attributes a Cisco IVR needs to play the right prompt.
  prepaid_reply reply{};
  reply.accept = 1;
  AccessReply(reply).refuse(return_code::kZeroBalance, {}, PREPAID_LOG_INFO, "card 1001: zero");
  CHECK(reply.accept == 0);
  CHECK(reply.return_code == 4);
  REQUIRE(reply.count == 2);
  CHECK(reply.attrs[0].vendor == 9);
  CHECK(reply.attrs[0].number == cisco::kReturnCode);
  CHECK(std::string(reply.attrs[0].text) == "h323-return-code=4");
  CHECK(reply.attrs[1].vendor == 0);
  CHECK(reply.attrs[1].number == attr::kReplyMessage);
  CHECK(std::string(reply.attrs[1].text) == "Zero balance");
  CHECK(reply.log_level == PREPAID_LOG_INFO);
  CHECK(std::string(reply.log) == "card 1001: zero");
}

TEST_CASE("every return code has its own message") {
  // Proves no two documented codes share a Reply-Message.
  const int codes[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12};
  for (int a : codes) {
    for (int b : codes) {
      if (a != b) CHECK(return_code_message(a) != return_code_message(b));
    }
  }
}

TEST_CASE("integers, texts and limits") {
  // Proves values are stored as given and overflow is an error, not a truncation.
  prepaid_reply reply{};
  AccessReply r(reply);
  r.integer(0, attr::kSessionTimeout, 600).cisco(cisco::kCreditTime, "h323-credit-time", "600");
  CHECK(reply.attrs[0].kind == PREPAID_ATTR_INTEGER);
  CHECK(reply.attrs[0].integer == 600u);
  CHECK(std::string(reply.attrs[1].text) == "h323-credit-time=600");
  CHECK_THROWS(r.text(0, attr::kReplyMessage, std::string(PREPAID_REPLY_TEXT_MAX + 1, 'x')));
  for (std::size_t i = reply.count; i < PREPAID_REPLY_MAX; ++i) r.integer(0, 1, 1);
  CHECK_THROWS(r.integer(0, 1, 1));
  CHECK(reply.count == PREPAID_REPLY_MAX);
}

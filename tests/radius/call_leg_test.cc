#include "radius-module/call_leg.h"

#include <doctest/doctest.h>

using namespace prepaid::radius;

TEST_CASE("h323-call-origin values parse with or without prefix") {
  // Proves the three known origins are recognised and others are not.
  CHECK(parse_call_origin("h323-call-origin=originate") == CallOrigin::originate);
  CHECK(parse_call_origin("answer") == CallOrigin::answer);
  CHECK(parse_call_origin("Proxy") == CallOrigin::proxy);
  CHECK_FALSE(parse_call_origin("callback"));
  CHECK_FALSE(parse_call_origin(""));
}

TEST_CASE("the originate leg is billed by default, the answer leg is not") {
  // Proves the default leg selection and that legs without an origin are always billed.
  const LegSelection legs;
  CHECK(legs.bills("192.0.2.1", CallOrigin::originate));
  CHECK_FALSE(legs.bills("192.0.2.1", CallOrigin::answer));
  CHECK(legs.bills("192.0.2.1", std::nullopt));
  CHECK(legs.bills("192.0.2.1", CallOrigin::proxy));
}

TEST_CASE("per-NAS exceptions override the default leg") {
  // Proves "<nas>=<leg>" items apply to their NAS only.
  auto parsed =
      LegSelection::parse(CallOrigin::originate, "192.0.2.10=answer, 192.0.2.11=originate");
  REQUIRE(std::holds_alternative<LegSelection>(parsed));
  const auto& legs = std::get<LegSelection>(parsed);
  CHECK(legs.bills("192.0.2.10", CallOrigin::answer));
  CHECK_FALSE(legs.bills("192.0.2.10", CallOrigin::originate));
  CHECK(legs.bills("192.0.2.11", CallOrigin::originate));
  CHECK(legs.bills("192.0.2.99", CallOrigin::originate));
}

TEST_CASE("bad per-NAS items are errors naming the item") {
  // Proves a typo in nas_bill_leg is reported with the offending text.
  for (const char* bad : {"192.0.2.10", "192.0.2.10=both", "=answer", "192.0.2.10=proxy"}) {
    auto parsed = LegSelection::parse(CallOrigin::originate, bad);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    CHECK(std::get<std::string>(parsed).find(bad) != std::string::npos);
  }
  CHECK(std::holds_alternative<LegSelection>(LegSelection::parse(CallOrigin::answer, "")));
}

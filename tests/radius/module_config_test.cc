#include "radius-module/module_config.h"

#include <doctest/doctest.h>

#include "tests/radius/test_config.h"

using namespace prepaid::radius;

namespace {
prepaid_config defaults() {
  auto c = prepaid::radius::testing::default_raw_config();
  c.db_password = "s3cret-pass";
  return c;
}

std::string error_of(const prepaid_config& c) {
  auto r = ModuleConfig::from(c);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}
}  // namespace

TEST_CASE("the shipped defaults are a valid configuration") {
  // Proves the defaults of examples/freeradius/mods-enabled/prepaid pass the checks.
  auto r = ModuleConfig::from(defaults());
  REQUIRE(std::holds_alternative<ModuleConfig>(r));
  const auto& c = std::get<ModuleConfig>(r);
  CHECK(c.max_call_duration_s == 7200);
  CHECK(c.expire_interval_s == 60);
  CHECK(c.time_limit.session_timeout);
  CHECK(c.time_limit.h323_credit_time);
  CHECK(c.legs.default_leg() == CallOrigin::originate);
}

TEST_CASE("time_limit chooses the attributes") {
  // Proves each allowed value maps to its attribute set.
  auto c = defaults();
  c.time_limit = "session_timeout";
  auto st = std::get<ModuleConfig>(ModuleConfig::from(c)).time_limit;
  CHECK(st.session_timeout);
  CHECK_FALSE(st.h323_credit_time);
  c.time_limit = "h323_credit_time";
  auto ct = std::get<ModuleConfig>(ModuleConfig::from(c)).time_limit;
  CHECK_FALSE(ct.session_timeout);
  CHECK(ct.h323_credit_time);
}

TEST_CASE("out-of-range values are refused with the option, the value and the range") {
  // Proves each check names what is wrong so that the server log is actionable.
  auto c = defaults();
  c.max_call_duration_s = 0;
  CHECK(error_of(c) == "max_call_duration = 0 is out of range (1..86400 seconds)");
  c = defaults();
  c.max_call_duration_s = 86401;
  CHECK(error_of(c) == "max_call_duration = 86401 is out of range (1..86400 seconds)");
  c = defaults();
  c.reservation_grace_s = 90000;
  CHECK(error_of(c) == "reservation_grace = 90000 is out of range (0..86400 seconds)");
  c = defaults();
  c.expire_interval_s = 86401;
  CHECK(error_of(c) == "expire_interval = 86401 is out of range (0..86400 seconds)");
  c = defaults();
  c.db_port = 70000;
  CHECK(error_of(c) == "database: port = 70000 is out of range (1..65535)");
  c = defaults();
  c.db_connections = 0;
  CHECK(error_of(c) == "database: connections = 0 is out of range (1..1024)");
  c = defaults();
  c.time_limit = "forever";
  CHECK(error_of(c).find("\"forever\"") != std::string::npos);
  c = defaults();
  c.bill_leg = "proxy";
  CHECK(error_of(c).find("bill_leg = \"proxy\"") != std::string::npos);
  c = defaults();
  c.default_currency = "eur";
  CHECK(error_of(c).find("default_currency = \"eur\"") != std::string::npos);
  c = defaults();
  c.international_prefix = "+00";
  CHECK(error_of(c).find("international_prefix = \"+00\"") != std::string::npos);
  c = defaults();
  c.session_key = "conf-id";
  CHECK(error_of(c).find("\"conf-id\"") != std::string::npos);
  c = defaults();
  c.nas_bill_leg = "10.0.0.1=sideways";
  CHECK(error_of(c).find("10.0.0.1=sideways") != std::string::npos);
}

TEST_CASE("database settings are required and the password never appears in errors") {
  // Proves missing connection settings are refused without echoing the secret.
  auto c = defaults();
  c.db_socket = "";
  c.db_host = "";
  CHECK(error_of(c).find("socket or server") != std::string::npos);
  c = defaults();
  c.db_name = "";
  CHECK(error_of(c) == "database: name = \"\" is not valid (1..64 of A-Z a-z 0-9 _)");
  c = defaults();
  c.db_name = "prepaid; DROP";
  CHECK(error_of(c).find("\"prepaid; DROP\"") != std::string::npos);
  c = defaults();
  c.db_user = nullptr;
  const std::string e = error_of(c);
  CHECK(e.find("login") != std::string::npos);
  CHECK(e.find("s3cret-pass") == std::string::npos);
}

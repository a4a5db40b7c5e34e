#include "billing/label.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using prepaid::billing::check_label;
using prepaid::billing::is_label;

TEST_CASE("a label is 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit") {
  // Proves the one definition of labels: what it takes and what it refuses.
  for (const std::string& good :
       std::vector<std::string>{"a", "Z", "7", "demo-call-shop", "day", "2026.easter", "a_b-c.d",
                                std::string(64, 'x')}) {
    CAPTURE(good);
    CHECK(is_label(good));
    CHECK_FALSE(check_label(good, "a tariff name", "name"));
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "../../etc/passwd", "a/b", "Demo call shop", " day", "day ",
                                ".hidden", "-x", "_x", "a\\b", "a:b", "a@b", "tab\there",
                                std::string("nul\0x", 5), "caf\xc3\xa9", std::string(65, 'x')}) {
    CAPTURE(bad);
    CHECK_FALSE(is_label(bad));
  }
  const auto problem = check_label("../x", "a price list name", "list");
  REQUIRE(problem);
  CHECK(problem->field == "list");
  CHECK(problem->message.find("a price list name must be a label") == 0);
  CHECK(problem->message.find("../x") == std::string::npos);
}

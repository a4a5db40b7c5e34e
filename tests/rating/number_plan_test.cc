#include "rating/number_plan.h"

#include <doctest/doctest.h>

using prepaid::rating::normalize_number;
using prepaid::rating::NumberPlan;

TEST_CASE("a '+' or the international prefix is stripped once") {
  // Proves the documented normalisations.
  NumberPlan plan;  // "00"
  CHECK(normalize_number("+4420", plan) == "4420");
  CHECK(normalize_number("004420", plan) == "4420");
  CHECK(normalize_number("4420", plan) == "4420");
  CHECK(normalize_number("00004420", plan) == "004420");
  NumberPlan us{"011"};
  CHECK(normalize_number("01144", us) == "44");
  CHECK(normalize_number("0044", us) == "0044");
  NumberPlan none{""};
  CHECK(normalize_number("0044", none) == "0044");
  CHECK(normalize_number("+0044", none) == "0044");
}

TEST_CASE("malformed numbers are refused") {
  // Proves that spaces, letters, empty results and over-long numbers give nullopt.
  NumberPlan plan;
  for (const char* bad : {"", "+", "00", "+44 20", "44-20", "44a", "++44", "+0044x",
                          "123456789012345678901234567890123"}) {
    CAPTURE(bad);
    CHECK_FALSE(normalize_number(bad, plan).has_value());
  }
  CHECK(normalize_number("12345678901234567890123456789012", plan).has_value());
}

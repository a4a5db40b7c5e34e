#include "rating/currency.h"

#include <doctest/doctest.h>

using prepaid::rating::Amount;
using prepaid::rating::Currency;
using prepaid::rating::Money;

TEST_CASE("active ISO 4217 codes resolve with their minor-unit digits") {
  // Proves a sample of the table, including 0- and 3-digit currencies.
  CHECK(Currency::from_code("EUR")->minor_unit_digits() == 2);
  CHECK(Currency::from_code("BGN")->minor_unit_digits() == 2);
  CHECK(Currency::from_code("USD")->minor_unit_digits() == 2);
  CHECK(Currency::from_code("JPY")->minor_unit_digits() == 0);
  CHECK(Currency::from_code("KWD")->minor_unit_digits() == 3);
  CHECK(Currency::from_code("CLF")->minor_unit_digits() == 4);
  CHECK(Currency::from_code("AED").has_value());
  CHECK(Currency::from_code("ZWG").has_value());
  CHECK(Currency::from_code("EUR")->code() == "EUR");
}

TEST_CASE("unknown, withdrawn, lower-case and malformed codes are refused") {
  // Proves that only upper-case active codes are accepted.
  for (const char* bad : {"eur", "EURO", "EU", "", "XXX", "DEM", "HRK", "XAU", " EUR", "E1R"}) {
    CAPTURE(bad);
    CHECK_FALSE(Currency::from_code(bad).has_value());
  }
}

TEST_CASE("an Amount prints with its currency's minor unit") {
  // Proves Amount::to_string uses the currency's digits and keeps sub-unit precision.
  CHECK(Amount{Money::parse("12.5").value(), *Currency::from_code("EUR")}.to_string() ==
        "12.50 EUR");
  CHECK(Amount{Money::parse("1500").value(), *Currency::from_code("JPY")}.to_string() ==
        "1500 JPY");
  CHECK(Amount{Money::parse("0.0123").value(), *Currency::from_code("EUR")}.to_string() ==
        "0.0123 EUR");
  CHECK(Amount{Money::parse("1.5").value(), *Currency::from_code("KWD")}.to_string() ==
        "1.500 KWD");
  CHECK(*Currency::from_code("EUR") == *Currency::from_code("EUR"));
  CHECK_FALSE(*Currency::from_code("EUR") == *Currency::from_code("BGN"));
}

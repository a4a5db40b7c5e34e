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

TEST_CASE("an amount holds exactly in a currency when it has no digits below its minor unit") {
  // Proves holds_exactly and minor_unit for 2-, 0-, 3- and 4-digit currencies, either sign.
  const auto eur = *Currency::from_code("EUR");
  CHECK(eur.minor_unit() == Money::parse("0.01"));
  CHECK(eur.holds_exactly(*Money::parse("5.01")));
  CHECK(eur.holds_exactly(*Money::parse("-0.25")));
  CHECK(eur.holds_exactly(Money()));
  CHECK_FALSE(eur.holds_exactly(*Money::parse("5.001")));
  CHECK_FALSE(eur.holds_exactly(*Money::parse("-0.255")));
  CHECK_FALSE(eur.holds_exactly(*Money::parse("0.000001")));
  const auto jpy = *Currency::from_code("JPY");
  CHECK(jpy.minor_unit() == Money::parse("1"));
  CHECK(jpy.holds_exactly(*Money::parse("1500")));
  CHECK_FALSE(jpy.holds_exactly(*Money::parse("1500.5")));
  CHECK(Currency::from_code("KWD")->holds_exactly(*Money::parse("1.005")));
  CHECK_FALSE(Currency::from_code("KWD")->holds_exactly(*Money::parse("1.0005")));
  CHECK(Currency::from_code("CLF")->holds_exactly(*Money::parse("1.0005")));
}

#include "admin-cli/text/table.h"

#include <doctest/doctest.h>

#include <sstream>

using prepaid::cli::Column;
using prepaid::cli::Table;

TEST_CASE("columns are padded to their widest cell; right-aligned columns pad on the left") {
  // Proves the layout of every readable listing.
  Table t({{"NUMBER"}, {"BALANCE", true}, {"TARIFF"}});
  t.add({"1000", "5.00 EUR", "retail"});
  t.add({"100012345678", "12.50 EUR", "x"});
  std::ostringstream out;
  t.print(out);
  CHECK(out.str() ==
        "NUMBER          BALANCE  TARIFF\n"
        "1000           5.00 EUR  retail\n"
        "100012345678  12.50 EUR  x\n");
}

TEST_CASE("widths count characters, not bytes, and control characters are neutralised") {
  // Proves that UTF-8 names line up and a stored value cannot move the terminal's cursor.
  Table t({{"A"}, {"B"}});
  t.add({"Österreich", "x"});
  t.add({"evil\x1b[2J", "y"});
  std::ostringstream out;
  t.print(out);
  CHECK(out.str() ==
        "A           B\n"
        "Österreich  x\n"
        "evil?[2J    y\n");
}

TEST_CASE("an empty table says so, and a row with too many cells is refused") {
  // Proves the empty case is visible and that a renderer bug does not print garbage.
  Table t({{"A"}});
  std::ostringstream out;
  t.print(out);
  CHECK(out.str() == "A\n(none)\n");
  CHECK_THROWS(t.add({"1", "2"}));
}

TEST_CASE("fields are printed as aligned name: value lines") {
  // Proves the layout of `show` commands.
  std::ostringstream out;
  prepaid::cli::print_fields(out, {{"number", "1000"}, {"credit limit", "0.00 EUR"}});
  CHECK(out.str() == "number:       1000\ncredit limit: 0.00 EUR\n");
}

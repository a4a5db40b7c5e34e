#include "admin-cli/text/csv_text.h"

#include <doctest/doctest.h>

using prepaid::cli::csv_record;

TEST_CASE("CSV fields are quoted only when they need it") {
  // Proves RFC 4180 quoting of commas, quotes and line breaks.
  CHECK(csv_record({"1", "UK, London", "say \"hi\"", "a\nb", ""}) ==
        "1,\"UK, London\",\"say \"\"hi\"\"\",\"a\nb\",\n");
}

TEST_CASE("formula-like fields cannot run in a spreadsheet; numbers stay as they are") {
  // Proves the CSV-injection guard on exported calls, without mangling "+4420" or "-1.50".
  CHECK(csv_record({"=HYPERLINK(\"x\")", "+4420", "@SUM(A1)", "-1.50", "-cmd", "+A1"}) ==
        "\"'=HYPERLINK(\"\"x\"\")\",+4420,\"'@SUM(A1)\",-1.50,\"'-cmd\",\"'+A1\"\n");
}

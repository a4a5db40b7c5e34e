#include "billing/mysql/migrations.h"

#include <doctest/doctest.h>

#include <string>

using prepaid::mysql::migrations;
using prepaid::mysql::split_statements;

TEST_CASE("split_statements cuts after lines ending with ';' and drops comment lines") {
  // Proves the splitter keeps multi-line statements whole and ignores comments/blank lines.
  const auto parts = split_statements(
      "-- header comment\n"
      "\n"
      "CREATE TABLE a (\n"
      "  x INT  -- inline comment stays\n"
      ");\n"
      "  -- indented comment\n"
      "CREATE VIEW v AS SELECT 1;   \n"
      "INSERT INTO a VALUES (1)");
  REQUIRE(parts.size() == 3);
  CHECK(parts[0] == "CREATE TABLE a (\n  x INT  -- inline comment stays\n)");
  CHECK(parts[1] == "CREATE VIEW v AS SELECT 1");
  CHECK(parts[2] == "INSERT INTO a VALUES (1)");
}

TEST_CASE("embedded migrations are numbered 1..N without gaps and named after their version") {
  // Proves the build embedded every sql/NNN_*.sql file in order.
  const auto& list = migrations();
  REQUIRE(!list.empty());
  for (std::size_t i = 0; i < list.size(); ++i) {
    CHECK(list[i].version == static_cast<int>(i + 1));
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%03d_", list[i].version);
    CHECK(std::string(list[i].file).rfind(prefix, 0) == 0);
    CHECK(!split_statements(list[i].sql).empty());
  }
}

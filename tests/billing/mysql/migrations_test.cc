#include "billing/store/mysql/migrations.h"

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

TEST_CASE("split_statements keeps a routine body whole between DELIMITER lines") {
  // Proves ';' inside a body does not cut it, the custom delimiter ends it, and ';' is back after.
  const auto parts = split_statements(
      "DELIMITER //\n"
      "CREATE PROCEDURE p()\n"
      "BEGIN\n"
      "  SELECT 1;\n"
      "  SELECT 2;\n"
      "END //\n"
      "delimiter ;\n"
      "DROP TABLE a;\n");
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND");
  CHECK(parts[1] == "DROP TABLE a");
}

TEST_CASE("embedded migrations are numbered from 1, ascending, and named after their version") {
  // Proves the build embedded every sql/NNN_*.sql file in order. Numbers are handed out per
  // change and a change may land before one holding a lower number (8, 9 and 10 were given to
  // three changes at once): a gap is allowed, a repeated or out-of-order number is not.
  const auto& list = migrations();
  REQUIRE(!list.empty());
  CHECK(list[0].version == 1);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) CHECK(list[i].version > list[i - 1].version);
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%03d_", list[i].version);
    CHECK(std::string(list[i].file).rfind(prefix, 0) == 0);
    CHECK(!split_statements(list[i].sql).empty());
  }
}

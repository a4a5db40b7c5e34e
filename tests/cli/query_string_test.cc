#include "admin-cli/api/query_string.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using prepaid::cli::parse_query_string;
using prepaid::cli::query_of_target;
using prepaid::cli::QueryRefusal;
using Pairs = std::vector<std::pair<std::string, std::string>>;

namespace {

Pairs pairs(std::string_view query) {
  auto parsed = parse_query_string(query);
  REQUIRE_MESSAGE(std::holds_alternative<Pairs>(parsed), std::get<QueryRefusal>(parsed).message);
  return std::get<Pairs>(parsed);
}

std::string refused_name(std::string_view query) {
  auto parsed = parse_query_string(query);
  REQUIRE(std::holds_alternative<QueryRefusal>(parsed));
  return std::get<QueryRefusal>(parsed).name;
}

}  // namespace

TEST_CASE("a query value keeps every byte after the pair's first '='") {
  // Proves batch=1%20OR%201=1 reads as "1 OR 1=1" (cpp-httplib 0.11 kept "1").
  CHECK(pairs("batch=1%20OR%201=1") == Pairs{{"batch", "1 OR 1=1"}});
  CHECK(pairs("a=1&b=x+y&c=%2B5&d") == Pairs{{"a", "1"}, {"b", "x y"}, {"c", "+5"}, {"d", ""}});
  CHECK(pairs("a=1&a=1") == Pairs{{"a", "1"}, {"a", "1"}});  // repeats kept, for Input to refuse
  CHECK(pairs("a=1&&b=2&") == Pairs{{"a", "1"}, {"b", "2"}});
  CHECK(pairs("").empty());
  CHECK(pairs("name=caf%C3%A9") == Pairs{{"name", "caf\xc3\xa9"}});
}

TEST_CASE("broken escapes, NUL bytes and nameless pairs are refused") {
  // Proves a malformed query is an error naming its parameter, never a guess.
  CHECK(refused_name("limit=5%") == "limit");
  CHECK(refused_name("limit=5%4") == "limit");
  CHECK(refused_name("limit=%zz") == "limit");
  CHECK(refused_name("limit=5%00") == "limit");
  CHECK(refused_name("=5").empty());
  CHECK(refused_name("a%=5").empty());
}

TEST_CASE("the query of a request target is what follows '?' up to any '#'") {
  // Proves the parser reads the raw target, not cpp-httplib's decoded parameters.
  CHECK(query_of_target("/v1/cards?batch=7#top") == "batch=7");
  CHECK(query_of_target("/v1/cards?") == "");
  CHECK(query_of_target("/v1/cards") == "");
  CHECK(query_of_target("/v1/cards?a=b?c") == "a=b?c");
}

#include "admin-cli/json/strict_json.h"

#include <doctest/doctest.h>

#include <string>

using prepaid::cli::JsonRefusal;
using prepaid::cli::kMaxJsonDepth;
using prepaid::cli::parse_strict_json;

namespace {

JsonRefusal refusal(std::string_view text) {
  auto parsed = parse_strict_json(text);
  REQUIRE(std::holds_alternative<JsonRefusal>(parsed));
  return std::get<JsonRefusal>(parsed);
}

}  // namespace

TEST_CASE("a key given twice in any object is refused, naming the key") {
  // Proves {"amount":"1.00","amount":"1000.00"} is not read as 1000.00.
  const auto twice = refusal(R"({"amount":"1.00","amount":"1000.00"})");
  CHECK(twice.key == "amount");
  CHECK(twice.message.find("duplicate key 'amount'") != std::string::npos);
  CHECK(refusal(R"({"a":[{"b":1,"c":2,"b":3}]})").key == "b");
  CHECK(refusal(R"({"x":{"a":1,"a":1}})").key == "a");
  CHECK(refusal(R"({"a\u0062":1,"ab":2})").key == "ab");  // the same key, escaped once
}

TEST_CASE("equal keys in different objects, and valid JSON, are accepted") {
  // Proves the check is per object, and values come back unchanged.
  auto parsed = parse_strict_json(R"({"a":{"id":1},"b":{"id":2},"list":[{"id":3},{"id":4}]})");
  REQUIRE(std::holds_alternative<nlohmann::json>(parsed));
  CHECK(std::get<nlohmann::json>(parsed)["list"][1]["id"] == 4);
  CHECK(std::holds_alternative<nlohmann::json>(parse_strict_json("[]")));
}

TEST_CASE("malformed JSON and deep nesting are refused") {
  // Proves the error for broken text, and that nesting beyond kMaxJsonDepth is refused.
  CHECK(refusal(R"({"a":1,})").message.find("not valid JSON") != std::string::npos);
  CHECK(refusal("").message.find("not valid JSON") != std::string::npos);
  const std::string deep =
      std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  CHECK(refusal(deep).message.find("deeper than") != std::string::npos);
  const std::string fits = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  CHECK(std::holds_alternative<nlohmann::json>(parse_strict_json(fits)));
}

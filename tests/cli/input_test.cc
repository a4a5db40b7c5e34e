#include "admin-cli/command/input.h"

#include <doctest/doctest.h>

#include <string>

using nlohmann::json;
using prepaid::cli::Input;
using prepaid::cli::InputError;
using prepaid::cli::Param;
using prepaid::cli::ParamType;

namespace {

const std::vector<Param>& params() {
  static const std::vector<Param> p = {
      Param{.name = "number", .required = true},
      Param{.name = "count", .type = ParamType::integer},
      Param{.name = "amount", .type = ParamType::money},
      Param{.name = "with_pins", .type = ParamType::boolean},
      Param{.name = "status", .type = ParamType::choice, .choices = {"new", "active"}},
      Param{.name = "numbers", .type = ParamType::list},
      Param{.name = "from", .type = ParamType::instant},
  };
  return p;
}

/// The field named by the InputError that `f` throws ("" when it does not throw).
template <class F>
std::string refused_field(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).size() > 0);
    return e.field().empty() ? "(none)" : e.field();
  }
  return "";
}

}  // namespace

TEST_CASE("values from the command line (strings) and from JSON read the same") {
  // Proves that the CLI and the API agree: "12" and 12 are both the integer 12, and so on.
  const Input cli(params(), json{{"number", "1000"},
                                 {"count", "12"},
                                 {"amount", "5.50"},
                                 {"with_pins", true},
                                 {"status", "active"}});
  const Input api(params(), json{{"number", "1000"},
                                 {"count", 12},
                                 {"amount", "5.50"},
                                 {"with_pins", "true"},
                                 {"status", "active"}});
  for (const Input* in : {&cli, &api}) {
    CHECK(in->text("number") == "1000");
    CHECK(in->integer("count", 1, 100) == 12);
    CHECK(in->money("amount").micros() == 5'500'000);
    CHECK(in->flag("with_pins"));
    CHECK(in->optional_choice("status") == "active");
  }
}

TEST_CASE("money must be a decimal string: JSON numbers and over-precise text are refused") {
  // Proves that a float never becomes money, and that the error names the field.
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"amount", 5.5}}).money("amount");
        }) == "amount");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"amount", 5}}).money("amount");
        }) == "amount");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"amount", "0.0000001"}}).money("amount");
        }) == "amount");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"amount", "1,50"}}).money("amount");
        }) == "amount");
}

TEST_CASE("unknown, missing and malformed parameters are refused naming the parameter") {
  // Proves strictness: a typo in a field name is an error, not a silently ignored option.
  CHECK(refused_field([] { Input(params(), json{{"number", "1"}, {"cuont", 3}}); }) == "cuont");
  CHECK(refused_field([] { Input(params(), json::object()); }) == "number");
  CHECK(refused_field([] { Input(params(), json::array()); }) == "(none)");
  CHECK(refused_field([] { Input(params(), json{{"number", 1000}}).text("number"); }) == "number");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"count", "12x"}}).integer("count", 0, 10);
        }) == "count");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"count", 1.5}}).integer("count", 0, 10);
        }) == "count");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"count", 11}}).integer("count", 0, 10);
        }) == "count");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"count", "18446744073709551616"}})
              .integer("count", 0, 10);
        }) == "count");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"status", "gone"}}).optional_choice("status");
        }) == "status");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"with_pins", "maybe"}}).flag("with_pins");
        }) == "with_pins");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"numbers", json{{"a", 1}}}}).list("numbers");
        }) == "numbers");
  CHECK(refused_field([] {
          Input(params(), json{{"number", "1"}, {"from", "tomorrow"}})
              .optional_instant("from", prepaid::rating::TimeZone::utc());
        }) == "from");
}

TEST_CASE("absent optional values read as absent; null counts as absent") {
  // Proves the defaults path of every command.
  const Input in(params(), json{{"number", "1"}, {"count", nullptr}});
  CHECK_FALSE(in.has("count"));
  CHECK_FALSE(in.optional_integer("count", 0, 10).has_value());
  CHECK_FALSE(in.optional_money("amount").has_value());
  CHECK_FALSE(in.flag("with_pins"));
  CHECK(in.list("numbers").empty());
  CHECK(in.text_or("status", "x") == "x");
}

TEST_CASE("a list reads a JSON array or a single string") {
  // Proves that `cards disable N` and {"numbers": ["N", "M"]} both work.
  CHECK(Input(params(), json{{"number", "1"}, {"numbers", json::array({"1", "2"})}})
            .list("numbers") == std::vector<std::string>{"1", "2"});
  CHECK(Input(params(), json{{"number", "1"}, {"numbers", "7"}}).list("numbers") ==
        std::vector<std::string>{"7"});
}

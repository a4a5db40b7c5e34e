#include "admin-cli/command/input.h"

#include <doctest/doctest.h>

#include <set>
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

TEST_CASE("text (argv, path, query) and JSON body values read the same when typed as published") {
  // Proves that the CLI and the API agree: text "12" and the JSON number 12 are the integer 12.
  const Input cli(params(), json{{"number", "1000"},
                                 {"count", "12"},
                                 {"amount", "5.50"},
                                 {"with_pins", true},
                                 {"status", "active"}});
  const Input api(params(),
                  json{{"number", "1000"},
                       {"count", 12},
                       {"amount", "5.50"},
                       {"with_pins", true},
                       {"status", "active"}},
                  {"number", "count", "amount", "with_pins", "status"});
  const Input query(params(), json{{"number", "1000"}, {"with_pins", "true"}});
  for (const Input* in : {&cli, &api}) {
    CHECK(in->text("number") == "1000");
    CHECK(in->integer("count", 1, 100) == 12);
    CHECK(in->money("amount").micros() == 5'500'000);
    CHECK(in->flag("with_pins"));
    CHECK(in->optional_choice("status") == "active");
  }
  CHECK(query.flag("with_pins"));
}

TEST_CASE("a body value must have the published JSON type; text must be whole") {
  // Proves docs/openapi.json's types hold for bodies ("2" is not an integer, "true" not a
  // boolean, null not a value), and that text integers are the whole string ("1 OR 1=1").
  const std::set<std::string, std::less<>> body = {"count", "with_pins", "numbers", "amount"};
  auto body_input = [&](const char* name, json value) {
    return Input(params(), json{{"number", "1"}, {name, std::move(value)}}, body);
  };
  CHECK(refused_field([&] { body_input("count", "2").integer("count", 0, 10); }) == "count");
  CHECK(refused_field([&] { body_input("count", 2.0).integer("count", 0, 10); }) == "count");
  CHECK(body_input("count", 2).integer("count", 0, 10) == 2);
  CHECK(refused_field([&] { body_input("with_pins", "true").flag("with_pins"); }) == "with_pins");
  CHECK(refused_field([&] { body_input("with_pins", 1).flag("with_pins"); }) == "with_pins");
  CHECK(refused_field([&] { body_input("numbers", "7").list("numbers"); }) == "numbers");
  CHECK(refused_field([&] { body_input("count", nullptr); }) == "count");
  for (const char* text : {"1 OR 1=1", "1;", " 1", "1 ", "+1", "0x10", "1e3", ""}) {
    CAPTURE(text);
    CHECK(refused_field([&] {
            Input(params(), json{{"number", "1"}, {"count", text}}).integer("count", -5, 10);
          }) == "count");
  }
  CHECK(Input(params(), json{{"number", "1"}, {"count", "-5"}}).integer("count", -5, 10) == -5);
  for (const char* text : {"yes", "1", "no", "0", "TRUE"}) {
    CAPTURE(text);
    CHECK(refused_field([&] {
            Input(params(), json{{"number", "1"}, {"with_pins", text}}).flag("with_pins");
          }) == "with_pins");
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
  // The published pattern -?[0-9]+(\.[0-9]{1,6})?, on the command line and in a body alike.
  for (const char* text : {"+5.00", " 5.00", "5.00 ", "5.", ".5", "-", "1e3", "5.0000000", "--1",
                           "0x10", "5,00", ""}) {
    CAPTURE(text);
    CHECK(refused_field([&] {
            Input(params(), json{{"number", "1"}, {"amount", text}}).money("amount");
          }) == "amount");
    CHECK(refused_field([&] {
            Input(params(), json{{"number", "1"}, {"amount", text}}, {"amount"}).money("amount");
          }) == "amount");
  }
  for (const char* text : {"5", "-3.5", "0.000001", "007.10"}) {
    CAPTURE(text);
    CHECK(Input(params(), json{{"number", "1"}, {"amount", text}}).optional_money("amount"));
  }
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

TEST_CASE("a list reads a JSON array, or in text a single string") {
  // Proves that `cards disable N` and {"numbers": ["N", "M"]} both work.
  CHECK(Input(params(), json{{"number", "1"}, {"numbers", json::array({"1", "2"})}})
            .list("numbers") == std::vector<std::string>{"1", "2"});
  CHECK(Input(params(), json{{"number", "1"}, {"numbers", "7"}}).list("numbers") ==
        std::vector<std::string>{"7"});
}

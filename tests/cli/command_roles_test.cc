#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "admin-cli/command/command.h"
#include "billing/store/memory_store.h"

using nlohmann::json;
using prepaid::billing::Actor;
using prepaid::billing::Role;
using prepaid::cli::all_commands;
using prepaid::cli::Command;
using prepaid::cli::Failure;
using prepaid::cli::Param;
using prepaid::cli::ParamType;
using prepaid::cli::Services;

namespace {

/// A value of the right type for every required parameter of `command` (on tariff "x").
json plausible_values(const Command& command) {
  json values = json::object();
  for (const Param& p : command.params) {
    if (!p.required) continue;
    switch (p.type) {
      case ParamType::integer:
        values[p.name] = "1";
        break;
      case ParamType::money:
        values[p.name] = "1.00";
        break;
      case ParamType::boolean:
        values[p.name] = false;
        break;
      case ParamType::choice:
        values[p.name] = p.choices.front();
        break;
      case ParamType::list:
        values[p.name] = json::array({"1"});
        break;
      case ParamType::instant:
        values[p.name] = "2026-01-01";
        break;
      case ParamType::raw:
        values[p.name] = "prefix,destination,rate\n44,UK,0.1\n";
        break;
      default:
        values[p.name] = p.name == "role" ? "operator" : p.name == "date" ? "12-25" : "x";
    }
  }
  return values;
}

}  // namespace

TEST_CASE("a command the API refuses to operators before its body is one the services refuse") {
  // Proves Command::min_role is never stricter than the service it calls: each command marked
  // for administrators, run by an operator on plausible input, is refused `forbidden` by the
  // service itself.
  auto store = std::make_shared<prepaid::billing::MemoryStore>();
  Services services(store);
  const Actor admin{"alice", Role::administrator, "test"};
  prepaid::billing::TariffRecord tariff;
  tariff.name = "x";
  tariff.currency = "EUR";
  tariff.time_zone = "UTC";
  tariff.base_price_list = "x";
  REQUIRE(services.tariffs().create_tariff(admin, tariff));
  const Actor op{"olga", Role::operator_, "test"};
  int marked = 0;
  for (const Command& command : all_commands()) {
    if (command.min_role != Role::administrator) continue;
    ++marked;
    CAPTURE(command.name());
    const auto done = prepaid::cli::execute(command, services, &op, plausible_values(command));
    const auto* refused = std::get_if<Failure>(&done);
    REQUIRE(refused);
    CHECK(refused->code == "forbidden");
  }
  CHECK(marked >= 10);
}

#pragma once
/// @file cli_fixtures.h
/// @brief Small data the CLI and API tests share: a tariff with a price list, a batch.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_world.h"

namespace prepaid::cli::testing {

/// A small day rate deck (prefix, destination, rate).
inline const char* kDayDeck =
    "prefix,destination,rate,first_increment,increment\n"
    "44,United Kingdom,0.10,60,60\n"
    "447,United Kingdom Mobile,0.20,30,6\n"
    "359,Bulgaria,0.05,60,60\n";

/// Creates tariff `name` (EUR, Europe/Sofia, base list "day") with kDayDeck as its day list.
inline void make_tariff(const CliWorld& world, const std::string& name = "retail") {
  world.ok({"tariffs", "create", name, "--currency", "EUR", "--time-zone", "Europe/Sofia",
            "--base-price-list", "day"});
  world.ok({"pricelists", "import", name, "day", "-"}, "admin", kDayDeck);
}

/// Creates `count` cards of 5.00 EUR on `tariff`; returns the `cards create` reply.
inline nlohmann::json make_cards(const CliWorld& world, int count,
                                 const std::string& tariff = "retail",
                                 const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"cards",    "create", "--count",    std::to_string(count),
                                   "--amount", "5.00",   "--currency", "EUR",
                                   "--tariff", tariff};
  args.insert(args.end(), extra.begin(), extra.end());
  return world.ok(args);
}

}  // namespace prepaid::cli::testing

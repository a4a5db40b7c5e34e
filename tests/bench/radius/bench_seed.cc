// bench_seed: prepares a billing database for the RADIUS benchmark — schema, a tariff, and
// cards with a large balance — through the store (tests/radius/store_seed.h), and writes the
// cards' numbers and PINs for the load generator.
//
//   bench_seed --database prepaid_bench --cards 1000 --cards-file cards.txt
// Connection from PREPAID_DB_SOCKET / PREPAID_DB_USER / PREPAID_DB_PASSWORD.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include <chrono>
#include <random>

#include "billing/store/mysql/connection_options.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/schema.h"
#include "tests/radius/store_seed.h"

namespace {

// Per-second United Kingdom rates by day and evening, as in the end-to-end tests.
const char* const kBenchTariff = R"([tariff]
name = bench
currency = EUR
zone = UTC
rounding = up
rounding_decimals = 2
international_prefix = 00
base = day

[pricelist day]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.60,1,1
447,United Kingdom Mobile,0.90,1,1

[pricelist evening]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.30,1,1

[rule evening]
pricelist = evening
time = 18:00-08:00
)";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Prepares a billing database for the RADIUS benchmark"};
  std::string database = "prepaid_bench", cards_file;
  std::uint32_t cards = 1000;
  app.add_option("--database", database, "database to (re)create");
  app.add_option("--cards", cards, "cards to create")->check(CLI::Range(1, 100000));
  app.add_option("--cards-file", cards_file, "where to write <number> <pin> lines")->required();
  CLI11_PARSE(app, argc, argv);
  using namespace prepaid;
  try {
    auto options = mysql::ConnectionOptions::from_env(database);
    mysql::Schema schema(options);
    schema.drop_database();
    schema.init();
    auto store = std::make_shared<mysql::MySqlStore>(options);
    radius::testing::seed_tariff(*store, kBenchTariff);
    std::ofstream out(cards_file);
    std::mt19937_64 random(std::random_device{}());
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    for (std::uint32_t i = 0; i < cards; ++i) {
      billing::Card c;
      c.number = std::to_string(720000000000ULL + i);
      c.pin = std::to_string(1000 + random() % 9000);
      c.kind = billing::CardKind::card;
      c.status = billing::CardStatus::active;
      c.currency = "EUR";
      c.tariff = "bench";
      c.balance = *rating::Money::parse("100000");
      c.max_concurrent = 1000;
      c.activation = billing::ActivationMode::at_creation;
      c.validity_days = 0;
      c.created_at = now;
      c.activated_at = now;
      radius::testing::seed_card(*store, c);
      out << c.number << ' ' << c.pin << '\n';
    }
    if (!out) {
      std::cerr << "bench_seed: cannot write " << cards_file << "\n";
      return 1;
    }
    std::cerr << "bench_seed: " << cards << " cards in " << database << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_seed: " << e.what() << "\n";
    return 1;
  }
}

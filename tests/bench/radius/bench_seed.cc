// bench_seed: prepares a billing database for the RADIUS benchmark — schema, a tariff, and
// cards with a large balance — through the admin services, and writes the cards'
// numbers and PINs for the load generator.
//
//   bench_seed --database prepaid_bench --cards 1000 --cards-file cards.txt
// Connection from PREPAID_DB_SOCKET / PREPAID_DB_USER / PREPAID_DB_PASSWORD.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "billing/card_service.h"
#include "billing/mysql/connection_options.h"
#include "billing/mysql/mysql_store.h"
#include "billing/mysql/schema.h"
#include "billing/tariff_service.h"

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
    const billing::Actor admin{"bench", billing::Role::administrator, "bench"};
    billing::TariffService tariffs(store);
    if (auto r = tariffs.import_tariff_file(admin, kBenchTariff); !r) {
      std::cerr << "bench_seed: tariff: " << r.problem().message << "\n";
      return 1;
    }
    billing::CardService service(store);
    billing::BatchRequest batch;
    batch.count = cards;
    batch.amount = *rating::Money::parse("100000");
    batch.currency = "EUR";
    batch.tariff = "bench";
    batch.activation = billing::ActivationMode::at_creation;
    batch.validity_days = 0;
    batch.max_concurrent = 1000;
    batch.note = "RADIUS benchmark";
    auto created = service.create_batch(admin, batch);
    if (!created) {
      std::cerr << "bench_seed: cards: " << created.problem().message << "\n";
      return 1;
    }
    std::ofstream out(cards_file);
    for (const auto& c : created->cards) out << c.number << ' ' << c.pin << '\n';
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

// prepaid_demo_data: the demo data of `scripts/run` — the schema, the demo tariff and a few
// cards and booths — loaded through the admin services, as an operator would. Run again, it
// only prints the demo cards it made the first time.
//
//   prepaid_demo_data --database prepaid --tariff examples/tariffs/demo.tariff
// Connection from PREPAID_DB_SOCKET (or PREPAID_DB_HOST/PORT), PREPAID_DB_USER/PASSWORD.
// Prints one line per demo account: "<kind> <number> <pin> <balance> <currency>".
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <string>

#include "billing/cards/card_service.h"
#include "billing/store/mysql/connection_options.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/schema.h"
#include "billing/tariffs/tariff_service.h"
#include "rating/tariff_file.h"

namespace {

constexpr const char* kDemoNote = "scripts/run demo";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Loads the demo schema, tariff and cards for scripts/run"};
  std::string database = "prepaid", tariff_path;
  app.add_option("--database", database, "database name");
  app.add_option("--tariff", tariff_path, "tariff file to import")
      ->required()
      ->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);
  using namespace prepaid;
  try {
    auto options = mysql::ConnectionOptions::from_env(database);
    mysql::Schema schema(options);
    if (schema.version() == 0) {
      schema.init();
    } else {
      schema.upgrade();
    }
    auto store = std::make_shared<mysql::MySqlStore>(options);
    const billing::Actor admin{"demo", billing::Role::administrator, "scripts/run"};
    billing::CardService cards(store);

    // Already loaded: print the demo accounts again.
    auto batches = cards.batches(admin, billing::Page{0, 1000});
    if (!batches) throw std::runtime_error(batches.problem().message);
    std::vector<billing::BatchId> demo;
    for (const auto& b : *batches) {
      if (b.note == kDemoNote) demo.push_back(b.id);
    }
    if (demo.empty()) {
      // The file names its price lists relative to itself: load it here and import the
      // whole tariff as one self-contained text.
      const auto loaded = rating::load_tariff_file(tariff_path);
      if (!loaded.tariff) {
        std::string problems;
        for (const auto& p : loaded.problems) problems += "\n  " + p.to_string();
        throw std::runtime_error("demo tariff " + tariff_path + ":" + problems);
      }
      billing::TariffService tariffs(store);
      auto tariff = tariffs.import_tariff_file(admin, rating::format_tariff_text(*loaded.tariff));
      if (!tariff) {
        std::string details;
        for (const auto& d : tariff.problem().details) details += "\n  " + d;
        throw std::runtime_error("demo tariff: " + tariff.problem().message + details);
      }
      struct Spec {
        billing::CardKind kind;
        std::uint32_t count;
        const char* amount;
        std::uint32_t concurrent;
      };
      for (const Spec& spec :
           {Spec{billing::CardKind::card, 3, "10", 1}, Spec{billing::CardKind::booth, 2, "20", 1},
            Spec{billing::CardKind::account, 1, "50", 4}}) {
        billing::BatchRequest b;
        b.count = spec.count;
        b.amount = *rating::Money::parse(spec.amount);
        b.currency = tariff->currency;
        b.tariff = tariff->name;
        b.kind = spec.kind;
        b.activation = billing::ActivationMode::first_use;
        b.validity_days = 180;
        b.number_length = 10;
        b.pin_length = 4;
        b.max_concurrent = spec.concurrent;
        b.note = kDemoNote;
        auto created = cards.create_batch(admin, b);
        if (!created) throw std::runtime_error("demo cards: " + created.problem().message);
        demo.push_back(created->batch.id);
      }
    }
    std::sort(demo.begin(), demo.end());  // in the order they were made
    for (billing::BatchId id : demo) {
      billing::CardFilter filter;
      filter.batch = id;
      filter.with_pins = true;
      auto page = cards.list_cards(admin, filter, billing::Page{0, 100});
      if (!page) throw std::runtime_error(page.problem().message);
      for (const auto& c : page->cards) {
        std::cout << billing::to_string(c.kind) << ' ' << c.number << ' ' << c.pin << ' '
                  << c.balance.to_string(2) << ' ' << c.currency << '\n';
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "prepaid_demo_data: " << e.what() << "\n";
    return 1;
  }
}

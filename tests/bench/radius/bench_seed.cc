// bench_seed: prepares a billing database for the RADIUS benchmark — schema, a tariff, and
// cards with a large balance — through the store (tests/radius/store_seed.h), and writes the
// cards' numbers and PINs for the load generator.
//
//   bench_seed --database prepaid_bench --cards 1000 --cards-file cards.txt
//   bench_seed ... --booths   # the accounts are callshop booths instead (see below)
//
// --booths: every account is a booth of a shop (kBoothsPerShop booths a shop) with a session
// open at the counter (a prepaid deposit of 100000.00, so that each account starts at the
// balance the cards have), its operator's shift open, a cost tariff and an upstream account
// recharged with 1000000.00: what the authorization reads for a booth (the session, the
// shop's upstream and the holds of its calls) and what the Stop writes (the upstream debit)
// are then measured. A real booth takes one call at a time; the load generator sends several
// calls per account at once, so each booth account's limit is raised to the cards' (1000).
// Connection from PREPAID_DB_SOCKET / PREPAID_DB_USER / PREPAID_DB_PASSWORD.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include <chrono>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "billing/operators/operator_service.h"
#include "billing/shops/booth_session_service.h"
#include "billing/shops/shift_service.h"
#include "billing/shops/shop_service.h"
#include "billing/shops/shop_upstream_service.h"
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

// What the shops pay their upstream: half the retail price.
const char* const kBenchCostTariff = R"([tariff]
name = bench-cost
currency = EUR
zone = UTC
rounding = up
rounding_decimals = 6
international_prefix = 00
base = day

[pricelist day]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.30,1,1
447,United Kingdom Mobile,0.45,1,1
)";

constexpr std::uint32_t kBoothsPerShop = 10;

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error(what);
}

template <class R>
R must(R result, const std::string& what) {
  if (!result) throw std::runtime_error(what + ": " + result.problem().message);
  return result;
}

// Account i as a booth of shop i / kBoothsPerShop, open for a customer (see the file's comment).
void seed_booth(const std::shared_ptr<prepaid::billing::Store>& store, std::uint32_t i,
                prepaid::billing::Card& c) {
  using namespace prepaid::billing;
  const Actor admin = Actor::system("bench");
  ShopService shops(store);
  const std::string shop = "bench-shop-" + std::to_string(i / kBoothsPerShop);
  const std::string op = "bench-op-" + std::to_string(i / kBoothsPerShop);
  const Actor counter{op, Role::operator_, "bench"};
  if (i % kBoothsPerShop == 0) {
    OperatorService ops(store);
    must(ops.add(admin, op, Role::operator_), "operator " + op);
    ShopRequest r;
    r.name = shop;
    r.currency = "EUR";
    r.time_zone = "UTC";
    r.retail_tariff = "bench";
    r.cost_tariff = "bench-cost";
    must(shops.add_shop(admin, r), "shop " + shop);
    must(shops.assign_operator(admin, op, shop), "operator's shop");
    must(ShiftService(store).open(counter, "", *prepaid::rating::Money::parse("100")), "shift");
    ShopUpstreamService upstream(store);
    must(upstream.configure(admin, shop, std::nullopt), "upstream account");
    must(upstream.recharge(admin, shop, *prepaid::rating::Money::parse("1000000"), "bench"),
         "upstream recharge");
  }
  auto booth = must(
      shops.add_booth(admin, BoothRequest{shop, "Cabin " + std::to_string(i), c.number, c.pin}),
      "booth " + c.number);
  must(BoothSessionService(store).open(counter, c.number, SessionKind::prepaid,
                                       *prepaid::rating::Money::parse("100000")),
       "session of booth " + c.number);
  run_transaction(*store, 3, [&](Transaction& tx) {
    auto card = tx.lock_card(c.number);
    check(card.has_value(), "booth account " + c.number);
    card->max_concurrent = 1000;
    tx.update_card(*card);
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Prepares a billing database for the RADIUS benchmark"};
  std::string database = "prepaid_bench", cards_file;
  std::uint32_t cards = 1000;
  bool booths = false;
  app.add_option("--database", database, "database to (re)create");
  app.add_option("--cards", cards, "cards to create")->check(CLI::Range(1, 100000));
  app.add_option("--cards-file", cards_file, "where to write <number> <pin> lines")->required();
  app.add_flag("--booths", booths, "the accounts are callshop booths with an open session");
  CLI11_PARSE(app, argc, argv);
  using namespace prepaid;
  try {
    auto options = mysql::ConnectionOptions::from_env(database);
    mysql::Schema schema(options);
    schema.drop_database();
    schema.init();
    auto store = std::make_shared<mysql::MySqlStore>(options);
    radius::testing::seed_tariff(*store, kBenchTariff);
    if (booths) radius::testing::seed_tariff(*store, kBenchCostTariff);
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
      if (booths) {
        seed_booth(store, i, c);
      } else {
        radius::testing::seed_card(*store, c);
      }
      out << c.number << ' ' << c.pin << '\n';
    }
    if (!out) {
      std::cerr << "bench_seed: cannot write " << cards_file << "\n";
      return 1;
    }
    std::cerr << "bench_seed: " << cards << (booths ? " booths" : " cards") << " in " << database
              << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_seed: " << e.what() << "\n";
    return 1;
  }
}

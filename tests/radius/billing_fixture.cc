#include "tests/radius/billing_fixture.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>

#include "billing/clock.h"
#include "billing/mysql/mysql_store.h"
#include "billing/mysql/schema.h"

namespace prepaid::radius::testing {

const char* const kE2eTariff = R"(# The end-to-end tests' tariff.
[tariff]
name = e2e
currency = EUR
zone = UTC
rounding = up
rounding_decimals = 2
international_prefix = 00
base = day

[pricelist day]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.60,1,1
359,Bulgaria,0.06,60,60

[pricelist evening]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.30,1,1

[rule evening]
pricelist = evening
time = 18:00-08:00
)";

namespace {

const billing::Actor kAdmin{"e2e-admin", billing::Role::administrator, "test"};

template <class T>
T value_or_fail(billing::Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.problem().message);
  return std::move(r).value();
}

}  // namespace

rating::Money money(std::string_view text) {
  auto m = rating::Money::parse(text);
  if (!m) throw std::invalid_argument("bad money in test: " + std::string(text));
  return *m;
}

BillingFixture::BillingFixture() {
  static std::atomic<int> counter{0};
  create(DatabaseEnv::from_environment("prepaid_e2e_" + std::to_string(::getpid()) + "_" +
                                       std::to_string(counter++)));
}

BillingFixture::BillingFixture(DatabaseEnv server) {
  create(std::move(server));
}

void BillingFixture::create(DatabaseEnv server) {
  static std::atomic<int> counter{100};
  if (server.name.empty() || server.name == "prepaid") {
    server.name = "prepaid_e2e_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  }
  db_ = std::move(server);
  options_.url = "unix://" + db_.socket;
  options_.user = db_.user;
  options_.password = db_.password;
  options_.database = db_.name;
  mysql::Schema schema(options_);
  schema.drop_database();
  schema.init();
  store_ = std::make_shared<mysql::MySqlStore>(options_);
  cards_ = std::make_unique<billing::CardService>(store_);
  tariffs_ = std::make_unique<billing::TariffService>(store_);
  value_or_fail(tariffs_->import_tariff_file(kAdmin, kE2eTariff), "import the e2e tariff");
}

BillingFixture::~BillingFixture() {
  try {
    cards_.reset();
    tariffs_.reset();
    store_.reset();
    mysql::Schema(options_).drop_database();
  } catch (...) {  // a stopped server: the test already failed or restarts it
  }
}

billing::IssuedCard BillingFixture::card(const TestCard& spec) {
  billing::BatchRequest b;
  b.count = 1;
  b.amount = money(spec.money);
  b.currency = "EUR";
  b.tariff = "e2e";
  b.activation = spec.activation;
  b.validity_days = spec.validity_days;
  b.credit_limit = money(spec.credit_limit);
  b.max_concurrent = spec.max_concurrent;
  b.note = "e2e";
  auto created = value_or_fail(cards_->create_batch(kAdmin, b), "create a card");
  return created.cards.at(0);
}

billing::IssuedCard BillingFixture::expired_card() {
  // Made two days ago, valid one day: expired yesterday.
  auto clock = std::make_shared<billing::ManualClock>(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
      std::chrono::hours(48));
  billing::CardService past(store_, clock);
  billing::BatchRequest b;
  b.count = 1;
  b.amount = money("5.00");
  b.currency = "EUR";
  b.tariff = "e2e";
  b.activation = billing::ActivationMode::at_creation;
  b.validity_days = 1;
  return value_or_fail(past.create_batch(kAdmin, b), "create an expired card").cards.at(0);
}

void BillingFixture::disable(const std::string& number) {
  value_or_fail(cards_->set_status(kAdmin, {number}, billing::StatusChange::disable), "disable");
}

void BillingFixture::adjust(const std::string& number, const std::string& amount) {
  auto eur = *rating::Currency::from_code("EUR");
  value_or_fail(cards_->adjust(kAdmin, number, billing::LedgerKind::adjustment,
                               rating::Amount{money(amount), eur}, "e2e adjustment"),
                "adjust");
}

rating::Money BillingFixture::balance(const std::string& number) {
  return value_or_fail(cards_->show_card(kAdmin, number), "show card").balance;
}

std::vector<billing::LedgerEntry> BillingFixture::charges(const std::string& number) {
  auto all = value_or_fail(cards_->ledger(kAdmin, number, billing::Page{0, 10000}), "ledger");
  std::vector<billing::LedgerEntry> out;
  for (auto& e : all) {
    if (e.kind == billing::LedgerKind::call_charge) out.push_back(std::move(e));
  }
  return out;
}

bool BillingFixture::ledger_balances() {
  return value_or_fail(cards_->check_ledger(kAdmin), "check ledger").mismatches.empty();
}

}  // namespace prepaid::radius::testing

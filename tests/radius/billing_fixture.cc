#include "tests/radius/billing_fixture.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>

#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/schema.h"
#include "tests/radius/store_seed.h"

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

rating::Instant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

rating::Money money(std::string_view text) {
  auto m = rating::Money::parse(text);
  if (!m) throw std::invalid_argument("bad money in test: " + std::string(text));
  return *m;
}

rating::Money uk_price(std::int64_t start, std::uint32_t duration_s) {
  constexpr std::int64_t kDay = 86400, kEveningFrom = 18 * 3600, kEveningUntil = 8 * 3600;
  std::int64_t half_cents = 0;
  for (std::int64_t s = start; s < start + duration_s; ++s) {
    const std::int64_t of_day = ((s % kDay) + kDay) % kDay;
    half_cents += (of_day >= kEveningFrom || of_day < kEveningUntil) ? 1 : 2;
  }
  const std::int64_t cents = (half_cents + 1) / 2;
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return money(text);
}

std::set<rating::Money> uk_prices(std::int64_t first, std::int64_t last, std::uint32_t duration_s) {
  std::set<rating::Money> out;
  for (std::int64_t start = first; start <= last; ++start) out.insert(uk_price(start, duration_s));
  return out;
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
  db_ = std::move(server);
  options_.url = "unix://" + db_.socket;
  options_.user = db_.user;
  options_.password = db_.password;
  options_.database = db_.name;
  mysql::Schema schema(options_);
  schema.drop_database();
  schema.init();
  store_ = std::make_shared<mysql::MySqlStore>(options_);

  seed_tariff(*store_, kE2eTariff);
}

BillingFixture::~BillingFixture() {
  try {
    store_.reset();
    mysql::Schema(options_).drop_database();
  } catch (...) {  // a stopped server: the test already failed or restarts it
  }
}

BillingFixture::Issued BillingFixture::insert(billing::Card c) {
  static std::atomic<unsigned> counter{0};
  c.number = "71" + std::to_string(100000000 + (::getpid() % 1000) * 100000 + counter++);
  // Ten random digits: a test that searches the server's log for the PIN must not find it
  // there by chance (a four-digit PIN turns up in time stamps and ports).
  std::random_device random;
  c.pin = std::to_string(1 + random() % 9);
  while (c.pin.size() < 10) c.pin += std::to_string(random() % 10);
  c.currency = "EUR";
  c.tariff = "e2e";
  seed_card(*store_, c);
  return Issued{c.number, c.pin};
}

BillingFixture::Issued BillingFixture::card(const TestCard& spec) {
  billing::Card c;
  c.kind = billing::CardKind::card;
  c.status = billing::CardStatus::new_;
  c.balance = money(spec.money);
  c.credit_limit = money(spec.credit_limit);
  c.max_concurrent = spec.max_concurrent;
  c.activation = spec.activation;
  c.validity_days = spec.validity_days;
  c.created_at = now();
  return insert(std::move(c));
}

BillingFixture::Issued BillingFixture::expired_card() {
  // Activated two days ago, valid one day: expired yesterday.
  billing::Card c;
  c.status = billing::CardStatus::active;
  c.balance = money("5.00");
  c.activation = billing::ActivationMode::at_creation;
  c.validity_days = 1;
  c.created_at = now() - std::chrono::hours(48);
  c.activated_at = c.created_at;
  c.expires_at = c.computed_expiry();
  return insert(std::move(c));
}

void BillingFixture::disable(const std::string& number) {
  billing::run_transaction(*store_, 3, [&](billing::Transaction& tx) {
    auto c = tx.lock_card(number);
    if (!c) throw std::runtime_error("no card " + number);
    c->status = billing::CardStatus::disabled;
    tx.update_card(*c);
  });
}

void BillingFixture::adjust(const std::string& number, const std::string& amount) {
  billing::run_transaction(*store_, 3, [&](billing::Transaction& tx) {
    auto c = tx.lock_card(number);
    if (!c) throw std::runtime_error("no card " + number);
    c->balance += money(amount);
    tx.update_card(*c);
    billing::LedgerEntry e;
    e.card_id = c->id;
    e.at = now();
    e.kind = billing::LedgerKind::adjustment;
    e.amount = money(amount);
    e.balance_after = c->balance;
    e.currency = c->currency;
    e.actor = "e2e";
    e.reason = "e2e adjustment";
    tx.insert_ledger(e);
  });
}

rating::Money BillingFixture::balance(const std::string& number) {
  return billing::run_transaction(*store_, 3, [&](billing::Transaction& tx) {
    auto c = tx.find_card(number, false);
    if (!c) throw std::runtime_error("no card " + number);
    return c->balance;
  });
}

std::vector<billing::LedgerEntry> BillingFixture::charges(const std::string& number) {
  return billing::run_transaction(*store_, 3, [&](billing::Transaction& tx) {
    auto c = tx.find_card(number, false);
    if (!c) throw std::runtime_error("no card " + number);
    std::vector<billing::LedgerEntry> out;
    for (auto& e : tx.list_ledger(c->id, billing::Page{0, 10000})) {
      if (e.kind == billing::LedgerKind::call_charge) out.push_back(std::move(e));
    }
    return out;
  });
}

std::size_t BillingFixture::unclosed_reservations(const std::string& nas) {
  return billing::run_transaction(*store_, 3, [&](billing::Transaction& tx) {
    return tx.unclosed_reservations_at(nas, now() + std::chrono::hours(1)).size();
  });
}

bool BillingFixture::ledger_balances() {
  return billing::run_transaction(
      *store_, 3, [&](billing::Transaction& tx) { return tx.ledger_mismatches().empty(); });
}

}  // namespace prepaid::radius::testing

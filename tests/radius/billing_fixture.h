#pragma once
/// @file billing_fixture.h
/// @brief A fresh billing database for one end-to-end test: its own uniquely named database
/// on the private MariaDB (PREPAID_DB_*), the schema (mysql::Schema), the e2e tariff and cards
/// written through the store's transactions (each card with its batch_load ledger row), and
/// reads of balances and ledgers to check money.

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "billing/cards/card.h"
#include "billing/cards/ledger_entry.h"
#include "billing/store/mysql/connection_options.h"
#include "billing/store/store.h"
#include "rating/money.h"
#include "tests/radius/radius_server.h"

namespace prepaid::radius::testing {

/// The tariff of the end-to-end tests (UTC, euro, cents rounded up):
/// - base list "day": 44 United Kingdom 0.60/min billed per second (0.01 per second),
///   359 Bulgaria 0.06/min in whole minutes;
/// - rule "evening", every day 18:00-08:00: 44 at 0.30/min per second (0.005 per second).
/// 999 matches no rate (unknown destination).
extern const char* const kE2eTariff;

/// @brief What a test card is made of.
struct TestCard {
  std::string money = "10.00";  ///< initial balance, EUR
  std::uint32_t max_concurrent = 1;
  std::string credit_limit = "0";
  billing::ActivationMode activation = billing::ActivationMode::first_use;
  std::uint32_t validity_days = 180;
};

class BillingFixture {
 public:
  /// Creates database "prepaid_e2e_<pid>_<n>" on the private MariaDB with the schema and
  /// kE2eTariff. Throws (failing the test) when PREPAID_DB_SOCKET is not set.
  BillingFixture();
  /// The same on another server (e.g. a MariaDB the test stops and restarts).
  explicit BillingFixture(DatabaseEnv server);
  ~BillingFixture();  ///< drops the database
  BillingFixture(const BillingFixture&) = delete;
  BillingFixture& operator=(const BillingFixture&) = delete;

  /// Settings for RadiusServer (this database).
  const DatabaseEnv& database() const { return db_; }

  /// @brief A card's number and PIN.
  struct Issued {
    std::string number;
    std::string pin;
  };

  /// A new card with a unique number and a random 4-digit PIN.
  Issued card(const TestCard& spec = {});
  /// A card whose validity ran out a day ago.
  Issued expired_card();
  void disable(const std::string& number);
  /// An adjustment (either sign), e.g. to bring a credit-limit account below zero.
  void adjust(const std::string& number, const std::string& amount);

  rating::Money balance(const std::string& number);
  /// The card's call charges (ledger rows of kind call_charge).
  std::vector<billing::LedgerEntry> charges(const std::string& number);
  /// Balance == sum of ledger for every card.
  bool ledger_balances();
  /// How many reservations of `nas` are still `reserved` or `started` (past expiry or not).
  std::size_t unclosed_reservations(const std::string& nas);

  billing::Store& store() { return *store_; }

 private:
  void create(DatabaseEnv server);
  Issued insert(billing::Card card);

  DatabaseEnv db_;
  mysql::ConnectionOptions options_;
  std::shared_ptr<billing::Store> store_;
};

/// Money from text ("0.60"); fails the test when malformed.
rating::Money money(std::string_view text);

/// What kE2eTariff charges for a call to the United Kingdom (44) of `duration_s` seconds that
/// connects at Unix second `start`: each second at 0.01 by day and 0.005 in the evening
/// (18:00-08:00 UTC), the total rounded up to the cent. Worked out here by hand, apart from
/// rating/, as the tests' oracle, so that a test placing a call "now" knows its price at any
/// time of day, a rule boundary included.
rating::Money uk_price(std::int64_t start, std::uint32_t duration_s);

/// uk_price() for every start second in [first, last]: the prices a call may have been charged
/// when the test knows its start only within that window (the server's clock stamped it).
std::set<rating::Money> uk_prices(std::int64_t first, std::int64_t last, std::uint32_t duration_s);

}  // namespace prepaid::radius::testing

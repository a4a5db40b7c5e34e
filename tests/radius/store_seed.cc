#include "tests/radius/store_seed.h"

#include <chrono>
#include <stdexcept>

#include "billing/cards/ledger_entry.h"
#include "billing/tariffs/tariff_record.h"
#include "rating/tariff_file.h"

namespace prepaid::radius::testing {

namespace {
rating::Instant now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
}  // namespace

void seed_tariff(billing::Store& store, std::string_view text) {
  const auto load = rating::parse_tariff_text(text);
  if (!load.tariff) {
    std::string problems;
    for (const auto& p : load.problems) problems += "\n  " + p.to_string();
    throw std::runtime_error("the tariff does not parse:" + problems);
  }
  const rating::Tariff& t = *load.tariff;
  billing::run_transaction(store, 3, [&](billing::Transaction& tx) {
    billing::TariffRecord r;
    r.name = t.name();
    r.currency = std::string(t.currency().code());
    r.time_zone = std::string(t.zone().name());
    r.base_price_list = t.base_price_list();
    r.rounding = t.rounding();
    r.international_prefix = t.number_plan().international_prefix;
    r.updated_at = now();
    tx.insert_tariff(r);
    for (const auto& [name, deck] : t.price_lists())
      tx.replace_price_list(r.id, name, deck->rates());
    for (const auto& rule : t.rules()) tx.insert_rule(r.id, rule);
    for (const auto& holiday : t.holidays()) tx.insert_holiday(r.id, holiday);
    tx.bump_tariff_version(r.id, now());
  });
}

void seed_card(billing::Store& store, billing::Card& card) {
  billing::run_transaction(store, 3, [&](billing::Transaction& tx) {
    tx.insert_card(card);
    if (!card.balance.is_zero()) {
      billing::LedgerEntry e;
      e.card_id = card.id;
      e.at = card.created_at;
      e.kind = billing::LedgerKind::batch_load;
      e.amount = card.balance;
      e.balance_after = card.balance;
      e.currency = card.currency;
      e.actor = "seed";
      e.reason = "test data";
      tx.insert_ledger(e);
    }
  });
}

}  // namespace prepaid::radius::testing

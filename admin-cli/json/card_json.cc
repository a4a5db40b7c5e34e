#include "admin-cli/json/card_json.h"

#include <string>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {
namespace {

nlohmann::json optional_instant(const std::optional<rating::Instant>& at) {
  return at ? nlohmann::json(instant_text(*at)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json card_json(const billing::Card& card, rating::Instant now) {
  nlohmann::json j = {
      {"number", card.number},
      {"kind", std::string(to_string(card.kind))},
      {"status", std::string(to_string(card.effective_status(now)))},
      {"currency", card.currency},
      {"balance", money_text(card.balance, card.currency)},
      {"credit_limit", money_text(card.credit_limit, card.currency)},
      {"tariff", card.tariff},
      {"max_concurrent", card.max_concurrent},
      {"activation", std::string(to_string(card.activation))},
      {"validity_days", card.validity_days},
      {"batch", card.batch ? nlohmann::json(*card.batch) : nlohmann::json(nullptr)},
      {"created_at", instant_text(card.created_at)},
      {"activated_at", optional_instant(card.activated_at)},
      {"last_recharged_at", optional_instant(card.last_recharged_at)},
      {"expires_at", optional_instant(card.expires_at)},
      {"pin_failures", card.pin_failures},
      {"locked_until",
       card.locked_at(now) ? optional_instant(card.locked_until) : nlohmann::json(nullptr)},
  };
  if (!card.pin.empty()) j["pin"] = card.pin;
  return j;
}

nlohmann::json batch_json(const billing::Batch& batch) {
  return {
      {"id", batch.id},
      {"created_at", instant_text(batch.created_at)},
      {"card_count", batch.card_count},
      {"amount", money_text(batch.amount, batch.currency)},
      {"currency", batch.currency},
      {"tariff", batch.tariff},
      {"kind", std::string(to_string(batch.kind))},
      {"activation", std::string(to_string(batch.activation))},
      {"validity_days", batch.validity_days},
      {"actor", batch.actor},
      {"note", batch.note},
  };
}

nlohmann::json issued_card_json(const billing::IssuedCard& card) {
  return {{"number", card.number}, {"pin", card.pin}};
}

nlohmann::json ledger_entry_json(const billing::LedgerEntry& entry) {
  return {
      {"id", entry.id},
      {"at", instant_text(entry.at)},
      {"kind", std::string(to_string(entry.kind))},
      {"amount", money_text(entry.amount, entry.currency)},
      {"balance_after", money_text(entry.balance_after, entry.currency)},
      {"currency", entry.currency},
      {"actor", entry.actor},
      {"reason", entry.reason},
      {"reference", entry.reference},
  };
}

nlohmann::json ledger_mismatch_json(const billing::LedgerMismatch& mismatch) {
  // The card's currency is not part of a mismatch: show six decimals, exact.
  return {
      {"number", mismatch.number},
      {"balance", mismatch.balance.to_string(2)},
      {"ledger_sum", mismatch.ledger_sum.to_string(2)},
  };
}

}  // namespace prepaid::cli

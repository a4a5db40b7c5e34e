#pragma once
/// @file ledger_entry.h
/// @brief LedgerEntry: one balance change. A card's balance is the sum of its ledger: its
/// ledger rows and, since schema 8, its CDRs (a call's CDR is its ledger row: call_charge.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "billing/cards/card.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using LedgerEntryId = std::int64_t;

/// @brief Why the balance changed.
enum class LedgerKind {
  batch_load,   ///< initial balance of a card created by a batch
  recharge,     ///< money added by an operator (amount > 0)
  call_charge,  ///< a rated call (amount < 0): the CDR itself (call_charge.h), or before
                ///< schema 8 a ledger row referencing it
  refund,       ///< money given back for a call or a charge (amount > 0)
  adjustment,   ///< a correction by an administrator (either sign)
};
std::string_view to_string(LedgerKind kind);  ///< "batch_load", "recharge", …
std::optional<LedgerKind> parse_ledger_kind(std::string_view text);

/// @brief One entry of a card's ledger: written in the same transaction as the balance change.
/// A ledger row, or a call charge read from its CDR (call_charge_entry()).
struct LedgerEntry {
  LedgerEntryId id = 0;  ///< the ledger row's id; a call charge's CDR's id (see `reference`)
  CardId card_id = 0;
  rating::Instant at{};
  LedgerKind kind = LedgerKind::adjustment;
  rating::Money amount;         ///< signed change of the balance (negative = debit)
  rating::Money balance_after;  ///< the card's balance right after this change
  std::string currency;         ///< the card's currency
  std::string actor;            ///< operator name, or "radius" for call charges
  std::string reason;           ///< free text ("recharge at counter", "call to 4420…")
  std::string reference;        ///< what it belongs to: "cdr:123", "batch:7", "" when none
};

/// @brief A card whose balance differs from the sum of its ledger (found by the ledger check):
/// its ledger rows' amounts minus the prices of the CDRs that are ledger entries.
struct LedgerMismatch {
  CardId card_id = 0;
  std::string number;
  rating::Money balance;     ///< as stored on the card
  rating::Money ledger_sum;  ///< sum of the card's ledger entries
};

/// The ledger row of a change just applied to `card` (its balance_after is card.balance):
/// what every recharge, adjustment, initial load, deposit and checkout writes.
inline LedgerEntry ledger_entry_for(const Card& card, rating::Instant at, LedgerKind kind,
                                    rating::Money amount, std::string actor, std::string reason,
                                    std::string reference) {
  LedgerEntry e;
  e.card_id = card.id;
  e.at = at;
  e.kind = kind;
  e.amount = amount;
  e.balance_after = card.balance;
  e.currency = card.currency;
  e.actor = std::move(actor);
  e.reason = std::move(reason);
  e.reference = std::move(reference);
  return e;
}

}  // namespace prepaid::billing

#pragma once
/// @file card_json.h
/// @brief JSON of cards, batches and ledgers, as the API returns them. Money is a decimal
/// string next to its currency; instants are RFC 3339 UTC; absent values are null.

#include <nlohmann/json.hpp>

#include "billing/cards/batch.h"
#include "billing/cards/card.h"
#include "billing/cards/card_service.h"
#include "billing/cards/ledger_entry.h"

namespace prepaid::cli {

/// A card; "status" is its effective status at `now` (an active card past its expiry is
/// "expired"). "pin" is present only when the card was read with its PIN.
nlohmann::json card_json(const billing::Card& card, rating::Instant now);
nlohmann::json batch_json(const billing::Batch& batch);
/// {"number", "pin"}: shown once, when created or when a PIN is set.
nlohmann::json issued_card_json(const billing::IssuedCard& card);
nlohmann::json ledger_entry_json(const billing::LedgerEntry& entry);
nlohmann::json ledger_mismatch_json(const billing::LedgerMismatch& mismatch);

}  // namespace prepaid::cli

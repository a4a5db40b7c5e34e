#pragma once
/// @file booth_account.h
/// @brief book_on_booth_account(): a change of a booth's account balance made at the counter
/// (a payment's calls credited, an unserved call's price given back, an undo), written with its
/// ledger row and its audit row (internal to billing/shops/).

#include <string>

#include "billing/cards/card.h"
#include "billing/cards/ledger_entry.h"
#include "billing/operators/actor.h"
#include "billing/store/store.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// Adds `amount` (either sign, not zero) to `account` (locked in `tx`) and writes it: the
/// account, its ledger row (`kind`, `reason`, `reference`) and the audit row `card.session`.
void book_on_booth_account(Transaction& tx, const Actor& actor, rating::Instant at, Card& account,
                           rating::Money amount, LedgerKind kind, std::string reason,
                           std::string reference);

}  // namespace prepaid::billing

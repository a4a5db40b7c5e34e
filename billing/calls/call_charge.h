#pragma once
/// @file call_charge.h
/// @brief A call's charge in its card's ledger. Since schema 8 (sql/008_call_charge_in_cdr.sql)
/// a call's CDR is its ledger row: a Stop writes no `ledger` row.
///
/// A CDR booked with Cdr::balance_after set is, in the card's ledger, a call_charge entry: id
/// the CDR's id, at its recorded_at, amount −price, its balance_after and currency, actor
/// "radius", reason "call to <called>", reference "cdr:<id>" — what the call_charge ledger row
/// said before. A CDR of price zero changed no balance and is not an entry. A CDR without
/// balance_after was booked before schema 8 with a call_charge ledger row of its own, which
/// stays the entry. Every store lists these entries among the ledger rows in the order the
/// balance changed (Transaction::list_ledger) and counts them in the ledger check
/// (Transaction::ledger_mismatches: balance = the ledger rows' amounts − these CDRs' prices).

#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/cdr.h"
#include "billing/cards/ledger_entry.h"

namespace prepaid::billing {

/// The actor of every call charge (the RADIUS accounting path).
inline constexpr std::string_view kCallChargeActor = "radius";

/// The reason of a call charge: "call to <called>", the number as dialed.
std::string call_charge_reason(std::string_view called);

/// The ledger entry `cdr` stands for; nullopt when it is none (booked before schema 8, or
/// its price is zero).
std::optional<LedgerEntry> call_charge_entry(const Cdr& cdr);

/// The amount `cdr` takes off the balance in the ledger check: its price when it is its own
/// ledger row (booked since schema 8), zero when a ledger row carries its charge.
rating::Money charged_by_cdr(const Cdr& cdr);

}  // namespace prepaid::billing

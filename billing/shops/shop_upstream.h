#pragma once
/// @file shop_upstream.h
/// @brief ShopUpstream: a callshop's own balance with its upstream provider (seed 001), its
/// ledger, and what the authorization reads of it with a booth's card.
///
/// A shop that keeps an upstream account pays its provider for every booth call at its cost
/// tariff: the Stop debits the call's cost in the transaction that books the call's CDR, which
/// is that debit's ledger entry (Cdr::upstream_cost), as a card's call charge is. Recharges and
/// adjustments are rows of the upstream ledger. The balance always equals the sum of the
/// ledger: SUM(entries) − SUM(cost of the shop's CDRs) (ShopUpstreamService::check).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/shops/shop.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief A shop's account with its provider, as stored.
struct ShopUpstream {
  ShopId shop_id = 0;
  std::string currency;      ///< the cost tariff's currency when the account was opened
  rating::Money balance;     ///< what the shop has left with the provider (may go below 0)
  rating::Money warn_below;  ///< the counter is warned when the balance is below it
  rating::Instant created_at{};
  rating::Instant updated_at{};
};

/// @brief Why the upstream balance changed (a call's debit is its CDR, not a row).
enum class UpstreamEntryKind {
  recharge,    ///< money paid to the provider (amount > 0)
  adjustment,  ///< a correction by an administrator (either sign)
  call_cost,   ///< a booth call's cost (amount < 0): read from its CDR
};
std::string_view to_string(UpstreamEntryKind kind);  ///< "recharge", "adjustment", "call_cost"
std::optional<UpstreamEntryKind> parse_upstream_entry_kind(std::string_view text);

/// @brief One entry of a shop's upstream ledger: a row, or a call's cost read from its CDR.
struct UpstreamEntry {
  std::int64_t id = 0;  ///< the row's id; a call's: its CDR's id (see `reference`)
  ShopId shop_id = 0;
  rating::Instant at{};
  UpstreamEntryKind kind = UpstreamEntryKind::recharge;
  rating::Money amount;  ///< signed change (negative = debit)
  /// The balance right after this change (rows only: a call's CDR does not carry it).
  std::optional<rating::Money> balance_after;
  std::string currency;
  std::string actor;      ///< operator name, "radius" for a call
  std::string reason;     ///< free text; a call's: "call from <booth> to <number>"
  std::string reference;  ///< "cdr:<id>" for a call, "" otherwise
};

/// @brief A shop whose upstream balance differs from the sum of its upstream ledger.
struct UpstreamMismatch {
  ShopId shop_id = 0;
  std::string shop;
  rating::Money balance;
  rating::Money ledger_sum;
};

/// @brief What the authorization reads of a booth's shop with the card, in the same
/// statement (CardState::upstream): set only for a booth of a shop that has both an upstream
/// account and a cost tariff.
struct UpstreamState {
  ShopId shop_id = 0;
  rating::Money balance;
  /// What the open reservations of every booth of the shop hold on it (their upstream_hold).
  rating::Money held;
  std::string currency;
  std::string cost_tariff;
  std::int64_t cost_version = 0;  ///< 0 when the tariff is missing
};

}  // namespace prepaid::billing

#pragma once
/// @file counter_access.h
/// @brief Who works which counter (internal to billing/shops/): an operator works the shop it
/// is assigned to (Operator::shop_id) and only that one; administrators and the system work
/// and read any shop.

#include <string_view>

#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/shops/shop.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// The shop `actor` works at the counter: `name`, or (empty) the operator's own shop. Refused
/// when there is no such shop (about "shop"), when the actor works none and named none, and
/// (forbidden) when an operator names another shop than its own.
Result<Shop> counter_shop(Transaction& tx, const Actor& actor, std::string_view name);

/// True when `actor` may read the counter of shop `shop` (an operator: its own shop only).
bool may_read_shop(Transaction& tx, const Actor& actor, ShopId shop);

/// The shift `actor` has open at `shop`, or the refusal (failed_precondition) saying it has
/// none.
Result<Shift> open_shift_at(Transaction& tx, const Actor& actor, const Shop& shop);

/// The refusal of an operator acting on another shop than its own.
Problem not_your_shop(const Actor& actor, std::string_view shop);

}  // namespace prepaid::billing

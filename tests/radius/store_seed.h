#pragma once
/// @file store_seed.h
/// @brief Test and benchmark data written straight through a billing::Store: a tariff from
/// tariff-file text, and cards with their batch_load ledger row. (Operators use the admin
/// services; tests seed below them so that they need nothing but the store.)

#include <string>
#include <string_view>

#include "billing/cards/card.h"
#include "billing/store/store.h"

namespace prepaid::radius::testing {

/// Stores the tariff described by `text` (rating/tariff_file.h format, lists inline): its
/// header, price lists, rules and holidays. Throws std::runtime_error when it does not parse.
void seed_tariff(billing::Store& store, std::string_view text);

/// Inserts `card` (number, PIN, currency and tariff set by the caller) and, when its balance
/// is not zero, the batch_load ledger row that explains it. Sets card.id.
void seed_card(billing::Store& store, billing::Card& card);

}  // namespace prepaid::radius::testing

#pragma once
/// @file batch.h
/// @brief Batch: cards created together, all or nothing.

#include <cstdint>
#include <string>

#include "billing/cards/card.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief A batch of cards as remembered for the batch history: when, how many, how much,
/// and who made it. The numbers and PINs of its cards are shown once, at creation.
struct Batch {
  BatchId id = 0;
  rating::Instant created_at{};
  std::uint32_t card_count = 0;
  rating::Money amount;  ///< initial balance of each card
  std::string currency;  ///< ISO 4217 code
  std::string tariff;    ///< tariff name
  CardKind kind = CardKind::card;
  ActivationMode activation = ActivationMode::first_use;
  std::uint32_t validity_days = 180;
  std::string actor;  ///< operator who created it
  std::string note;   ///< free text (may be empty)
};

}  // namespace prepaid::billing

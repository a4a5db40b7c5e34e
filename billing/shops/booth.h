#pragma once
/// @file booth.h
/// @brief Booth: a callshop cabin — an account of kind booth (its number is the login of the
/// cabin's ATA or SIP phone) that belongs to one shop, with a label ("Cabin 3").

#include <string>

#include "billing/cards/card.h"
#include "billing/shops/shop.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// Longest booth label (free printable text, unique in its shop).
inline constexpr std::size_t kMaxBoothLabelLength = 64;

/// @brief A booth as stored: its account (the card row, kind booth) and its place in a shop.
struct Booth {
  CardId card_id = 0;
  ShopId shop_id = 0;
  std::string label;  ///< "Cabin 3": 1..64 printable characters, unique in the shop
  rating::Instant created_at{};
  // Read with it (not stored in the booth row):
  std::string shop;                        ///< the shop's name
  std::string number;                      ///< the account's number (the cabin's login)
  CardStatus status = CardStatus::active;  ///< the account's status (disabled: the booth is)
};

}  // namespace prepaid::billing

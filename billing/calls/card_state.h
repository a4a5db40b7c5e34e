#pragma once
/// @file card_state.h
/// @brief CardState: what the call path reads about a card in one statement.

#include <cstdint>
#include <optional>

#include "billing/calls/reservation.h"
#include "billing/cards/card.h"
#include "billing/shops/shop_upstream.h"
#include "rating/money.h"

namespace prepaid::billing {

/// @brief What an authorization (and a Stop) reads about a card in one statement.
struct CardState {
  Card card;  ///< with its PIN
  /// Sum of the amounts of the card's open reservations (reserved or started, expires_at > now).
  rating::Money reserved;
  std::uint32_t open_calls = 0;     ///< how many open reservations
  std::int64_t tariff_version = 0;  ///< current version of card.tariff; 0 when it is missing
  /// The card row's version: every write to the card adds 1 (Store::reserve compares it).
  std::int64_t card_version = 0;
  /// The reservation tied to the request's SessionKey, if one exists (any card, any state),
  /// and its state as of this read.
  std::optional<ReservationId> existing;
  std::optional<ReservationState> existing_state;
  /// The card is a shop's booth (billing/shops/booth.h), and that booth has a session open
  /// at the counter (booth_session.h): read with the card, in the same statement.
  bool shop_booth = false;
  bool booth_open = false;
  /// A booth of a shop with an upstream account and a cost tariff: that account as read, with
  /// what the shop's open calls hold on it (shop_upstream.h). nullopt otherwise.
  std::optional<UpstreamState> upstream;
};

}  // namespace prepaid::billing

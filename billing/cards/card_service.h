#pragma once
/// @file card_service.h
/// @brief CardService: batches, card queries, recharges, status changes, PINs, the ledger and
/// its check. Every mutation writes its audit row in the same transaction.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/operators/actor.h"
#include "billing/cards/batch.h"
#include "billing/cards/card.h"
#include "billing/clock.h"
#include "billing/cards/ledger_entry.h"
#include "billing/result.h"
#include "billing/store/store.h"
#include "rating/currency.h"

namespace prepaid::billing {

/// @brief What a new batch of cards looks like.
struct BatchRequest {
  std::uint32_t count = 1;  ///< 1..100000 cards
  rating::Money amount;     ///< initial balance of each card, >= 0
  std::string currency;     ///< must be the tariff's currency
  std::string tariff;       ///< existing tariff name
  CardKind kind = CardKind::card;
  ActivationMode activation = ActivationMode::first_use;
  std::uint32_t validity_days = 180;  ///< 0 = never expires; <= 36500
  std::uint32_t number_length = 12;   ///< digits of each number, 6..20
  std::uint32_t pin_length = 6;       ///< digits of each PIN, 4..12
  rating::Money credit_limit;         ///< >= 0 (0 for prepaid cards)
  std::uint32_t max_concurrent = 1;   ///< 1..1000
  std::string note;                   ///< free text, <= 255 characters
};

/// @brief A number and its PIN, shown once.
struct IssuedCard {
  std::string number;
  std::string pin;
};

/// @brief A created batch and its cards' secrets (shown once: only the database keeps them).
struct BatchCreated {
  Batch batch;
  std::vector<IssuedCard> cards;
};

/// @brief A page of cards and the number of cards matching the filter.
struct CardPage {
  std::vector<Card> cards;
  std::uint64_t total = 0;
};

/// @brief A change of status for one or several cards.
enum class StatusChange {
  enable,   ///< disabled → active (or new when never activated); expired stays expired
  disable,  ///< new/active/expired → disabled
  drop,     ///< anything → dropped (final)
};

/// @brief Settings of a card that an administrator may change.
struct CardSettings {
  std::optional<std::string> tariff;  ///< same currency as the card
  std::optional<rating::Money> credit_limit;
  std::optional<std::uint32_t> max_concurrent;
  std::optional<std::uint32_t> validity_days;
};

/// @brief Result of the ledger check.
struct LedgerCheck {
  std::uint64_t cards = 0;                 ///< cards checked
  std::vector<LedgerMismatch> mismatches;  ///< empty when every balance equals its ledger
};

/// @brief The card-related admin services. Thread-safe. Roles: operators may list and show
/// cards (never PINs), recharge, and read a card's ledger; everything else needs an
/// administrator (or the system actor).
class CardService {
 public:
  explicit CardService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock = nullptr,
                       int max_attempts = 5);

  /// Creates `count` cards with unique random numbers and PINs (CSPRNG), a batch_load ledger
  /// row each when amount > 0, all or nothing. Returns the numbers and PINs (once).
  Result<BatchCreated> create_batch(const Actor& actor, const BatchRequest& request);
  /// Batch history, newest first.
  Result<std::vector<Batch>> batches(const Actor& actor, const Page& page);
  /// One batch by id (operators too): not_found when there is none; an id < 1 is refused
  /// (about "id").
  Result<Batch> batch(const Actor& actor, BatchId id);

  /// Cards by status, batch, number prefix, kind. PINs only for administrators who ask.
  Result<CardPage> list_cards(const Actor& actor, CardFilter filter, const Page& page);
  /// One card; its PIN only for an administrator who asks.
  Result<Card> show_card(const Actor& actor, std::string_view number, bool with_pin = false);

  /// Adds money (a recharge ledger row); the currency must be the card's. Resets the
  /// last-recharge date (so the validity restarts) and makes an expired card active again.
  /// Refused for dropped and disabled cards.
  Result<LedgerEntry> recharge(const Actor& actor, std::string_view number,
                               const rating::Amount& amount, std::string_view reason);
  /// A refund (amount > 0) or an adjustment (either sign) by an administrator, with a reason.
  Result<LedgerEntry> adjust(const Actor& actor, std::string_view number, LedgerKind kind,
                             const rating::Amount& amount, std::string_view reason);

  /// Enables, disables or drops one card or a selection, all or nothing. Returns the cards.
  Result<std::vector<Card>> set_status(const Actor& actor, const std::vector<std::string>& numbers,
                                       StatusChange change);
  /// Sets a PIN (digits, 4..12), or a random one of `random_length` digits when `pin` is
  /// empty. Returns the number and the new PIN (once).
  Result<IssuedCard> set_pin(const Actor& actor, std::string_view number,
                             std::optional<std::string> pin, std::uint32_t random_length = 6);
  /// Activates a new card by hand (any activation mode).
  Result<Card> activate(const Actor& actor, std::string_view number);
  /// Resets the last-recharge date to now without recharging (restarts the validity).
  Result<Card> touch(const Actor& actor, std::string_view number);
  /// Ends a wrong-PIN lock at once and clears the count of wrong PINs (administrators).
  Result<Card> unlock(const Actor& actor, std::string_view number);
  /// Changes tariff, credit limit, concurrent-call limit or validity.
  Result<Card> configure(const Actor& actor, std::string_view number, const CardSettings& settings);

  /// A card's ledger, oldest first.
  Result<std::vector<LedgerEntry>> ledger(const Actor& actor, std::string_view number,
                                          const Page& page);
  /// Proves balance == sum of ledger for every card (administrators).
  Result<LedgerCheck> check_ledger(const Actor& actor);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing

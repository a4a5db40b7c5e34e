#pragma once
/// @file card.h
/// @brief Card: a prepaid card, a callshop booth or a customer account, with its balance.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using CardId = std::int64_t;
using BatchId = std::int64_t;

/// @brief The life of a card. Stored as text ("new", "active", …).
///
/// new → active (on first use, by hand, or at creation) → expired (validity ran out; a
/// recharge or a touch makes it active again). disabled (by an administrator; enable makes it
/// active again, or new if it was never activated). dropped is final (a deleted card: its
/// rows stay for the ledger and the CDRs, but it never authorizes again).
enum class CardStatus { new_, active, disabled, expired, dropped };

/// @brief What the account is: a prepaid card, a callshop booth, or a customer account.
enum class CardKind { card, booth, account };

/// @brief When a new card becomes active.
enum class ActivationMode {
  first_use,    ///< at its first authorization (stage 1 or 2)
  manual,       ///< only by an administrator (`activate`); refused with `disabled` until then
  at_creation,  ///< already active when created
};

std::string_view to_string(
    CardStatus status);                     ///< "new", "active", "disabled", "expired", "dropped"
std::string_view to_string(CardKind kind);  ///< "card", "booth", "account"
std::string_view to_string(ActivationMode mode);  ///< "first_use", "manual", "at_creation"
std::optional<CardStatus> parse_card_status(std::string_view text);
std::optional<CardKind> parse_card_kind(std::string_view text);
std::optional<ActivationMode> parse_activation_mode(std::string_view text);

/// @brief A card (account) as stored. Money is in the card's currency.
///
/// PINs are kept in cleartext in the database because CHAP (and SIP digest) need the
/// cleartext secret to verify a response; the database is the secret store and must be
/// protected accordingly. A PIN never goes to a log or to the audit log (masked there).
struct Card {
  CardId id = 0;
  std::string number;  ///< digits only, unique; what the caller keys in (User-Name)
  std::string pin;     ///< digits only; empty when read without secrets (list/show as operator)
  CardKind kind = CardKind::card;
  CardStatus status = CardStatus::new_;
  std::string currency;   ///< ISO 4217 code of the balance ("EUR"); equals the tariff's currency
  std::string tariff;     ///< tariff name used to rate its calls
  rating::Money balance;  ///< what the holder owns; equals the sum of the card's ledger
  rating::Money credit_limit;  ///< how far below zero the balance may go (0 for prepaid cards)
  std::uint32_t max_concurrent = 1;  ///< simultaneous calls allowed (open reservations)
  ActivationMode activation = ActivationMode::first_use;
  /// Days of validity (0 = never expires), counted from validity_start(): a day is 86,400 s,
  /// so a card activated at 14:05 and valid 180 days expires 180 days later at 14:05.
  std::uint32_t validity_days = 180;
  std::optional<BatchId> batch;  ///< the batch that created it, if any
  rating::Instant created_at{};
  std::optional<rating::Instant> activated_at;
  std::optional<rating::Instant> last_recharged_at;
  /// When the validity runs out: validity_start() + validity_days; nullopt while not
  /// activated or when validity_days == 0. Kept in the row so queries can filter.
  std::optional<rating::Instant> expires_at;
  /// Wrong PINs counted towards a lock: each within the lock time of the one before
  /// (CallPolicy::pin_lock_s); a wrong PIN later than that starts a new count.
  std::uint32_t pin_failures = 0;
  std::optional<rating::Instant> pin_failed_at;  ///< the last wrong PIN
  /// Every authorization is refused until then (too many wrong PINs); `cards unlock` clears it.
  std::optional<rating::Instant> locked_until;

  /// The status as of `now`: an active card past expires_at is `expired` even before
  /// anything has written that status.
  CardStatus effective_status(rating::Instant now) const {
    if (status == CardStatus::active && expires_at && *expires_at <= now)
      return CardStatus::expired;
    return status;
  }
  /// True while a wrong-PIN lock holds at `now`.
  bool locked_at(rating::Instant now) const { return locked_until && *locked_until > now; }
  /// Where the validity runs from: the later of activated_at and last_recharged_at; nullopt
  /// while the card was never activated (a recharge or a touch before the first use does not
  /// start it: the activation does, and a later recharge or touch restarts it).
  std::optional<rating::Instant> validity_start() const;
  /// expires_at recomputed: validity_start() + validity_days days (nullopt when either is
  /// absent or validity_days == 0).
  std::optional<rating::Instant> computed_expiry() const;
};

}  // namespace prepaid::billing

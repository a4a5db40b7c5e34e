#pragma once
/// @file call_decision.h
/// @brief decide_call(): the one decision of an authorization, made for every path — the
/// request that proves its PIN decided with the card's read (PAP, CHAP, SIP digest), the
/// two-step read, and the transaction under the card's row lock. No I/O: the callers read the
/// card, hand it over, and carry out what the verdict says.
///
/// The checks, in order (each path used to repeat them): the wrong-PIN lock; the PIN (or the
/// CHAP or digest answer computed from it); a session key already reserved (decided afresh,
/// never inherited: call_service.h); the card's status; a shop's booth without an open
/// session (refused: code 7, "Booth not open"); its first use (activation); then, for
/// a stage-1 request, the free balance, and for a stage-2 one, the tariff, the concurrent-call
/// limit, the free balance, a booth's shop's upstream balance (shop_upstream.h: what it has
/// left, less what the shop's open calls hold, must pay the shortest call at the shop's cost
/// tariff, else refused: code 7, "Shop balance too low"; the grant is cut to what it buys) and
/// rating::max_duration().

#include <optional>
#include <string>

#include "billing/calls/call_authorization.h"
#include "billing/calls/call_policy.h"
#include "billing/calls/card_state.h"
#include "billing/calls/reservation.h"
#include "billing/tariffs/tariff_cache.h"
#include "rating/currency.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief How the card handed to decide_call() was read.
enum class CardLock {
  read,  ///< a committed read, or under a lock that must not be written through (a group's
         ///< decider): a first use or a repeated key is not decided here (Verdict::lock)
  held,  ///< in the caller's transaction under the card's row lock: it may activate the card
         ///< and replace a repeated key's reservation
};

/// @brief What to decide on.
struct DecisionInput {
  const CallRequest* request = nullptr;  ///< checked for form by the caller (validation.h)
  rating::Instant now{};
  const CardState* card = nullptr;  ///< the card as read, its open reservations' sum and count
  CardLock lock = CardLock::read;
  /// CardLock::held with card->existing: that reservation (this session key's), read in the
  /// same transaction. Its amount and call are taken out of the sums: the new decision
  /// replaces it.
  const Reservation* earlier = nullptr;
  /// The card's tariff at card->tariff_version, when the cache has it built (stage 2).
  const CachedTariff* tariff = nullptr;
  const CallPolicy* policy = nullptr;
  /// card->upstream: its shop's cost tariff at card->upstream->cost_version, when built.
  const CachedTariff* cost_tariff = nullptr;
};

/// @brief What the caller does next.
struct Verdict {
  enum class Next {
    answer,     ///< `decision` is the answer (a refusal, or stage 1's ok); nothing to write
                ///< except an activation (`activate`)
    reserve,    ///< stage 2 ok: write `reservation` (over `earlier` when there is one), then
                ///< answer `decision`
    lock,       ///< (CardLock::read) a first use or a repeated session key: decide again
                ///< under the card's row lock (CardLock::held)
    tariff,     ///< the tariff at this version is not built: build it outside any lock
                ///< (TariffCache::get) and decide again
    elsewhere,  ///< a SIP digest answer that does not match: FreeRADIUS's digest module decides
  };
  Next next = Next::answer;
  CallDecision decision;
  /// The request's PIN (or CHAP or digest answer) matched the card's.
  bool pin_matched = false;
  /// CardLock::held: the card's first use; activate it in the same transaction.
  bool activate = false;
  Reservation reservation;  ///< Next::reserve
  /// Next::tariff: the tariff to build (the card's, or its shop's cost tariff) at this version.
  std::string build;
  std::int64_t build_version = 0;
};

/// The decision (see the file's comment). Pure: reads nothing, writes nothing.
Verdict decide_call(const DecisionInput& in);

/// @brief A refusal decided from the card alone.
struct Refusal {
  ReturnCode code;
  std::string message;     ///< for the log
  std::string reply = {};  ///< for the caller (Reply-Message); "": the code's own text
};

/// The wrong-PIN lock, then the status, as of `now`: why the card may not call, or nullopt
/// (a new card with first-use activation may).
std::optional<Refusal> card_refusal(const Card& card, rating::Instant now);

/// balance + credit limit − reserved, as an Amount of the card's currency (nullopt when the
/// currency is unknown). Throws rating::MoneyOverflow.
std::optional<rating::Amount> free_amount(const Card& card, rating::Money reserved);

/// Constant-time comparison of two secrets.
bool same_secret(std::string_view a, std::string_view b);

/// A CallDecision refusing with `code` (and `reply`, when given, for the caller).
CallDecision refused(ReturnCode code, std::string message, std::string reply = {});

}  // namespace prepaid::billing

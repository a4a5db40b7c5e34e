// The RADIUS-facing services: lookup, authentication, authorization with a reservation,
// accounting. Every money decision is taken while the card's row is locked in the store.
#include "billing/call_service.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

#include "billing/audit_json.h"
#include "billing/audit_log.h"
#include "billing/validation.h"
#include "rating/number_plan.h"
#include "rating/pricing.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;
using std::chrono::seconds;

namespace {

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// True when the request proves nothing (FreeRADIUS checks the password) or proves `pin`: its
// PIN (PAP), or a CHAP or SIP digest answer computed from it.
bool pin_proved(const CallRequest& request, std::string_view pin) {
  if (request.pin) return same_secret(pin, *request.pin);
  if (request.chap) return request.chap->matches(pin);
  if (request.digest) return request.digest->matches(pin);
  return true;
}

std::optional<rating::Amount> amount_of(Money money, const std::string& currency) {
  auto c = rating::Currency::from_code(currency);
  if (!c) return std::nullopt;
  return rating::Amount{money, *c};
}

struct Refusal {
  ReturnCode code;
  std::string message;
  std::string reply = {};  ///< what the caller is told (Reply-Message); "": the code's text
};

// Status refusals of a card at `now`; nullopt when it may call (a new first-use card may).
std::optional<Refusal> status_refusal(const Card& card, Instant now) {
  switch (card.effective_status(now)) {
    case CardStatus::active:
      return std::nullopt;
    case CardStatus::dropped:
      return Refusal{ReturnCode::disabled, "account dropped"};
    case CardStatus::disabled:
      return Refusal{ReturnCode::disabled, "account disabled"};
    case CardStatus::expired:
      return Refusal{ReturnCode::expired, "account expired"};
    case CardStatus::new_:
      if (card.activation == ActivationMode::manual)
        return Refusal{ReturnCode::disabled, "account not activated yet", "Account not activated"};
      return std::nullopt;
  }
  return Refusal{ReturnCode::disabled, "unknown status"};
}

// A card locked after too many wrong PINs is refused before its PIN is looked at, so that the
// answer is the same whatever PIN a guesser tries.
std::optional<Refusal> lock_refusal(const Card& card, Instant now) {
  if (!card.locked_at(now)) return std::nullopt;
  return Refusal{ReturnCode::retries_exceeded, "locked after repeated wrong PINs"};
}

bool needs_activation(const Card& card) {
  return card.status == CardStatus::new_;
}

// Activates a card on its first use (in the caller's transaction, under the row lock).
void activate(Transaction& tx, Card& card, Instant now) {
  const std::string before = audit_json(card);
  card.status = CardStatus::active;
  card.activated_at = now;
  card.expires_at = card.computed_expiry();
  tx.update_card(card);
  record_audit(tx, Actor::system("radius"), now, "card.activate", "card:" + card.number, before,
               audit_json(card));
}

// balance + credit_limit − open reservations; refuses when nothing is free.
std::optional<Refusal> free_balance_refusal(const Card& card, Money free) {
  if (free > Money()) return std::nullopt;
  if (card.credit_limit > Money()) return Refusal{ReturnCode::credit_limit, "credit limit reached"};
  return Refusal{ReturnCode::zero_balance, "no balance left"};
}

CallDecision refused(ReturnCode code, std::string message) {
  CallDecision d;
  d.code = code;
  d.message = std::move(message);
  return d;
}

CallDecision refused(const Refusal& r) {
  CallDecision d = refused(r.code, r.message);
  d.reply_message = r.reply;
  return d;
}

// Stage 1's answer for an account that may call: ok with its free balance, or the refusal
// (with the free balance) when nothing is free.
CallDecision stage1_decision(const CardState& st) {
  const Card& card = st.card;
  Money free;
  try {
    free = card.balance + card.credit_limit - st.reserved;
  } catch (const rating::MoneyOverflow&) {
    return refused(ReturnCode::service_unavailable, "balance out of range");
  }
  CallDecision d;
  d.free_balance = amount_of(free, card.currency);
  if (!d.free_balance) return refused(ReturnCode::service_unavailable, "bad card currency");
  if (auto r = free_balance_refusal(card, free)) {
    d.code = r->code;
    d.message = r->message;
    return d;
  }
  d.code = ReturnCode::ok;
  return d;
}

// How many times an authorization decides on a fresh read before it takes the card's row lock
// for the whole decision instead (a card whose reservations keep changing under it).
constexpr int kDecisionsOnReads = 3;

}  // namespace

CallService::CallService(std::shared_ptr<Store> store, CallPolicy policy,
                         std::shared_ptr<const Clock> clock, std::shared_ptr<TariffCache> cache)
    : store_(std::move(store)),
      policy_(policy),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      cache_(cache ? std::move(cache) : std::make_shared<TariffCache>(store_)) {
  if (!store_) throw std::invalid_argument("CallService: no store");
  if (policy_.max_attempts < 1)
    throw std::invalid_argument("CallPolicy: max_attempts must be >= 1");
  if (policy_.max_call_duration_s < 1 || policy_.max_call_duration_s > 86400)
    throw std::invalid_argument("CallPolicy: max_call_duration_s must be 1..86400");
  if (policy_.answer_window_s > 86400 || policy_.grace_s > 86400)
    throw std::invalid_argument("CallPolicy: answer_window_s and grace_s must be <= 86400");
  if (policy_.overrun_tolerance_s > 3600)
    throw std::invalid_argument("CallPolicy: overrun_tolerance_s must be <= 3600");
  if (policy_.pin_lock_s < 1 || policy_.pin_lock_s > 7 * 86400)
    throw std::invalid_argument("CallPolicy: pin_lock_s must be 1..604800");
}

// ---------------------------------------------------------------------------------------------
// Lookup and authentication (read-only)

AccountLookup CallService::lookup_account(std::string_view account, const SessionKey& key) {
  AccountLookup out;
  if (!is_digits(account, 1, kMaxNumberLength)) {
    out.code = ReturnCode::invalid_account;
    out.message = "malformed account number";
    return out;
  }
  const Instant now = clock_->now();
  // A malformed session key is refused by authorize_call; the lookup reads without it (and
  // its read, made for another key, is then not carried to the decision).
  const SessionKey read_key = key.valid() ? key : SessionKey{};
  auto st = store_->read_card_for_call(account, read_key, now);
  if (!st) {
    out.code = ReturnCode::invalid_account;
    out.message = "unknown account";
    return out;
  }
  const Card& card = st->card;
  out.pin = card.pin;
  out.status = card.effective_status(now);
  out.kind = card.kind;
  try {
    out.free_balance = amount_of(card.balance + card.credit_limit - st->reserved, card.currency);
  } catch (const rating::MoneyOverflow&) {
    out.code = ReturnCode::service_unavailable;
    out.message = "balance out of range";
    return out;
  }
  if (auto r = lock_refusal(card, now)) {
    out.code = r->code;
    out.message = r->message;
  } else if (auto s = status_refusal(card, now)) {
    out.code = s->code;
    out.message = s->message;
  } else {
    out.code = ReturnCode::ok;
  }
  out.read = CardRead{std::move(*st), read_key};
  return out;
}

ReturnCode CallService::authenticate(std::string_view account, std::string_view pin) {
  if (!is_digits(account, 1, kMaxNumberLength)) return ReturnCode::invalid_account;
  if (pin.empty() || pin.size() > kMaxNumberLength) return ReturnCode::invalid_pin;
  auto tx = store_->begin();
  auto card = tx->find_card(account, true);
  tx->commit();
  if (!card) return ReturnCode::invalid_account;
  if (card->locked_at(clock_->now())) return ReturnCode::retries_exceeded;
  if (same_secret(card->pin, pin)) return ReturnCode::ok;
  note_wrong_pin(account);
  return ReturnCode::invalid_pin;
}

std::optional<Instant> CallService::note_wrong_pin(std::string_view account) {
  if (policy_.pin_attempts == 0 || !is_digits(account, 1, kMaxNumberLength)) return std::nullopt;
  const Instant now = clock_->now();
  return run_transaction(
      *store_, policy_.max_attempts, [&](Transaction& tx) -> std::optional<Instant> {
        auto card = tx.lock_card(account);
        if (!card || card->locked_at(now)) return std::nullopt;
        const std::string before = audit_json(*card);
        const seconds lock_time(policy_.pin_lock_s);
        const bool counting = card->pin_failed_at && *card->pin_failed_at + lock_time > now;
        card->pin_failures = counting ? card->pin_failures + 1 : 1;
        card->pin_failed_at = now;
        std::optional<Instant> locked;
        if (card->pin_failures >= policy_.pin_attempts) {
          locked = now + lock_time;
          card->locked_until = locked;
        }
        tx.update_card(*card);
        if (locked)
          record_audit(tx, Actor::system("radius"), now, "card.lock", "card:" + card->number,
                       before, audit_json(*card));
        return locked;
      });
}

// ---------------------------------------------------------------------------------------------
// Authorization

CallDecision CallService::authorize_call(const CallRequest& request, const CardRead* read) {
  CallDecision d = decide_call(request, read);
  if (d.code == ReturnCode::invalid_pin) d.locked_until = note_wrong_pin(request.account);
  return d;
}

CallDecision CallService::decide_call(const CallRequest& request, const CardRead* read) {
  const Instant now = request.at.value_or(clock_->now());
  if (!is_digits(request.account, 1, kMaxNumberLength))
    return refused(ReturnCode::invalid_account, "malformed account number");
  if (request.pin && (request.pin->empty() || request.pin->size() > kMaxNumberLength))
    return refused(ReturnCode::invalid_pin, "wrong PIN");
  if (!is_printable(request.calling, kMaxStationLength))
    return refused(ReturnCode::invalid_argument, "malformed calling number");
  // A read made for this request (lookup_account) is decided on; any other is not used.
  std::optional<CardState> st;
  if (read && read->key == request.key && read->state.card.number == request.account)
    st = read->state;
  if (request.called.empty()) return authorize_stage1(request, now, std::move(st));
  if (!is_printable(request.called, kMaxStationLength))
    return refused(ReturnCode::invalid_argument, "malformed called number");
  if (!request.key.valid())
    return refused(ReturnCode::invalid_argument, "malformed session key (NAS or session id)");
  return authorize_stage2(request, now, std::move(st));
}

CallDecision CallService::authorize_stage1(const CallRequest& request, Instant now,
                                           std::optional<CardState> st) {
  if (!st) st = store_->read_card_for_call(request.account, SessionKey{}, now);
  if (!st) return refused(ReturnCode::invalid_account, "unknown account");
  if (auto x = lock_refusal(st->card, now)) return refused(*x);
  if (!pin_proved(request, st->card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");
  if (auto r = status_refusal(st->card, now)) return refused(*r);
  if (needs_activation(st->card)) return activate_stage1(request, now);
  return stage1_decision(*st);
}

// Stage 1 of a card's first use: activated under its row lock, in one transaction.
CallDecision CallService::activate_stage1(const CallRequest& request, Instant now) {
  return run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> CallDecision {
    auto st = tx.card_for_call(request.account, SessionKey{}, now, RowLock::none);
    if (!st) return refused(ReturnCode::invalid_account, "unknown account");
    if (auto x = lock_refusal(st->card, now)) return refused(*x);
    if (!pin_proved(request, st->card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");
    if (auto r = status_refusal(st->card, now)) return refused(*r);
    bool activated = false;
    if (needs_activation(st->card)) {
      st = tx.card_for_call(request.account, SessionKey{}, now, RowLock::exclusive);
      if (!st) return refused(ReturnCode::invalid_account, "unknown account");
      if (auto r = status_refusal(st->card, now)) return refused(*r);
      if (needs_activation(st->card)) {
        activate(tx, st->card, now);
        activated = true;
      }
    }
    CallDecision d = stage1_decision(*st);
    if (d.free_balance) d.activated = activated;  // (not on a refusal made before the balance)
    return d;
  });
}

// The grant of a stage-2 call decided on `st` (the card as read, with or without its row lock)
// and the tariff at the version read: a refusal, or ok with `r` filled, to be reserved.
CallDecision CallService::decide_grant(const CallRequest& request, Instant now, const CardState& st,
                                       const CachedTariff& cached, Reservation& r) const {
  const Card& card = st.card;
  const rating::Tariff& tariff = cached.tariff();
  if (tariff.currency().code() != card.currency)
    return refused(ReturnCode::service_unavailable, "tariff currency differs from the account's");
  CallDecision d;
  if (st.open_calls >= card.max_concurrent) {
    d.code = ReturnCode::in_use;
    d.message = "concurrent-call limit reached";
    return d;
  }
  const Money free = card.balance + card.credit_limit - st.reserved;
  d.free_balance = amount_of(free, card.currency);
  if (auto refusal = free_balance_refusal(card, free)) {
    d.code = refusal->code;
    d.message = refusal->message;
    return d;
  }
  auto grant = rating::max_duration(tariff, request.called, now, free, policy_.max_call_duration_s);
  if (!grant) {
    d.code = grant.refusal() == rating::Refusal::malformed_number ? ReturnCode::invalid_argument
                                                                  : ReturnCode::destination_blocked;
    d.message = std::string(rating::to_string(grant.refusal()));
    return d;
  }
  d.destination = grant->destination;
  if (grant->seconds == 0 || grant->limited_by == rating::GrantLimit::insufficient_balance) {
    d.code = ReturnCode::insufficient_balance;
    d.message = "balance too low for the first increment";
    return d;
  }
  const std::string digits =
      rating::normalize_number(request.called, tariff.number_plan()).value_or("");
  TariffSnapshot snapshot = cached.snapshot_for(digits);

  r = Reservation{};
  r.card_id = card.id;
  r.key = request.key;
  r.calling = request.calling;
  r.called = request.called;
  r.digits = digits;
  r.destination = grant->destination;
  r.granted_s = grant->seconds;
  r.amount = grant->price;
  r.currency = card.currency;
  r.tariff = card.tariff;
  r.tariff_version = cached.version();
  r.tariff_snapshot = std::move(snapshot.text);
  r.snapshot_sha256 = std::move(snapshot.sha256);
  r.state = ReservationState::reserved;
  r.created_at = now;
  r.expires_at =
      now + seconds(policy_.answer_window_s) + seconds(r.granted_s) + seconds(policy_.grace_s);
  d.code = ReturnCode::ok;
  d.granted_s = r.granted_s;
  d.reserved = r.amount;
  return d;
}

// Stage 2 without a transaction: decide on a committed read of the card (the one lookup_account
// made for this request, or a new one), then reserve in one step that re-checks under the
// card's row lock what the decision was based on (Store::reserve). When the card changed
// meanwhile, decide again on a new read. A first use (which activates the card), a repeated
// request, a session key already taken, or a card that keeps changing take the locked path.
// Refusals are decided on the read: they write nothing.
CallDecision CallService::authorize_stage2(const CallRequest& request, Instant now,
                                           std::optional<CardState> st) {
  for (int decision = 1;; ++decision) {
    if (!st) st = store_->read_card_for_call(request.account, request.key, now);
    if (!st) return refused(ReturnCode::invalid_account, "unknown account");
    const Card& card = st->card;
    if (auto x = lock_refusal(card, now)) return refused(*x);
    if (!pin_proved(request, card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");
    if (st->existing || needs_activation(card)) break;
    if (auto r = status_refusal(card, now)) return refused(*r);
    if (st->tariff_version == 0)
      return refused(ReturnCode::service_unavailable, "tariff '" + card.tariff + "' is missing");
    // Loaded (outside any lock) when the cache does not have this version yet.
    auto cached = cache_->get(card.tariff, st->tariff_version);
    if (!cached)
      return refused(ReturnCode::service_unavailable, "tariff '" + card.tariff + "' is unusable: " +
                                                          cache_->last_problems(card.tariff));
    if (cached->version() == st->tariff_version) {
      Reservation r;
      CallDecision d = decide_grant(request, now, *st, *cached, r);
      if (d.code != ReturnCode::ok) return d;
      ReserveOutcome outcome = ReserveOutcome::changed;
      try {
        outcome = store_->reserve(r, GrantBasis{st->card_version, now});
      } catch (const StoreConflict&) {
        // deadlock or lock wait timeout: nothing written, decide again
      }
      if (outcome == ReserveOutcome::reserved) {
        d.reservation = r.id;
        return d;
      }
      if (outcome == ReserveOutcome::duplicate) break;
    }
    if (decision >= kDecisionsOnReads) break;
    st.reset();
  }
  return authorize_stage2_locked(request, now);
}

std::optional<CallDecision> CallService::authorize_with_pin(const CallRequest& request,
                                                            std::string* matched_pin) {
  if ((!request.pin && !request.chap && !request.digest) || request.called.empty())
    return std::nullopt;
  // The checks authorize_call makes before it reads: a malformed request takes that path.
  if (!is_digits(request.account, 1, kMaxNumberLength) ||
      (request.pin && (request.pin->empty() || request.pin->size() > kMaxNumberLength)) ||
      !is_printable(request.calling, kMaxStationLength) ||
      !is_printable(request.called, kMaxStationLength) || !request.key.valid())
    return std::nullopt;
  const Instant now = request.at.value_or(clock_->now());
  CallDecision d;
  Reservation r;
  std::optional<LockedVerdict> verdict;
  try {
    verdict = store_->decide_and_reserve(
        request.account, request.key, now,
        [&](const CardState& st, Reservation& out) {
          const Card& card = st.card;
          if (auto x = lock_refusal(card, now)) {
            d = refused(*x);
            return LockedVerdict::refuse;
          }
          if (!pin_proved(request, card.pin)) {
            // A digest this check and FreeRADIUS's digest module might see differently: that
            // module decides (the PIN goes to it on the other path).
            if (!request.pin && !request.chap) return LockedVerdict::elsewhere;
            d = refused(ReturnCode::invalid_pin, "wrong PIN");
            return LockedVerdict::refuse;
          }
          if (matched_pin) *matched_pin = card.pin;
          if (st.existing || needs_activation(card)) return LockedVerdict::elsewhere;
          if (auto x = status_refusal(card, now)) {
            d = refused(*x);
            return LockedVerdict::refuse;
          }
          // Only a tariff already built at this version: none is loaded under the lock.
          auto cached = st.tariff_version ? cache_->find(card.tariff, st.tariff_version) : nullptr;
          if (!cached) return LockedVerdict::elsewhere;
          d = decide_grant(request, now, st, *cached, out);
          return d.code == ReturnCode::ok ? LockedVerdict::reserve : LockedVerdict::refuse;
        },
        r);
  } catch (const StoreConflict&) {
    return std::nullopt;  // deadlock or lock wait timeout: nothing written
  } catch (const StoreDuplicate&) {
    return std::nullopt;  // the key is another card's: the other path says so
  }
  if (!verdict) return refused(ReturnCode::invalid_account, "unknown account");
  if (*verdict == LockedVerdict::elsewhere) return std::nullopt;
  if (*verdict == LockedVerdict::reserve) d.reservation = r.id;
  if (d.code == ReturnCode::invalid_pin) d.locked_until = note_wrong_pin(request.account);
  return d;
}

bool CallService::release_unused(const SessionKey& key) {
  if (!key.valid()) return false;
  const Instant now = clock_->now();
  return run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) {
    const auto r = tx.find_reservation(key);
    if (!r || r->state != ReservationState::reserved) return false;
    // Under the card's row lock, as every change of a card's open reservations.
    auto st = tx.card_for_call(r->card_id, key, now, RowLock::exclusive);
    const auto again = tx.find_reservation(r->id);
    if (!st || !again || again->state != ReservationState::reserved) return false;
    tx.close_reservation(r->id, ReservationState::released, now);
    return true;
  });
}

// Stage 2 in ONE transaction under the card's row lock: the read, the decision and the
// reservation (3 round trips).
CallDecision CallService::authorize_stage2_locked(const CallRequest& request, Instant now) {
  std::shared_ptr<const CachedTariff> loaded;  // built outside any lock by an earlier round
  for (int round = 0; round < 3; ++round) {
    std::string need_tariff;
    std::int64_t need_version = 0;
    CallDecision decision =
        run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> CallDecision {
          need_tariff.clear();
          auto st = tx.card_for_call(request.account, request.key, now, RowLock::exclusive);
          if (!st) return refused(ReturnCode::invalid_account, "unknown account");
          Card& card = st->card;
          if (auto x = lock_refusal(card, now)) return refused(*x);
          if (!pin_proved(request, card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");

          // A repeated request for a session key is decided afresh, never answered with the
          // grant made for it before (the caller picks the session id — a SIP Call-ID — and
          // could ask again for a dearer destination or a later time): while its call has not
          // started, the new decision replaces the old one; after, the key is spent.
          std::optional<Reservation> earlier;
          if (st->existing) {
            earlier = tx.find_reservation(*st->existing);
            if (!earlier || earlier->card_id != card.id)
              return refused(ReturnCode::invalid_argument,
                             "session id already used by another account");
            if (earlier->state == ReservationState::started && earlier->open_at(now))
              return refused(ReturnCode::invalid_argument,
                             "this session's call is already in progress");
            if (!earlier->open_at(now))
              return refused(ReturnCode::invalid_argument, "this session has already ended");
            // Decided as if it were not there: the new decision takes its place.
            st->reserved -= earlier->amount;
            --st->open_calls;
          }

          if (auto r = status_refusal(card, now)) return refused(*r);

          // The tariff, built at the version read under the lock (loaded outside the lock).
          auto cached = cache_->find(card.tariff, st->tariff_version);
          if (!cached && round > 0 && loaded && st->tariff_version != 0) cached = loaded;
          if (!cached) {
            if (st->tariff_version == 0)
              return refused(ReturnCode::service_unavailable,
                             "tariff '" + card.tariff + "' is missing");
            need_tariff = card.tariff;
            need_version = st->tariff_version;
            return CallDecision{};  // nothing written: retried after the load
          }
          if (cached->tariff().currency().code() != card.currency)
            return refused(ReturnCode::service_unavailable,
                           "tariff currency differs from the account's");

          bool activated = false;
          if (needs_activation(card)) {
            activate(tx, card, now);
            activated = true;
          }
          Reservation r;
          CallDecision d = decide_grant(request, now, *st, *cached, r);
          d.activated = activated;
          if (earlier) {
            d.repeated = true;
            if (d.code != ReturnCode::ok) {
              // Refused now: the earlier grant of this session goes too (the gateway asked
              // again, so it will not place that call).
              tx.close_reservation(earlier->id, ReservationState::released, now);
              return d;
            }
            r.id = earlier->id;
            if (!tx.redecide_reservation(r))
              throw StoreConflict("the session's reservation changed under its row lock");
            d.reservation = r.id;
            return d;
          }
          if (d.code != ReturnCode::ok) return d;
          try {
            tx.insert_reservation(r);
          } catch (const StoreDuplicate&) {
            CallDecision dup;
            dup.code = ReturnCode::invalid_argument;
            dup.free_balance = d.free_balance;
            dup.destination = d.destination;
            dup.activated = activated;
            dup.message = "session id already used by another account";
            return dup;
          }
          d.reservation = r.id;
          return d;
        });
    if (need_tariff.empty()) return decision;
    loaded = cache_->get(need_tariff, need_version);
    if (!loaded)
      return refused(ReturnCode::service_unavailable, "tariff '" + need_tariff + "' is unusable: " +
                                                          cache_->last_problems(need_tariff));
  }
  return refused(ReturnCode::service_unavailable, "tariff keeps changing; try again");
}

}  // namespace prepaid::billing

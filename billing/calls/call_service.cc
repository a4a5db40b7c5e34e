// The RADIUS-facing services: lookup, authentication, authorization with a reservation. Every
// path decides with decide_call() (call_decision.h) and differs only in how it reads the card
// and writes the reservation. Accounting is in call_accounting.cc.
#include "billing/calls/call_service.h"

#include <chrono>
#include <stdexcept>
#include <string>

#include "billing/calls/call_decision.h"
#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/validation.h"

namespace prepaid::billing {

using rating::Instant;
using std::chrono::seconds;

namespace {

// How many times an authorization decides on a fresh read before it takes the card's row lock
// for the whole decision instead (a card whose reservations keep changing under it).
constexpr int kDecisionsOnReads = 3;

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

// A tariff the cache could not build: why, for the refusal.
CallDecision unusable_tariff(const std::string& name, const TariffCache& cache) {
  return refused(ReturnCode::service_unavailable,
                 "tariff '" + name + "' is unusable: " + cache.last_problems(name));
}

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
    out.free_balance = free_amount(card, st->reserved);
  } catch (const rating::MoneyOverflow&) {
    out.code = ReturnCode::service_unavailable;
    out.message = "balance out of range";
    return out;
  }
  if (auto r = card_refusal(card, now)) {
    out.code = r->code;
    out.message = r->message;
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
  CallDecision d = decide_request(request, read);
  if (d.code == ReturnCode::invalid_pin) d.locked_until = note_wrong_pin(request.account);
  return d;
}

std::optional<Refusal> CallService::malformed(const CallRequest& request) {
  if (!is_digits(request.account, 1, kMaxNumberLength))
    return Refusal{ReturnCode::invalid_account, "malformed account number"};
  if (request.pin && (request.pin->empty() || request.pin->size() > kMaxNumberLength))
    return Refusal{ReturnCode::invalid_pin, "wrong PIN"};
  if (!is_printable(request.calling, kMaxStationLength))
    return Refusal{ReturnCode::invalid_argument, "malformed calling number"};
  if (request.called.empty()) return std::nullopt;
  if (!is_printable(request.called, kMaxStationLength))
    return Refusal{ReturnCode::invalid_argument, "malformed called number"};
  if (!request.key.valid())
    return Refusal{ReturnCode::invalid_argument, "malformed session key (NAS or session id)"};
  return std::nullopt;
}

CallDecision CallService::decide_request(const CallRequest& request, const CardRead* read) {
  if (auto why = malformed(request)) return refused(why->code, why->message);
  const Instant now = request.at.value_or(clock_->now());
  // A read made for this request (lookup_account) is decided on; any other is not used.
  std::optional<CardState> st;
  if (read && read->key == request.key && read->state.card.number == request.account)
    st = read->state;
  return authorize_on_read(request, now, std::move(st));
}

// Decided on a committed read of the card (the one lookup_account made for this request, or a
// new one); a grant is written by one step that re-checks under the card's row lock what the
// decision was based on (Store::reserve). When the card changed meanwhile, decided again on a
// new read. A first use (which activates the card), a repeated session key, or a card that
// keeps changing take the locked path. Refusals are decided on the read: they write nothing.
CallDecision CallService::authorize_on_read(const CallRequest& request, Instant now,
                                            std::optional<CardState> st) {
  const bool stage2 = !request.called.empty();
  std::shared_ptr<const CachedTariff> cached;
  std::shared_ptr<const CachedTariff> cost;  // a booth's shop's cost tariff
  for (int decision = 1;; ++decision) {
    if (!st)
      st = store_->read_card_for_call(request.account, stage2 ? request.key : SessionKey{}, now);
    if (!st) return refused(ReturnCode::invalid_account, "unknown account");
    if (stage2 && st->tariff_version != 0 && (!cached || cached->version() != st->tariff_version))
      cached = cache_->find(st->card.tariff, st->tariff_version);
    if (stage2 && st->upstream && st->upstream->cost_version != 0 &&
        (!cost || cost->version() != st->upstream->cost_version))
      cost = cache_->find(st->upstream->cost_tariff, st->upstream->cost_version);
    Verdict v = decide_call(DecisionInput{&request, now, &*st, CardLock::read, nullptr,
                                          cached.get(), &policy_, cost.get()});
    switch (v.next) {
      case Verdict::Next::answer:
        return v.decision;
      case Verdict::Next::elsewhere:  // a digest is judged by FreeRADIUS, not on this path
        return refused(ReturnCode::invalid_pin, "wrong PIN");
      case Verdict::Next::lock:
        return authorize_locked(request, now);
      case Verdict::Next::tariff:
        // Built outside any lock, then decided again on the same read (or a new one if the
        // tariff changed since).
        // (the card's tariff, or its shop's cost tariff: both when they are one)
        if (auto built = cache_->get(v.build, v.build_version)) {
          if (built->version() != v.build_version) {
            st.reset();
          } else {
            if (v.build == st->card.tariff && v.build_version == st->tariff_version) cached = built;
            if (st->upstream && v.build == st->upstream->cost_tariff) cost = built;
          }
        } else {
          return unusable_tariff(v.build, *cache_);
        }
        break;
      case Verdict::Next::reserve: {
        ReserveOutcome outcome = ReserveOutcome::changed;
        try {
          outcome = store_->reserve(v.reservation, GrantBasis{st->card_version, now});
        } catch (const StoreConflict&) {
          // deadlock or lock wait timeout: nothing written, decide again
        }
        if (outcome == ReserveOutcome::reserved) {
          v.decision.reservation = v.reservation.id;
          return v.decision;
        }
        if (outcome == ReserveOutcome::duplicate) return authorize_locked(request, now);
        st.reset();
        break;
      }
    }
    if (decision >= kDecisionsOnReads) return authorize_locked(request, now);
  }
}

std::optional<CallDecision> CallService::authorize_with_pin(const CallRequest& request,
                                                            std::string* matched_pin) {
  if ((!request.pin && !request.chap && !request.digest) || request.called.empty())
    return std::nullopt;
  if (malformed(request)) return std::nullopt;  // authorize_call says why
  const Instant now = request.at.value_or(clock_->now());
  CallDecision d;
  Reservation r;
  std::optional<LockedVerdict> verdict;
  try {
    verdict = store_->decide_and_reserve(
        request.account, request.key, now,
        [&](const CardState& st, Reservation& out) {
          // Only a tariff already built at this version: none is built under the lock.
          auto cached =
              st.tariff_version ? cache_->find(st.card.tariff, st.tariff_version) : nullptr;
          auto cost = st.upstream && st.upstream->cost_version
                          ? cache_->find(st.upstream->cost_tariff, st.upstream->cost_version)
                          : nullptr;
          Verdict v = decide_call(DecisionInput{&request, now, &st, CardLock::read, nullptr,
                                                cached.get(), &policy_, cost.get()});
          if (v.pin_matched && matched_pin) *matched_pin = st.card.pin;
          switch (v.next) {
            case Verdict::Next::answer:
              d = std::move(v.decision);
              return LockedVerdict::refuse;
            case Verdict::Next::reserve:
              d = std::move(v.decision);
              out = std::move(v.reservation);
              return LockedVerdict::reserve;
            default:  // a first use, a repeated key, a tariff to build, a digest to leave
              return LockedVerdict::elsewhere;
          }
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

// In ONE transaction under the card's row lock: the read, the decision, the activation of a
// first use, and the reservation (a new one, or a repeated session key's decided afresh).
CallDecision CallService::authorize_locked(const CallRequest& request, Instant now) {
  const bool stage2 = !request.called.empty();
  std::shared_ptr<const CachedTariff> loaded;       // built outside any lock by an earlier round
  std::shared_ptr<const CachedTariff> loaded_cost;  // idem, a booth's shop's cost tariff
  for (int round = 0; round < 3; ++round) {
    std::string need_tariff;
    std::int64_t need_version = 0;
    bool need_cost = false;
    bool need_card = false;
    CallDecision decision =
        run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> CallDecision {
          need_tariff.clear();
          auto st = tx.card_for_call(request.account, stage2 ? request.key : SessionKey{}, now,
                                     RowLock::exclusive);
          if (!st) return refused(ReturnCode::invalid_account, "unknown account");
          std::optional<Reservation> earlier;
          if (stage2 && st->existing) earlier = tx.find_reservation(*st->existing);
          std::shared_ptr<const CachedTariff> cached;
          if (stage2 && st->tariff_version != 0) {
            cached = cache_->find(st->card.tariff, st->tariff_version);
            if (!cached && loaded && loaded->version() == st->tariff_version) cached = loaded;
          }
          std::shared_ptr<const CachedTariff> cost;
          if (stage2 && st->upstream && st->upstream->cost_version != 0) {
            cost = cache_->find(st->upstream->cost_tariff, st->upstream->cost_version);
            if (!cost && loaded_cost && loaded_cost->version() == st->upstream->cost_version)
              cost = loaded_cost;
          }
          Verdict v = decide_call(DecisionInput{&request, now, &*st, CardLock::held,
                                                earlier ? &*earlier : nullptr, cached.get(),
                                                &policy_, cost.get()});
          if (v.next == Verdict::Next::tariff) {
            need_tariff = v.build;
            need_version = v.build_version;
            need_cost = st->upstream && v.build == st->upstream->cost_tariff;
            need_card = v.build == st->card.tariff;
            return CallDecision{};  // nothing written: decided again once it is built
          }
          if (v.next == Verdict::Next::elsewhere)
            return refused(ReturnCode::invalid_pin, "wrong PIN");
          if (v.activate) activate(tx, st->card, now);
          CallDecision d = std::move(v.decision);
          if (v.next != Verdict::Next::reserve) {
            // A repeated key refused now: its earlier grant goes too (the gateway asked again,
            // so it will not place that call).
            if (d.repeated && earlier)
              tx.close_reservation(earlier->id, ReservationState::released, now);
            return d;
          }
          Reservation& r = v.reservation;
          if (earlier) {
            r.id = earlier->id;
            if (!tx.redecide_reservation(r))
              throw StoreConflict("the session's reservation changed under its row lock");
            d.reservation = r.id;
            return d;
          }
          try {
            tx.insert_reservation(r);
          } catch (const StoreDuplicate&) {
            CallDecision dup =
                refused(ReturnCode::invalid_argument, "session id already used by another account");
            dup.free_balance = d.free_balance;
            dup.destination = d.destination;
            dup.activated = d.activated;
            return dup;
          }
          d.reservation = r.id;
          return d;
        });
    if (need_tariff.empty()) return decision;
    auto built = cache_->get(need_tariff, need_version);
    if (!built) return unusable_tariff(need_tariff, *cache_);
    if (need_card) loaded = built;
    if (need_cost) loaded_cost = built;
  }
  return refused(ReturnCode::service_unavailable, "tariff keeps changing; try again");
}

}  // namespace prepaid::billing

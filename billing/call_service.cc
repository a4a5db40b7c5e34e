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

constexpr std::size_t kMaxStationLength = 64;           // Called/Calling-Station-Id columns
constexpr std::size_t kMaxCauseLength = 64;             // disconnect cause column
constexpr std::uint32_t kMaxSessionTime_s = 7 * 86400;  // longer is not a real call
constexpr std::size_t kMaxDetailLength = 1024;

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
        return Refusal{ReturnCode::disabled, "account not activated yet"};
      return std::nullopt;
  }
  return Refusal{ReturnCode::disabled, "unknown status"};
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

std::string describe_spans(const rating::CallPrice& p) {
  std::string out;
  for (const rating::Span& s : p.spans) {
    if (!out.empty()) out += "; ";
    out += (s.rule.empty() ? std::string("base") : s.rule) + " " + s.price_list + " " + s.prefix +
           " " + std::to_string(s.seconds) + "s@" + s.rate.to_string(6) + "/" +
           std::to_string(s.rate_unit_s) + "s";
  }
  if (!p.connect_fee.is_zero()) out += "; connect fee " + p.connect_fee.to_string(6);
  out += "; total " + p.unrounded.to_string() + " -> " + p.total.to_string(6);
  if (out.size() > kMaxDetailLength) out.resize(kMaxDetailLength);
  return out;
}

AccountingResult refused_record(ReturnCode code, std::string message) {
  AccountingResult r;
  r.outcome = AccountingOutcome::refused;
  r.code = code;
  r.message = std::move(message);
  return r;
}

AccountingResult duplicate(std::string message) {
  AccountingResult r;
  r.outcome = AccountingOutcome::duplicate;
  r.message = std::move(message);
  return r;
}

AccountingResult no_reservation() {
  AccountingResult r;
  r.outcome = AccountingOutcome::no_reservation;
  r.message = "no reservation for this call";
  return r;
}

AccountingResult recorded(const Cdr& cdr) {
  AccountingResult out;
  out.outcome = AccountingOutcome::recorded;
  out.cdr = cdr.id;
  out.charged = cdr.price;
  out.currency = cdr.currency;
  out.billed_s = cdr.billed_s;
  out.message = cdr.rating_detail;
  return out;
}

// Runs one single-step store operation, again on StoreConflict (nothing was written), up to
// `attempts` times in all.
template <class Step>
auto retrying(int attempts, Step&& step) -> decltype(step()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return step();
    } catch (const StoreConflict&) {
      if (attempt >= attempts) throw;
    }
  }
}

// How many times an authorization decides on a fresh read before it takes the card's row lock
// for the whole decision instead (a card whose reservations keep changing under it).
constexpr int kDecisionsOnReads = 3;

// The answered duration of a Stop (see AccountingEvent::session_time_s).
std::uint32_t duration_of(const AccountingEvent& e, const std::optional<Reservation>& r) {
  if (e.session_time_s) return *e.session_time_s;
  if (e.end_at && e.connect_at && *e.end_at >= *e.connect_at)
    return static_cast<std::uint32_t>((*e.end_at - *e.connect_at).count());
  if (r && r->started_at && e.event_at >= *r->started_at)
    return static_cast<std::uint32_t>((e.event_at - *r->started_at).count());
  return 0;
}

// When the rated call began.
Instant start_of(const AccountingEvent& e, const std::optional<Reservation>& r,
                 std::uint32_t duration_s) {
  if (e.connect_at) return *e.connect_at;
  if (r && r->started_at) return *r->started_at;
  const Instant end = e.end_at ? *e.end_at : e.event_at;
  return end - seconds(duration_s);
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
  if (auto r = status_refusal(card, now)) {
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
  return same_secret(card->pin, pin) ? ReturnCode::ok : ReturnCode::invalid_pin;
}

// ---------------------------------------------------------------------------------------------
// Authorization

CallDecision CallService::authorize_call(const CallRequest& request, const CardRead* read) {
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
  if (!pin_proved(request, st->card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");
  if (auto r = status_refusal(st->card, now)) return refused(r->code, r->message);
  if (needs_activation(st->card)) return activate_stage1(request, now);
  return stage1_decision(*st);
}

// Stage 1 of a card's first use: activated under its row lock, in one transaction.
CallDecision CallService::activate_stage1(const CallRequest& request, Instant now) {
  return run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> CallDecision {
    auto st = tx.card_for_call(request.account, SessionKey{}, now, RowLock::none);
    if (!st) return refused(ReturnCode::invalid_account, "unknown account");
    if (!pin_proved(request, st->card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");
    if (auto r = status_refusal(st->card, now)) return refused(r->code, r->message);
    bool activated = false;
    if (needs_activation(st->card)) {
      st = tx.card_for_call(request.account, SessionKey{}, now, RowLock::exclusive);
      if (!st) return refused(ReturnCode::invalid_account, "unknown account");
      if (auto r = status_refusal(st->card, now)) return refused(r->code, r->message);
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
    if (!pin_proved(request, card.pin)) return refused(ReturnCode::invalid_pin, "wrong PIN");
    if (st->existing || needs_activation(card)) break;
    if (auto r = status_refusal(card, now)) return refused(r->code, r->message);
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
            d = refused(x->code, x->message);
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
  }
  if (!verdict) return refused(ReturnCode::invalid_account, "unknown account");
  if (*verdict == LockedVerdict::elsewhere) return std::nullopt;
  if (*verdict == LockedVerdict::reserve) d.reservation = r.id;
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

          if (auto r = status_refusal(card, now)) return refused(r->code, r->message);

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

// ---------------------------------------------------------------------------------------------
// Accounting

AccountingResult CallService::record_accounting(const AccountingEvent& event) {
  if (event.kind == AccountingKind::accounting_on || event.kind == AccountingKind::accounting_off) {
    if (!SessionKey{event.key.nas, "x"}.valid())
      return refused_record(ReturnCode::invalid_argument, "malformed NAS identity");
    return close_nas(event);
  }
  if (!event.key.valid())
    return refused_record(ReturnCode::invalid_argument,
                          "malformed session key (NAS or session id)");
  if (!is_printable(event.called, kMaxStationLength) ||
      !is_printable(event.calling, kMaxStationLength))
    return refused_record(ReturnCode::invalid_argument, "malformed station id");
  if (!is_printable(event.disconnect_cause, kMaxCauseLength))
    return refused_record(ReturnCode::invalid_argument, "malformed disconnect cause");
  if (event.session_time_s && *event.session_time_s > kMaxSessionTime_s)
    return refused_record(ReturnCode::invalid_argument, "absurd session time");
  switch (event.kind) {
    case AccountingKind::start:
      return start(event);
    case AccountingKind::interim:
      return interim(event);
    case AccountingKind::stop:
      return stop(event);
    default:
      break;
  }
  return refused_record(ReturnCode::invalid_argument, "unknown accounting kind");
}

AccountingResult CallService::start(const AccountingEvent& event) {
  const Instant now = clock_->now();
  const Instant started = event.connect_at.value_or(event.event_at);
  const StartOutcome outcome = retrying(policy_.max_attempts, [&] {
    return store_->start_call(event.key, started, policy_.grace_s, now);
  });
  AccountingResult out;
  switch (outcome) {
    case StartOutcome::started:
      out.outcome = AccountingOutcome::recorded;
      out.message = "started";
      return out;
    case StartOutcome::no_reservation:
      return no_reservation();
    case StartOutcome::not_reserved:
      return duplicate("already started or closed");
    case StartOutcome::expired:
      break;
  }
  return duplicate("the reservation had already expired");
}

AccountingResult CallService::interim(const AccountingEvent& event) {
  // The usage reported without help from the reservation: one step.
  const bool reported = event.session_time_s.has_value() ||
                        (event.end_at && event.connect_at && *event.end_at >= *event.connect_at);
  if (reported) {
    const std::uint32_t usage = duration_of(event, std::nullopt);
    const UsageOutcome outcome = retrying(policy_.max_attempts, [&] {
      return store_->record_call_usage(event.key, usage, event.event_at);
    });
    AccountingResult out;
    switch (outcome) {
      case UsageOutcome::recorded:
        out.outcome = AccountingOutcome::recorded;
        out.message = "usage " + std::to_string(usage) + " s";
        return out;
      case UsageOutcome::no_reservation:
        return no_reservation();
      case UsageOutcome::closed:
        break;
    }
    return duplicate("the call is already closed");
  }
  // Counted from the reservation's start.
  return run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> AccountingResult {
    auto r = tx.find_reservation(event.key);
    if (!r) return no_reservation();
    if (r->state != ReservationState::reserved && r->state != ReservationState::started)
      return duplicate("the call is already closed");
    const std::uint32_t usage = duration_of(event, r);
    tx.record_usage(r->id, usage, event.event_at);
    AccountingResult out;
    out.outcome = AccountingOutcome::recorded;
    out.message = "usage " + std::to_string(usage) + " s";
    return out;
  });
}

// Rates one call (with `tariff`; nullptr = unrated, price 0, for reason `unrated`): the CDR
// and what the ledger row will say.
Settlement CallService::rate_call(const Payer& payer, const std::optional<Reservation>& r,
                                  const AccountingEvent& event, const rating::Tariff* tariff,
                                  std::int64_t tariff_version, bool from_snapshot,
                                  std::uint32_t duration_s, Instant start, Instant now,
                                  const std::string& unrated) const {
  Settlement s;
  Cdr& cdr = s.cdr;
  cdr.card_id = payer.id;
  cdr.card_number = payer.number;
  cdr.key = event.key;
  cdr.calling = r ? r->calling : event.calling;
  cdr.called = r ? r->called : event.called;
  if (!event.calling.empty() && cdr.calling.empty()) cdr.calling = event.calling;
  cdr.setup_at = event.setup_at;
  cdr.connect_at = event.connect_at ? event.connect_at : (r ? r->started_at : std::nullopt);
  cdr.end_at = event.end_at;
  cdr.call_at = cdr.connect_at ? *cdr.connect_at : (cdr.setup_at ? *cdr.setup_at : start);
  cdr.duration_s = duration_s;
  cdr.currency = payer.currency;
  cdr.tariff = tariff ? tariff->name() : payer.tariff;
  cdr.tariff_version = tariff_version;
  cdr.from_snapshot = from_snapshot;
  cdr.disconnect_cause = event.disconnect_cause;
  cdr.recorded_at = now;
  cdr.digits =
      rating::normalize_number(cdr.called, tariff ? tariff->number_plan() : rating::NumberPlan{})
          .value_or("");

  if (!tariff) {
    // Recorded (and acknowledged) rather than retransmitted forever; the operator sees it.
    cdr.rating_detail = "UNRATED: " + unrated;
    if (cdr.rating_detail.size() > kMaxDetailLength) cdr.rating_detail.resize(kMaxDetailLength);
  } else if (tariff->currency().code() != payer.currency) {
    cdr.rating_detail = "UNRATED: tariff currency differs from the account's";
  } else {
    auto price = rating::price_call(*tariff, cdr.called, start, duration_s);
    if (!price) {
      cdr.rating_detail = "UNRATED: " + std::string(rating::to_string(price.refusal()));
    } else {
      cdr.digits = price->digits;
      cdr.destination = price->destination;
      cdr.prefix = price->prefix;
      cdr.billed_s = price->billed_s;
      cdr.price = price->total;
      cdr.connect_fee = price->connect_fee;
      cdr.buy_cost = price->buy_cost;
      if (!price->spans.empty()) {
        cdr.price_list = price->spans.front().price_list;
        cdr.rule = price->spans.front().rule;
        cdr.rate = price->spans.front().rate;
        cdr.rate_unit_s = price->spans.front().rate_unit_s;
      }
      cdr.rating_detail = describe_spans(*price);
    }
  }
  if (r) s.reservation = r->id;
  s.at = now;
  s.actor = "radius";
  s.reason = "call to " + cdr.called;
  return s;
}

// Rates one call and books it: CDR, ledger row, balance, reservation settled. In the caller's
// transaction, with the card's row locked (st).
AccountingResult CallService::settle(Transaction& tx, CardState& st,
                                     const std::optional<Reservation>& r,
                                     const AccountingEvent& event, const rating::Tariff* tariff,
                                     std::int64_t tariff_version, bool from_snapshot,
                                     std::uint32_t duration_s, Instant start, Instant now,
                                     const std::string& unrated) {
  const Card& card = st.card;
  Settlement s = rate_call(Payer{card.id, card.number, card.currency, card.tariff}, r, event,
                           tariff, tariff_version, from_snapshot, duration_s, start, now, unrated);
  if (!book_call(tx, st.card, s)) return duplicate("this call was already charged");
  return recorded(s.cdr);
}

// A Stop in two round trips: a committed read of its reservation (with the tariff snapshot it
// was granted under), the rating here, and one atomic step that books it under the card's row
// lock (Store::settle). A Stop without a reservation (or whose snapshot does not parse) takes
// the locked path.
AccountingResult CallService::stop(const AccountingEvent& event) {
  const Instant now = clock_->now();
  const std::optional<Reservation> r = store_->read_reservation(event.key);
  // A retransmitted Stop of a settled call: answered without taking any lock.
  if (r && r->state == ReservationState::settled) return duplicate("this call was already charged");
  if (r) {
    if (auto tariff = cache_->snapshot(r->tariff_snapshot)) {
      const std::uint32_t duration = duration_of(event, r);
      const Instant start = start_of(event, r, duration);
      // The reservation's currency and tariff are the card's (a card's currency never changes).
      Settlement s = rate_call(Payer{r->card_id, r->card_number, r->currency, r->tariff}, r, event,
                               tariff.get(), r->tariff_version, true, duration, start, now, "");
      const SettleResult done = retrying(policy_.max_attempts, [&] { return store_->settle(s); });
      if (done.outcome == SettleOutcome::settled) return recorded(s.cdr);
      if (done.outcome == SettleOutcome::duplicate)
        return duplicate("this call was already charged");
      // missing: the locked path sorts it out
    }
  }
  return stop_locked(event, now);
}

AccountingResult CallService::stop_locked(const AccountingEvent& event, Instant now) {
  std::shared_ptr<const CachedTariff> loaded;
  std::string unusable;  // why the card's tariff cannot rate: the call is recorded unrated
  for (int round = 0; round < 3; ++round) {
    std::string need_tariff;
    std::int64_t need_version = 0;
    AccountingResult result =
        run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> AccountingResult {
          need_tariff.clear();
          std::optional<Reservation> r = tx.find_reservation(event.key);
          // A retransmitted Stop of a settled call: answered without taking any lock.
          if (r && r->state == ReservationState::settled)
            return duplicate("this call was already charged");
          std::optional<CardState> st;
          if (r) {
            st = tx.card_for_call(r->card_id, event.key, now, RowLock::exclusive);
          } else {
            if (!is_digits(event.account, 1, kMaxNumberLength))
              return refused_record(ReturnCode::invalid_account,
                                    "Stop without reservation and without a valid account");
            st = tx.card_for_call(event.account, event.key, now, RowLock::exclusive);
          }
          if (!st) return refused_record(ReturnCode::invalid_account, "unknown account");
          // Re-checked under the lock: another node may have settled it meanwhile.
          if (r && st->existing_state == ReservationState::settled)
            return duplicate("this call was already charged");
          if (!r && st->existing) r = tx.find_reservation(event.key);  // a late authorization

          const std::uint32_t duration = duration_of(event, r);
          const Instant start = start_of(event, r, duration);
          if (r) {
            auto tariff = cache_->snapshot(r->tariff_snapshot);
            if (tariff)
              return settle(tx, *st, r, event, tariff.get(), r->tariff_version, true, duration,
                            start, now, "");
            // An unreadable snapshot (should not happen): fall back to the current tariff.
          }
          if (!unusable.empty())
            return settle(tx, *st, r, event, nullptr, st->tariff_version, false, duration, start,
                          now, unusable);
          auto cached = cache_->find(st->card.tariff, st->tariff_version);
          if (!cached && round > 0 && loaded && st->tariff_version != 0) cached = loaded;
          if (!cached) {
            if (st->tariff_version == 0)
              return settle(tx, *st, r, event, nullptr, 0, false, duration, start, now,
                            "tariff '" + st->card.tariff + "' is missing");
            need_tariff = st->card.tariff;
            need_version = st->tariff_version;
            return AccountingResult{};
          }
          return settle(tx, *st, r, event, &cached->tariff(), cached->version(), false, duration,
                        start, now, "");
        });
    if (need_tariff.empty()) return result;
    loaded = cache_->get(need_tariff, need_version);
    if (!loaded)
      unusable = "tariff '" + need_tariff + "' is unusable: " + cache_->last_problems(need_tariff);
  }
  throw StoreConflict("tariff keeps changing while rating a Stop; retry");
}

AccountingResult CallService::close_nas(const AccountingEvent& event) {
  const Instant now = clock_->now();
  std::vector<Reservation> open;
  {
    auto tx = store_->begin();
    open = tx->unclosed_reservations_at(event.key.nas, event.event_at);
    tx->commit();
  }
  AccountingResult out;
  out.outcome = AccountingOutcome::sessions_closed;
  const std::string cause =
      event.kind == AccountingKind::accounting_on ? "nas-accounting-on" : "nas-accounting-off";
  for (const Reservation& listed : open) {
    const bool closed =
        run_transaction(*store_, policy_.max_attempts, [&](Transaction& tx) -> bool {
          auto st = tx.card_for_call(listed.card_id, listed.key, now, RowLock::exclusive);
          if (!st || (st->existing_state != ReservationState::reserved &&
                      st->existing_state != ReservationState::started))
            return false;  // closed meanwhile
          std::optional<Reservation> r = tx.find_reservation(listed.id);
          if (!r) return false;
          auto tariff = r->usage_s > 0 ? cache_->snapshot(r->tariff_snapshot) : nullptr;
          if (!tariff) {
            tx.close_reservation(r->id, ReservationState::released, now);
            return true;
          }
          AccountingEvent settled = event;
          settled.kind = AccountingKind::stop;
          settled.key = r->key;
          settled.session_time_s = r->usage_s;
          settled.disconnect_cause = cause;
          const Instant start = r->started_at.value_or(r->created_at);
          auto result = settle(tx, *st, r, settled, tariff.get(), r->tariff_version, true,
                               r->usage_s, start, now, "");
          if (result.outcome == AccountingOutcome::duplicate)
            tx.close_reservation(r->id, ReservationState::settled, now);
          else
            out.charged += result.charged;
          return true;
        });
    if (closed) ++out.sessions_closed;
  }
  out.message = std::to_string(out.sessions_closed) + " session(s) of " + event.key.nas + " closed";
  return out;
}

std::uint32_t CallService::expire_reservations(std::uint32_t limit) {
  const Instant now = clock_->now();
  return run_transaction(*store_, policy_.max_attempts,
                         [&](Transaction& tx) { return tx.expire_reservations(now, limit); });
}

}  // namespace prepaid::billing

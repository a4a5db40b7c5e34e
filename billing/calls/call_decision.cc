#include "billing/calls/call_decision.h"

#include <openssl/crypto.h>

#include <chrono>

#include "rating/number_plan.h"
#include "rating/pricing.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;
using std::chrono::seconds;

namespace {

// True when the request proves nothing (FreeRADIUS checks the password) or proves `pin`: its
// PIN (PAP), or a CHAP or SIP digest answer computed from it.
bool pin_proved(const CallRequest& request, std::string_view pin) {
  if (request.pin) return same_secret(pin, *request.pin);
  if (request.chap) return request.chap->matches(pin);
  if (request.digest) return request.digest->matches(pin);
  return true;
}

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

// A shop's booth calls only while the counter has it open (a booth session): until then, and
// after its checkout, it is refused with its own message.
std::optional<Refusal> booth_refusal(const CardState& st) {
  if (!st.shop_booth || st.booth_open) return std::nullopt;
  return Refusal{ReturnCode::disabled, "booth not open at the counter", "Booth not open"};
}

// When nothing is free: balance + credit_limit − open reservations <= 0.
std::optional<Refusal> free_balance_refusal(const Card& card, Money free) {
  if (free > Money()) return std::nullopt;
  if (card.credit_limit > Money()) return Refusal{ReturnCode::credit_limit, "credit limit reached"};
  return Refusal{ReturnCode::zero_balance, "no balance left"};
}

Verdict answer(CallDecision d) {
  Verdict v;
  v.next = Verdict::Next::answer;
  v.decision = std::move(d);
  return v;
}

Verdict answer(const Refusal& r) {
  return answer(refused(r.code, r.message, r.reply));
}

Verdict next(Verdict::Next step) {
  Verdict v;
  v.next = step;
  return v;
}

// The tariff `name` at `version` must be built first (outside any lock).
Verdict build(const std::string& name, std::int64_t version) {
  Verdict v = next(Verdict::Next::tariff);
  v.build = name;
  v.build_version = version;
  return v;
}

// The shop's upstream cannot pay the shortest booth call at its cost tariff.
CallDecision upstream_refusal(const std::string& why) {
  return refused(ReturnCode::disabled, why, "Shop balance too low");
}

// Stage 1: ok with the free balance, or the refusal (with it) when nothing is free.
CallDecision stage1_decision(const CardState& st) {
  const Card& card = st.card;
  CallDecision d;
  try {
    d.free_balance = free_amount(card, st.reserved);
  } catch (const rating::MoneyOverflow&) {
    return refused(ReturnCode::service_unavailable, "balance out of range");
  }
  if (!d.free_balance) return refused(ReturnCode::service_unavailable, "bad card currency");
  if (auto r = free_balance_refusal(card, d.free_balance->money)) {
    d.code = r->code;
    d.message = r->message;
    return d;
  }
  d.code = ReturnCode::ok;
  return d;
}

// Stage 2 on `st` with the tariff at the version read: a refusal, or ok with `r` filled.
CallDecision grant(const CallRequest& request, Instant now, const CardState& st,
                   const CachedTariff& cached, const CachedTariff* cost, const CallPolicy& policy,
                   Reservation& r) {
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
  d.free_balance = free_amount(card, st.reserved);
  if (auto refusal = free_balance_refusal(card, free)) {
    d.code = refusal->code;
    d.message = refusal->message;
    return d;
  }
  // A booth of a shop that pays its upstream: what the upstream has left, less what the shop's
  // open calls hold on it, must pay the shortest call at the cost tariff; the grant is cut to
  // what it buys there, so that the call's cost never exceeds what it holds.
  std::uint32_t cap_s = policy.max_call_duration_s;
  if (st.upstream && cost) {
    const rating::Tariff& c = cost->tariff();
    if (c.currency().code() != st.upstream->currency)
      return refused(ReturnCode::service_unavailable,
                     "the shop's cost tariff is not in its upstream account's currency");
    const Money upstream_free = st.upstream->balance - st.upstream->held;
    auto paid = rating::max_duration(c, request.called, now, upstream_free, cap_s);
    if (!paid)
      return upstream_refusal("the shop's cost tariff has no price for this number (" +
                              std::string(rating::to_string(paid.refusal())) + ")");
    if (paid->seconds == 0 || paid->limited_by == rating::GrantLimit::insufficient_balance)
      return upstream_refusal("the shop's upstream balance cannot pay the call's first increment");
    cap_s = paid->seconds;
  }
  auto granted = rating::max_duration(tariff, request.called, now, free, cap_s);
  if (!granted) {
    d.code = granted.refusal() == rating::Refusal::malformed_number
                 ? ReturnCode::invalid_argument
                 : ReturnCode::destination_blocked;
    d.message = std::string(rating::to_string(granted.refusal()));
    return d;
  }
  d.destination = granted->destination;
  if (granted->seconds == 0 || granted->limited_by == rating::GrantLimit::insufficient_balance) {
    d.code = ReturnCode::insufficient_balance;
    d.message = "balance too low for the first increment";
    return d;
  }
  const std::string digits =
      rating::normalize_number(request.called, tariff.number_plan()).value_or("");
  TariffSnapshot snapshot = cached.snapshot_for(digits);

  r = Reservation{};
  r.card_id = card.id;
  r.card_number = card.number;
  r.key = request.key;
  r.calling = request.calling;
  r.nas_identity = request.nas_identity.sanitized();
  r.called = request.called;
  r.digits = digits;
  r.destination = granted->destination;
  r.granted_s = granted->seconds;
  r.amount = granted->price;
  r.currency = card.currency;
  r.tariff = card.tariff;
  r.tariff_version = cached.version();
  r.tariff_snapshot = std::move(snapshot.text);
  r.snapshot_sha256 = std::move(snapshot.sha256);
  if (st.upstream && cost) {
    const rating::Tariff& c = cost->tariff();
    auto held = rating::price_call(c, request.called, now, r.granted_s);
    if (!held)
      return refused(ReturnCode::service_unavailable,
                     "the shop's cost tariff cannot price the grant");
    r.upstream_shop = st.upstream->shop_id;
    r.upstream_hold = held->total;
    r.upstream_snapshot =
        cost->snapshot_for(rating::normalize_number(request.called, c.number_plan()).value_or(""))
            .text;
  }
  r.state = ReservationState::reserved;
  r.created_at = now;
  r.expires_at =
      now + seconds(policy.answer_window_s) + seconds(r.granted_s) + seconds(policy.grace_s);
  d.code = ReturnCode::ok;
  d.granted_s = r.granted_s;
  d.reserved = r.amount;
  return d;
}

}  // namespace

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

CallDecision refused(ReturnCode code, std::string message, std::string reply) {
  CallDecision d;
  d.code = code;
  d.message = std::move(message);
  d.reply_message = std::move(reply);
  return d;
}

std::optional<rating::Amount> free_amount(const Card& card, Money reserved) {
  auto currency = rating::Currency::from_code(card.currency);
  if (!currency) return std::nullopt;
  return rating::Amount{card.balance + card.credit_limit - reserved, *currency};
}

std::optional<Refusal> card_refusal(const Card& card, Instant now) {
  // The lock first, before anything the PIN could tell apart: a guesser learns nothing.
  if (card.locked_at(now))
    return Refusal{ReturnCode::retries_exceeded, "locked after repeated wrong PINs"};
  return status_refusal(card, now);
}

namespace {

// decide_call() once the PIN matched.
Verdict decide_with_pin(const DecisionInput& in) {
  const CallRequest& request = *in.request;
  CardState st = *in.card;
  const Card& card = st.card;
  const Instant now = in.now;
  const bool held = in.lock == CardLock::held;

  // A session key already reserved is decided afresh, never answered with the grant made for
  // it before (the caller picks the session id — a SIP Call-ID — and could ask again for a
  // dearer destination or a later time): while its call has not started, the new decision
  // replaces the old one; after, the key is spent.
  const bool stage2 = !request.called.empty();
  const Reservation* earlier = nullptr;
  if (stage2 && st.existing) {
    if (!held) return next(Verdict::Next::lock);
    earlier = in.earlier;
    if (!earlier || earlier->card_id != card.id)
      return answer(
          refused(ReturnCode::invalid_argument, "session id already used by another account"));
    if (earlier->state == ReservationState::started && earlier->open_at(now))
      return answer(
          refused(ReturnCode::invalid_argument, "this session's call is already in progress"));
    if (!earlier->open_at(now))
      return answer(refused(ReturnCode::invalid_argument, "this session has already ended"));
    st.reserved -= earlier->amount;  // decided as if it were not there: the new one replaces it
    --st.open_calls;
  }

  if (auto r = status_refusal(card, now)) return answer(*r);
  if (auto r = booth_refusal(st)) return answer(*r);
  const bool first_use = card.status == CardStatus::new_;
  if (first_use && !held) return next(Verdict::Next::lock);

  Verdict v;
  if (!stage2) {
    v.next = Verdict::Next::answer;
    v.decision = stage1_decision(st);
    v.activate = first_use;
    // Said only when it may call (not on a refusal made before the balance).
    v.decision.activated = first_use && v.decision.free_balance.has_value();
    return v;
  }
  if (st.tariff_version == 0)
    return answer(
        refused(ReturnCode::service_unavailable, "tariff '" + card.tariff + "' is missing"));
  if (!in.tariff || in.tariff->version() != st.tariff_version)
    return build(card.tariff, st.tariff_version);
  if (st.upstream) {
    if (st.upstream->cost_version == 0)
      return answer(refused(ReturnCode::service_unavailable,
                            "cost tariff '" + st.upstream->cost_tariff + "' is missing"));
    if (!in.cost_tariff || in.cost_tariff->version() != st.upstream->cost_version)
      return build(st.upstream->cost_tariff, st.upstream->cost_version);
  }
  v.decision = grant(request, now, st, *in.tariff, st.upstream ? in.cost_tariff : nullptr,
                     *in.policy, v.reservation);
  v.decision.repeated = earlier != nullptr;
  // A first use is activated with its decision, granted or not (it was asked for), unless the
  // tariff cannot serve the card at all.
  v.activate = first_use && in.tariff->tariff().currency().code() == card.currency;
  v.decision.activated = v.activate;
  v.next = v.decision.code == ReturnCode::ok ? Verdict::Next::reserve : Verdict::Next::answer;
  return v;
}

}  // namespace

Verdict decide_call(const DecisionInput& in) {
  const CallRequest& request = *in.request;
  const Card& card = in.card->card;
  if (card.locked_at(in.now)) return answer(*card_refusal(card, in.now));
  if (!pin_proved(request, card.pin)) {
    // A digest this check and FreeRADIUS's digest module might judge differently (the two do
    // not share their code): that module decides, on the two-step path.
    if (request.digest && !request.pin && !request.chap) return next(Verdict::Next::elsewhere);
    return answer(refused(ReturnCode::invalid_pin, "wrong PIN"));
  }
  Verdict v = decide_with_pin(in);
  v.pin_matched = true;
  return v;
}

}  // namespace prepaid::billing

// The RADIUS accounting path: Start, Interim-Update, Stop, Accounting-On/Off. A Stop is rated
// with the tariff its call was granted under and booked under the card's row lock; it never
// charges more than was granted nor more than the account can pay (docs/radius.md).
#include <algorithm>
#include <chrono>
#include <string>

#include "billing/calls/call_service.h"
#include "billing/validation.h"
#include "rating/number_plan.h"
#include "rating/pricing.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;
using std::chrono::seconds;

namespace {

constexpr std::size_t kMaxCauseLength = 64;             // disconnect cause column
constexpr std::uint32_t kMaxSessionTime_s = 7 * 86400;  // longer is not a real call
constexpr std::size_t kMaxDetailLength = 1024;          // rating_detail column
// A reservation that stays open at least this much longer can take its Stop in one step: the
// money it holds cannot be released to another call before the booking commits.
constexpr seconds kSettleMargin{5};

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
  return out;
}

// Appends a note to a CDR's rating detail, within the column's width.
void note(Cdr& cdr, const std::string& text) {
  if (!cdr.rating_detail.empty()) cdr.rating_detail += "; ";
  cdr.rating_detail += text;
  if (cdr.rating_detail.size() > kMaxDetailLength) cdr.rating_detail.resize(kMaxDetailLength);
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
  out.review = cdr.review;
  out.unbilled = cdr.unbilled;
  out.message = cdr.rating_detail;
  return out;
}

// True when the record says how long the call was answered (see duration_of).
bool has_duration(const AccountingEvent& e, const Reservation* r) {
  return e.session_time_s || (e.end_at && e.connect_at && *e.end_at >= *e.connect_at) ||
         (r && r->started_at && e.event_at >= *r->started_at);
}

// The answered duration of a Stop (see AccountingEvent::session_time_s).
std::uint32_t duration_of(const AccountingEvent& e, const Reservation* r) {
  if (e.session_time_s) return *e.session_time_s;
  if (e.end_at && e.connect_at && *e.end_at >= *e.connect_at)
    return static_cast<std::uint32_t>((*e.end_at - *e.connect_at).count());
  if (r && r->started_at && e.event_at >= *r->started_at)
    return static_cast<std::uint32_t>((e.event_at - *r->started_at).count());
  return 0;
}

// When the rated call began.
Instant start_of(const AccountingEvent& e, const Reservation* r, std::uint32_t duration_s) {
  if (e.connect_at) return *e.connect_at;
  if (r && r->started_at) return *r->started_at;
  const Instant end = e.end_at ? *e.end_at : e.event_at;
  return end - seconds(duration_s);
}

// Cuts the charge of `cdr` to what the account can pay: balance + credit limit − the money
// held for its other calls in progress (`st` was read under the card's row lock at `now`;
// its sum counts `r` while `r` is open). The rest goes to `unbilled`.
void cap_to_payable(Cdr& cdr, const CardState& st, const Reservation* r, Instant now) {
  Money payable = st.card.balance + st.card.credit_limit - st.reserved;
  if (r && r->open_at(now)) payable += r->amount;
  if (payable < Money()) payable = Money();
  if (cdr.price <= payable) return;
  cdr.unbilled += cdr.price - payable;
  note(cdr, "CAPPED: charged " + payable.to_string(6) + " of " + cdr.price.to_string(6) +
                " (what the account could pay)");
  cdr.price = payable;
  cdr.flag(kReviewCapped);
}

CallService::Payer payer_of(const Card& card) {
  return {card.id, card.number, card.currency, card.tariff};
}

// The reservation's currency and tariff are the card's (a card's currency never changes).
CallService::Payer payer_of(const Reservation& r) {
  return {r.card_id, r.card_number, r.currency, r.tariff};
}

}  // namespace

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
  const StartOutcome outcome = retry_step(policy_.max_attempts, [&] {
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
    const std::uint32_t usage = duration_of(event, nullptr);
    const UsageOutcome outcome = retry_step(policy_.max_attempts, [&] {
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
    const std::uint32_t usage = duration_of(event, &*r);
    tx.record_usage(r->id, usage, event.event_at);
    AccountingResult out;
    out.outcome = AccountingOutcome::recorded;
    out.message = "usage " + std::to_string(usage) + " s";
    return out;
  });
}

Settlement CallService::rate_call(const AccountingEvent& event, const StopRating& how,
                                  Instant now) const {
  const Reservation* r = how.reservation;
  const rating::Tariff* tariff = how.tariff;
  const std::uint32_t reported = duration_of(event, r);
  const Instant start = start_of(event, r, reported);
  Settlement s;
  Cdr& cdr = s.cdr;
  cdr.card_id = how.payer.id;
  cdr.card_number = how.payer.number;
  cdr.key = event.key;
  cdr.calling = r ? r->calling : event.calling;
  cdr.called = r ? r->called : event.called;
  if (!event.calling.empty() && cdr.calling.empty()) cdr.calling = event.calling;
  cdr.setup_at = event.setup_at;
  cdr.connect_at = event.connect_at ? event.connect_at : (r ? r->started_at : std::nullopt);
  cdr.end_at = event.end_at;
  cdr.call_at = cdr.connect_at ? *cdr.connect_at : (cdr.setup_at ? *cdr.setup_at : start);
  cdr.duration_s = reported;
  cdr.currency = how.payer.currency;
  cdr.tariff = tariff ? tariff->name() : how.payer.tariff;
  cdr.tariff_version = how.tariff_version;
  cdr.from_snapshot = how.from_snapshot;
  cdr.disconnect_cause = event.disconnect_cause;
  cdr.recorded_at = now;
  const rating::NumberPlan plan = tariff ? tariff->number_plan() : rating::NumberPlan{};
  cdr.digits = rating::normalize_number(cdr.called, plan).value_or("");

  // What may be billed: the grant (and the tolerance), or without one the longest grant.
  if (!r) cdr.flag(kReviewUnauthorized);
  if (!has_duration(event, r)) cdr.flag(kReviewNoDuration);
  const std::uint32_t allowed =
      r ? r->granted_s + policy_.overrun_tolerance_s : policy_.max_call_duration_s;
  const std::uint32_t billable = std::min(reported, allowed);
  if (reported > allowed) cdr.flag(kReviewOverrun);
  if (r && !event.called.empty() && tariff) {
    const auto asked = rating::normalize_number(event.called, plan);
    if (asked && *asked != r->digits) cdr.flag(kReviewCalledDiffers);
  }

  if (!tariff) {
    // Recorded (and acknowledged) rather than retransmitted forever; the operator sees it.
    note(cdr, "UNRATED: " + how.unrated);
  } else if (tariff->currency().code() != how.payer.currency) {
    note(cdr, "UNRATED: tariff currency differs from the account's");
  } else {
    auto price = rating::price_call(*tariff, cdr.called, start, billable);
    if (!price) {
      note(cdr, "UNRATED: " + std::string(rating::to_string(price.refusal())));
    } else {
      cdr.digits = price->digits;
      cdr.destination = price->destination;
      cdr.prefix = price->prefix;
      cdr.billed_s = price->billed_s;
      cdr.price = price->total;
      cdr.connect_fee = price->connect_fee;
      if (price->buy) {
        cdr.buy_cost = price->buy->money;
        cdr.buy_currency = std::string(price->buy->currency.code());
      }
      if (!price->spans.empty()) {
        cdr.price_list = price->spans.front().price_list;
        cdr.rule = price->spans.front().rule;
        cdr.rate = price->spans.front().rate;
        cdr.rate_unit_s = price->spans.front().rate_unit_s;
      }
      note(cdr, describe_spans(*price));
      if (billable < reported) {
        if (auto whole = rating::price_call(*tariff, cdr.called, start, reported))
          cdr.unbilled = whole->total - price->total;
        note(cdr, "OVERRUN: reported " + std::to_string(reported) + " s, billed for " +
                      std::to_string(billable) + " s (" +
                      (r ? "granted " + std::to_string(r->granted_s) + " s"
                         : "no grant: at most max_call_duration") +
                      ")");
      }
    }
  }
  // A booth call's cost to its shop's upstream, priced with the cost tariff it was granted
  // under (the reservation's upstream snapshot) for the same billed time: booked with the CDR.
  if (r && r->upstream_shop && !r->upstream_snapshot.empty() && billable > 0) {
    if (auto cost_tariff = cache_->snapshot(r->upstream_snapshot)) {
      if (auto cost = rating::price_call(*cost_tariff, cdr.called, start, billable)) {
        cdr.upstream_shop = r->upstream_shop;
        cdr.upstream_cost = cost->total;
      } else {
        note(cdr, "UPSTREAM: no cost (" + std::string(rating::to_string(cost.refusal())) + ")");
      }
    } else {
      note(cdr, "UPSTREAM: the cost snapshot does not parse");
    }
  }
  if (r) s.reservation = r->id;
  s.at = now;
  return s;
}

AccountingResult CallService::settle(Transaction& tx, const CardState& st,
                                     const AccountingEvent& event, const StopRating& how,
                                     Instant now) {
  Settlement s = rate_call(event, how, now);
  cap_to_payable(s.cdr, st, how.reservation, now);
  Card card = st.card;
  if (!book_call(tx, card, s)) return duplicate("this call was already charged");
  return recorded(s.cdr);
}

// A Stop in one atomic step when it cannot overspend (Store::rate_and_settle: on MySQL one
// wait for a group of Stops): under the card's row lock its reservation is read (with the
// tariff snapshot it was granted under), the call rated here and booked — when the price is
// within what the reservation holds and the reservation holds it until the booking is done. A
// retransmitted Stop of a settled call is answered there. Anything else (no reservation, an
// expired one, a price above the reservation, a snapshot that does not parse) takes the locked
// path, which caps the charge to what the account can pay.
AccountingResult CallService::stop(const AccountingEvent& event) {
  const Instant now = clock_->now();
  Settlement s;
  const StopRater rate = [&](const Reservation& r, Settlement& out) {
    if (!r.open_at(now + kSettleMargin)) return StopVerdict::elsewhere;
    auto tariff = cache_->snapshot(r.tariff_snapshot);
    if (!tariff) return StopVerdict::elsewhere;
    out = rate_call(event, StopRating{payer_of(r), &r, tariff.get(), r.tariff_version, true, ""},
                    now);
    return out.cdr.price <= r.amount ? StopVerdict::book : StopVerdict::elsewhere;
  };
  const std::optional<SettleResult> done = retry_step(
      policy_.max_attempts, [&] { return store_->rate_and_settle(event.key, now, rate, s); });
  if (done && done->outcome == SettleOutcome::settled) return recorded(s.cdr);
  if (done && done->outcome == SettleOutcome::duplicate)
    return duplicate("this call was already charged");
  return stop_locked(event, now);  // no reservation, rated elsewhere, or missing
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
          if (r) {
            // Read again under the lock: its state decides whether its amount is still held.
            r = tx.find_reservation(r->id);
            if (!r) return refused_record(ReturnCode::invalid_account, "reservation vanished");
            if (auto tariff = cache_->snapshot(r->tariff_snapshot))
              return settle(
                  tx, *st, event,
                  StopRating{payer_of(*r), &*r, tariff.get(), r->tariff_version, true, ""}, now);
            // An unreadable snapshot (should not happen): fall back to the current tariff.
          }
          const Reservation* rp = r ? &*r : nullptr;
          const Payer payer = payer_of(st->card);
          if (!unusable.empty())
            return settle(tx, *st, event,
                          StopRating{payer, rp, nullptr, st->tariff_version, false, unusable}, now);
          auto cached = cache_->find(st->card.tariff, st->tariff_version);
          if (!cached && round > 0 && loaded && st->tariff_version != 0) cached = loaded;
          if (!cached) {
            if (st->tariff_version == 0)
              return settle(tx, *st, event,
                            StopRating{payer, rp, nullptr, 0, false,
                                       "tariff '" + st->card.tariff + "' is missing"},
                            now);
            need_tariff = st->card.tariff;
            need_version = st->tariff_version;
            return AccountingResult{};
          }
          return settle(tx, *st, event,
                        StopRating{payer, rp, &cached->tariff(), cached->version(), false, ""},
                        now);
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
          // Charged for the usage its last Interim-Update reported.
          AccountingEvent settled = event;
          settled.kind = AccountingKind::stop;
          settled.key = r->key;
          settled.session_time_s = r->usage_s;
          settled.connect_at = r->started_at.value_or(r->created_at);
          settled.disconnect_cause = cause;
          auto result =
              settle(tx, *st, settled,
                     StopRating{payer_of(*r), &*r, tariff.get(), r->tariff_version, true, ""}, now);
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

// The call path's single steps on a Transaction: the reference behaviour of Store::reserve,
// Store::settle, Store::start_call and Store::record_call_usage.
#include "billing/calls/call_steps.h"

#include "billing/store/store.h"

namespace prepaid::billing {

using rating::Money;

ReserveOutcome reserve_in(Transaction& tx, Reservation& r, const GrantBasis& basis) {
  auto st = tx.card_for_call(r.card_id, r.key, basis.now, RowLock::exclusive);
  if (!st || st->card_version != basis.card_version || st->tariff_version == 0 ||
      st->tariff_version != r.tariff_version || st->open_calls >= st->card.max_concurrent)
    return ReserveOutcome::changed;
  try {
    if (st->card.balance + st->card.credit_limit - st->reserved < r.amount)
      return ReserveOutcome::changed;
  } catch (const rating::MoneyOverflow&) {
    return ReserveOutcome::changed;
  }
  try {
    tx.insert_reservation(r);
  } catch (const StoreDuplicate&) {
    return ReserveOutcome::duplicate;
  }
  tx.commit();
  return ReserveOutcome::reserved;
}

std::optional<LockedVerdict> decide_and_reserve_in(Transaction& tx, std::string_view number,
                                                   const SessionKey& key, rating::Instant now,
                                                   const CallDecider& decide, Reservation& r) {
  auto st = tx.card_for_call(number, key, now, RowLock::exclusive);
  if (!st) return std::nullopt;
  const LockedVerdict verdict = decide(*st, r);
  if (verdict != LockedVerdict::reserve) return verdict;
  try {
    tx.insert_reservation(r);
  } catch (const StoreDuplicate&) {
    return LockedVerdict::elsewhere;  // the key was taken meanwhile (another card's call)
  }
  tx.commit();
  return verdict;
}

bool book_call(Transaction& tx, Card& card, Settlement& s) {
  const Money after = card.balance - s.cdr.price;
  s.cdr.balance_after = after;  // the CDR is the call's ledger row
  if (!tx.insert_cdr(s.cdr)) return false;
  if (!s.cdr.price.is_zero()) {
    card.balance = after;
    tx.update_card(card);
  }
  // A booth call's cost to its shop's upstream: booked once, with the CDR that records it.
  if (s.cdr.upstream_shop && s.cdr.upstream_cost && !s.cdr.upstream_cost->is_zero())
    tx.debit_shop_upstream(*s.cdr.upstream_shop, *s.cdr.upstream_cost);
  if (s.reservation) tx.close_reservation(*s.reservation, ReservationState::settled, s.at);
  return true;
}

SettleResult settle_in(Transaction& tx, Settlement& s) {
  SettleResult out;
  auto st = tx.card_for_call(s.cdr.card_id, SessionKey{}, s.at, RowLock::exclusive);
  if (!st) return out;  // missing
  if (s.reservation) {
    auto r = tx.find_reservation(*s.reservation);
    if (!r || r->card_id != s.cdr.card_id) return out;  // missing
    if (r->state == ReservationState::settled) {
      out.outcome = SettleOutcome::duplicate;
      return out;
    }
  }
  if (!book_call(tx, st->card, s)) {
    out.outcome = SettleOutcome::duplicate;
    return out;
  }
  tx.commit();
  out.outcome = SettleOutcome::settled;
  out.cdr = s.cdr.id;
  out.balance_after = st->card.balance;
  return out;
}

std::optional<SettleResult> rate_and_settle_in(Transaction& tx, const SessionKey& key,
                                               rating::Instant now, const StopRater& rate,
                                               Settlement& s) {
  const auto found = tx.find_reservation(key);
  if (!found) return std::nullopt;
  auto st = tx.card_for_call(found->card_id, key, now, RowLock::exclusive);
  if (!st) return std::nullopt;
  const auto r = tx.find_reservation(found->id);  // read again under the lock
  if (!r) return std::nullopt;
  if (r->state == ReservationState::settled)
    return SettleResult{SettleOutcome::duplicate, 0, Money()};
  if (rate(*r, s) != StopVerdict::book) return std::nullopt;
  s.cdr.card_id = r->card_id;
  s.reservation = r->id;
  if (!book_call(tx, st->card, s)) return SettleResult{SettleOutcome::duplicate, 0, Money()};
  tx.commit();
  return SettleResult{SettleOutcome::settled, s.cdr.id, st->card.balance};
}

StartOutcome start_call_in(Transaction& tx, const SessionKey& key, rating::Instant started_at,
                           std::uint32_t grace_s, rating::Instant now) {
  auto r = tx.find_reservation(key);
  if (!r) return StartOutcome::no_reservation;
  if (r->state != ReservationState::reserved) return StartOutcome::not_reserved;
  const rating::Instant expires =
      started_at + std::chrono::seconds(r->granted_s) + std::chrono::seconds(grace_s);
  if (!tx.start_reservation(r->id, started_at, expires, now)) return StartOutcome::expired;
  tx.commit();
  return StartOutcome::started;
}

UsageOutcome record_call_usage_in(Transaction& tx, const SessionKey& key, std::uint32_t usage_s,
                                  rating::Instant at) {
  auto r = tx.find_reservation(key);
  if (!r) return UsageOutcome::no_reservation;
  if (r->state != ReservationState::reserved && r->state != ReservationState::started)
    return UsageOutcome::closed;
  tx.record_usage(r->id, usage_s, at);
  tx.commit();
  return UsageOutcome::recorded;
}

}  // namespace prepaid::billing

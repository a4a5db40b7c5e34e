// Booth sessions: deposit or limit on the booth's account at the open, zeroed at checkout.
#include "billing/shops/booth_session_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/shops/counter_access.h"
#include "billing/shops/counter_amount.h"
#include "billing/shops/counter_payment.h"
#include "billing/shops/session_calls.h"
#include "billing/validation.h"
#include "rating/currency.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;

namespace {

std::string session_ref(const BoothSession& s) {
  return "booth_session:" + std::to_string(s.id);
}

std::string audit_of(const BoothView& v) {
  nlohmann::json j{{"booth", v.booth.number},
                   {"shop", v.booth.shop},
                   {"state", to_string(v.state)},
                   {"balance_spent", v.spent.to_string(6)}};
  if (v.session) {
    const BoothSession& s = *v.session;
    j["session"] = {{"id", s.id},
                    {"kind", to_string(s.kind)},
                    {"amount", s.amount.to_string(6)},
                    {"shift", s.shift_id}};
    if (s.settled) j["session"]["settled"] = s.settled->to_string(6);
    if (v.checkout) j["session"]["receipt"] = v.checkout->receipt_number;
  }
  return j.dump();
}

// The booth's view read in `tx` at `now`.
BoothView read_view(Transaction& tx, const Booth& booth, const std::string& currency, Instant now) {
  BoothView v;
  v.booth = booth;
  v.currency = currency;
  auto st = tx.card_for_call(booth.number, SessionKey{}, now, RowLock::none);
  v.session = tx.open_booth_session(booth.card_id);
  if (st) {
    v.open_calls = st->open_calls;
    if (v.session) {
      v.spent = session_spent(*v.session, st->card);
      v.available = st->card.balance + st->card.credit_limit - st->reserved;
    }
    v.state = booth_state(st->card, v.session, v.open_calls, v.spent);
  }
  if (auto account = tx.find_shop_upstream(booth.shop_id, RowLock::none))
    v.upstream_warning =
        account->balance - tx.shop_upstream_held(booth.shop_id, now) <= account->warn_below;
  return v;
}

}  // namespace

BoothSessionService::BoothSessionService(std::shared_ptr<Store> store,
                                         std::shared_ptr<const Clock> clock, int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<BoothView> BoothSessionService::open(const Actor& actor, std::string_view number,
                                            SessionKind kind, Money amount) {
  if (auto p = require_staff(actor)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<BoothView> {
    auto booth = tx.find_booth(number);
    if (!booth) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
    auto shop = counter_shop(tx, actor, booth->shop);
    if (!shop) return shop.problem();
    if (auto p = check_counter_amount(amount, shop->currency, "amount", false)) return *p;
    auto shift = open_shift_at(tx, actor, *shop);
    if (!shift) return shift.problem();
    auto card = tx.lock_card(number);
    if (!card) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
    if (card->status != CardStatus::active)
      return refuse(ErrorCode::failed_precondition,
                    "booth " + card->number + " is " + std::string(to_string(card->status)));
    if (auto open = tx.open_booth_session(card->id))
      return refuse(ErrorCode::failed_precondition,
                    "booth " + card->number + " is already open (session " +
                        std::to_string(open->id) + "): check it out first");
    if (!card->balance.is_zero() || !card->credit_limit.is_zero())
      return refuse(ErrorCode::failed_precondition,
                    "booth " + card->number + "'s account holds " + card->balance.to_string() +
                        " " + card->currency + " (credit limit " + card->credit_limit.to_string() +
                        "): bring it to zero first");
    const std::string card_before = audit_json(*card);
    BoothSession s;
    s.card_id = card->id;
    s.shift_id = shift->id;
    s.kind = kind;
    s.amount = amount;
    s.opened_at = now;
    s.opened_by = actor.name;
    tx.insert_booth_session(s);
    if (kind == SessionKind::prepaid) {
      card->balance = card->balance + amount;
      LedgerEntry e =
          ledger_entry_for(*card, now, LedgerKind::recharge, amount, actor.name,
                           "deposit for booth session " + std::to_string(s.id), session_ref(s));
      tx.insert_ledger(e);
      CashMovement m;
      m.shift_id = shift->id;
      m.at = now;
      m.amount = amount;
      m.reason = CashReason::deposit;
      m.note = booth->label + ": session " + std::to_string(s.id);
      m.operator_name = actor.name;
      tx.insert_cash_movement(m);
    } else {
      card->credit_limit = amount;
    }
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.session", "card:" + card->number, card_before,
                 audit_json(*card));
    BoothView v = read_view(tx, *booth, shop->currency, now);
    record_audit(tx, actor, now, "booth.open", "booth:" + booth->number, "{}", audit_of(v));
    return v;
  });
}

Result<BoothView> BoothSessionService::close(const Actor& actor, std::string_view number,
                                             const SessionCheckout& settle) {
  if (auto p = require_staff(actor)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<BoothView> {
    auto booth = tx.find_booth(number);
    if (!booth) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
    auto shop = counter_shop(tx, actor, booth->shop);
    if (!shop) return shop.problem();
    auto shift = open_shift_at(tx, actor, *shop);
    if (!shift) return shift.problem();
    // Under the booth account's row lock: a call authorized meanwhile is seen.
    auto st = tx.card_for_call(number, SessionKey{}, now, RowLock::exclusive);
    if (!st) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
    auto session = tx.open_booth_session(st->card.id);
    if (!session)
      return refuse(ErrorCode::failed_precondition, "booth " + booth->number + " is not open");
    if (st->open_calls > 0)
      return refuse(ErrorCode::failed_precondition,
                    "booth " + booth->number +
                        " has a call in progress: it cannot be closed "
                        "until the call ends");
    const BoothView before = read_view(tx, *booth, shop->currency, now);
    Card card = st->card;
    const std::string card_before = audit_json(card);
    // The session's calls, oldest first: what is left to pay, and the unserved ones.
    PaymentInput pay;
    for (const Cdr& cdr : session_calls(tx, *session)) {
      const auto mark = tx.find_call_mark(cdr.id);
      if (!mark)
        pay.calls.push_back(cdr);
      else if (mark->state == CallCounterState::unserved)
        pay.unserved.push_back(cdr);
    }
    pay.shop = &*shop;
    pay.shift = &*shift;
    pay.booth = &*booth;
    pay.session = &*session;
    pay.account = &card;
    pay.extras = settle.extras;
    pay.deposit_taken = session->kind == SessionKind::prepaid ? session->amount : Money();
    pay.method = settle.method;
    pay.tendered = settle.tendered;
    pay.final = true;
    auto checkout = take_payment(tx, actor, now, pay);
    if (!checkout) return checkout.problem();
    session->spent = session_spent(*session, card);
    session->settled = checkout->paid - checkout->deposit_returned;
    session->closed_at = now;
    session->closed_by = actor.name;
    session->closed_in = shift->id;
    if (!card.balance.is_zero()) {
      const Money zeroing = -card.balance;
      card.balance = Money();
      LedgerEntry e = ledger_entry_for(card, now, LedgerKind::adjustment, zeroing, actor.name,
                                       "checkout of booth session " + std::to_string(session->id),
                                       session_ref(*session));
      tx.insert_ledger(e);
    }
    if (checkout->deposit_returned > Money()) {
      CashMovement m;
      m.shift_id = shift->id;
      m.at = now;
      m.amount = -checkout->deposit_returned;
      m.reason = CashReason::refund;
      m.note = booth->label + ": session " + std::to_string(session->id) + ", receipt " +
               std::to_string(checkout->receipt_number);
      m.operator_name = actor.name;
      tx.insert_cash_movement(m);
    }
    card.credit_limit = Money();
    tx.update_card(card);
    tx.close_booth_session(*session);
    record_audit(tx, actor, now, "card.session", "card:" + card.number, card_before,
                 audit_json(card));
    BoothView after = read_view(tx, *booth, shop->currency, now);
    after.session = *session;
    after.spent = *session->spent;
    after.checkout = *checkout;
    record_audit(tx, actor, now, "booth.close", "booth:" + booth->number, audit_of(before),
                 audit_of(after));
    return after;
  });
}

Result<BoothView> BoothSessionService::view(const Actor& actor, std::string_view number) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto booth = tx->find_booth(number);
  if (!booth) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
  if (!may_read_shop(*tx, actor, booth->shop_id)) return not_your_shop(actor, booth->shop);
  auto shop = tx->find_shop(booth->shop_id);
  BoothView v = read_view(*tx, *booth, shop->currency, clock_->now());
  tx->commit();
  return v;
}

Result<std::vector<BoothView>> BoothSessionService::views(const Actor& actor,
                                                          std::string_view shop_name) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  std::optional<ShopId> only;
  if (!shop_name.empty()) {
    auto s = tx->find_shop(shop_name);
    if (!s)
      return refuse(ErrorCode::not_found, "no shop '" + std::string(shop_name) + "'").about("shop");
    if (!may_read_shop(*tx, actor, s->id)) return not_your_shop(actor, shop_name);
    only = s->id;
  } else if (actor.role == Role::operator_) {
    auto op = tx->find_operator(actor.name);
    if (!op || !op->shop_id) return std::vector<BoothView>{};
    only = op->shop_id;
  }
  const Instant now = clock_->now();
  std::vector<BoothView> out;
  for (const auto& b : tx->list_booths(only)) {
    auto s = tx->find_shop(b.shop_id);
    out.push_back(read_view(*tx, b, s->currency, now));
  }
  tx->commit();
  return out;
}

}  // namespace prepaid::billing

// The counter's payments, unserved calls, undos and receipts: one transaction each, under the
// booth account's row lock.
#include "billing/shops/payment_service.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "billing/cards/ledger_entry.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/shops/booth_account.h"
#include "billing/shops/counter_access.h"
#include "billing/shops/counter_payment.h"
#include "billing/shops/session_calls.h"
#include "billing/validation.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;

namespace {

std::string call_name(CdrId id) {
  return "call " + std::to_string(id);
}

std::string mark_audit(const CallMark& m, const Cdr& cdr, const std::string& booth) {
  return nlohmann::json{{"call", m.cdr_id},
                        {"booth", booth},
                        {"session", m.session_id},
                        {"state", to_string(m.state)},
                        {"price", cdr.price.to_string(6)},
                        {"reason", m.reason}}
      .dump();
}

PaymentView view_of(Transaction& tx, const Payment& p) {
  PaymentView v;
  v.payment = p;
  if (auto shop = tx.find_shop(p.shop_id)) {
    v.shop = shop->name;
    v.currency = shop->currency;
  }
  if (auto card = tx.find_card(p.card_id, false)) v.booth = card->number;
  return v;
}

// What `in` would pay, worked out as take_payment() works it out, written nowhere: a payment
// with id 0 and receipt 0.
Result<PaymentView> preview_of(Transaction& tx, const PaymentInput& in, const Actor& actor,
                               Instant now) {
  auto worked = work_out_payment(in);
  if (!worked) return worked.problem();
  return view_of(tx, payment_of(in, *worked, actor, now));
}

// The refusal of a mark already on a call (paid or unserved).
Problem already_marked(const CallMark& m) {
  if (m.state == CallCounterState::paid)
    return refuse(ErrorCode::failed_precondition,
                  call_name(m.cdr_id) + " is already paid (payment " +
                      std::to_string(m.payment_id.value_or(0)) + ")")
        .about("calls");
  return refuse(ErrorCode::failed_precondition,
                call_name(m.cdr_id) + " is unserved: the customer does not pay it")
      .about("calls");
}

// Call `id` as one of `session`'s (the open session of booth `booth`), or why not.
Result<Cdr> session_call(Transaction& tx, const Booth& booth, const BoothSession& session, CdrId id,
                         const char* field) {
  auto cdr = tx.find_cdr(id);
  if (!cdr) return refuse(ErrorCode::not_found, "no " + call_name(id)).about(field);
  if (cdr->card_id != booth.card_id)
    return refuse(ErrorCode::failed_precondition,
                  call_name(id) + " was not made from booth " + booth.number)
        .about(field);
  auto mark = tx.find_call_mark(id);
  if (cdr->recorded_at < session.opened_at || (mark && mark->session_id != session.id))
    return refuse(ErrorCode::failed_precondition, call_name(id) + " is not of booth " +
                                                      booth.number + "'s open session " +
                                                      std::to_string(session.id))
        .about(field);
  return *cdr;
}

std::optional<Problem> check_reason(std::string_view reason) {
  if (reason.empty() || !is_printable(reason, kMaxCounterReasonLength))
    return refuse(ErrorCode::invalid_argument, "a reason is 1 to 255 printable characters")
        .about("reason");
  return std::nullopt;
}

// The booth of a call's account, its session and its locked account, for marks.
struct MarkedCall {
  Cdr cdr;
  Booth booth;
  BoothSession session;
  Card account;
};

Result<MarkedCall> booth_call(Transaction& tx, CdrId id, Instant now) {
  auto cdr = tx.find_cdr(id);
  if (!cdr) return refuse(ErrorCode::not_found, "no " + call_name(id)).about("id");
  auto card = tx.find_card(cdr->card_id, false);
  auto booth = card ? tx.find_booth(card->number) : std::nullopt;
  if (!booth)
    return refuse(ErrorCode::failed_precondition, call_name(id) + " was not made from a booth")
        .about("id");
  auto st = tx.card_for_call(booth->number, SessionKey{}, now, RowLock::exclusive);
  auto session = tx.open_booth_session(booth->card_id);
  if (!st || !session)
    return refuse(ErrorCode::failed_precondition,
                  call_name(id) + ": booth " + booth->number + " has no open session")
        .about("id");
  auto call = session_call(tx, *booth, *session, id, "id");
  if (!call) return call.problem();
  return MarkedCall{*call, *booth, *session, st->card};
}

}  // namespace

PaymentService::PaymentService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                               int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<PaymentView> PaymentService::pay(const Actor& actor, const PayRequest& request) {
  if (auto p = require_staff(actor)) return *p;
  if (request.calls.empty())
    return refuse(ErrorCode::invalid_argument, "name the calls to pay (--calls ID,ID...)")
        .about("calls");
  if (request.calls.size() > kMaxCheckoutCalls)
    return refuse(ErrorCode::invalid_argument,
                  "at most " + std::to_string(kMaxCheckoutCalls) + " calls in one payment")
        .about("calls");
  std::set<CdrId> named;
  for (CdrId id : request.calls)
    if (!named.insert(id).second)
      return refuse(ErrorCode::invalid_argument, call_name(id) + " is named twice").about("calls");
  const Instant now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<PaymentView> {
      auto booth = tx.find_booth(request.booth);
      if (!booth) return refuse(ErrorCode::not_found, "no booth " + request.booth).about("number");
      auto shop = counter_shop(tx, actor, booth->shop);
      if (!shop) return shop.problem();
      auto shift = open_shift_at(tx, actor, *shop);
      if (!shift) return shift.problem();
      // Under the booth account's row lock: payments of this booth are serialised, and a call
      // paid by another counter meanwhile is seen below.
      auto st = tx.card_for_call(booth->number, SessionKey{}, now, RowLock::exclusive);
      if (!st) return refuse(ErrorCode::not_found, "no booth " + request.booth).about("number");
      auto session = tx.open_booth_session(booth->card_id);
      if (!session)
        return refuse(ErrorCode::failed_precondition, "booth " + booth->number + " is not open");
      if (st->open_calls > 0)
        return refuse(
            ErrorCode::failed_precondition,
            "booth " + booth->number + " has a call in progress: pay its calls once it has ended");
      PaymentInput in;
      for (CdrId id : request.calls) {
        auto call = session_call(tx, *booth, *session, id, "calls");
        if (!call) return call.problem();
        if (auto m = tx.find_call_mark(id)) return already_marked(*m);
        in.calls.push_back(*call);
      }
      Card account = st->card;
      in.shop = &*shop;
      in.shift = &*shift;
      in.booth = &*booth;
      in.session = &*session;
      in.account = &account;
      in.extras = request.extras;
      in.method = request.method;
      in.tendered = request.tendered;
      if (request.preview) return preview_of(tx, in, actor, now);
      auto p = take_payment(tx, actor, now, in);
      if (!p) return p.problem();
      return view_of(tx, *p);
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::failed_precondition,
                  "a call named was paid or marked at another counter meanwhile")
        .about("calls");
  }
}

Result<CallMark> PaymentService::mark_unserved(const Actor& actor, CdrId id,
                                               std::string_view reason) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_reason(reason)) return *p;
  const Instant now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<CallMark> {
      auto cdr = tx.find_cdr(id);
      if (!cdr) return refuse(ErrorCode::not_found, "no " + call_name(id)).about("id");
      auto card = tx.find_card(cdr->card_id, false);
      auto booth = card ? tx.find_booth(card->number) : std::nullopt;
      if (!booth)
        return refuse(ErrorCode::failed_precondition, call_name(id) + " was not made from a booth")
            .about("id");
      auto shop = counter_shop(tx, actor, booth->shop);
      if (!shop) return shop.problem();
      if (auto shift = open_shift_at(tx, actor, *shop); !shift) return shift.problem();
      auto call = booth_call(tx, id, now);
      if (!call) return call.problem();
      if (auto m = tx.find_call_mark(id)) return already_marked(*m).about("id");
      CallMark m;
      m.cdr_id = id;
      m.session_id = call->session.id;
      m.state = CallCounterState::unserved;
      m.reason = std::string(reason);
      m.at = now;
      m.operator_name = actor.name;
      tx.insert_call_mark(m);
      if (!call->cdr.price.is_zero())
        book_on_booth_account(tx, actor, now, call->account, call->cdr.price, LedgerKind::refund,
                              "unserved call: " + m.reason, "cdr:" + std::to_string(id));
      record_audit(tx, actor, now, "call.unserved", "cdr:" + std::to_string(id), "{}",
                   mark_audit(m, call->cdr, call->booth.number));
      return m;
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::failed_precondition,
                  call_name(id) + " was paid or marked at another counter meanwhile")
        .about("id");
  }
}

Result<CallMark> PaymentService::undo_unserved(const Actor& actor, CdrId id,
                                               std::string_view reason) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_reason(reason)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<CallMark> {
    auto call = booth_call(tx, id, now);
    if (!call) return call.problem();
    const std::optional<CallMark> mark = tx.find_call_mark(id);
    if (!mark || mark->state != CallCounterState::unserved)
      return refuse(ErrorCode::failed_precondition, call_name(id) + " is not unserved").about("id");
    tx.delete_call_mark(id);
    if (!call->cdr.price.is_zero())
      book_on_booth_account(tx, actor, now, call->account, -call->cdr.price, LedgerKind::adjustment,
                            "served after all: " + std::string(reason),
                            "cdr:" + std::to_string(id));
    CallMark after = *mark;
    after.state = CallCounterState::unpaid;
    after.reason = std::string(reason);
    after.at = now;
    after.operator_name = actor.name;
    record_audit(tx, actor, now, "call.unserved_undo", "cdr:" + std::to_string(id),
                 mark_audit(*mark, call->cdr, call->booth.number),
                 mark_audit(after, call->cdr, call->booth.number));
    return after;
  });
}

Result<PaymentView> PaymentService::undo(const Actor& actor, PaymentId id,
                                         std::string_view reason) {
  if (auto p = require_admin(actor)) return *p;
  if (id < 1) return refuse(ErrorCode::invalid_argument, "a payment id is >= 1").about("id");
  if (auto p = check_reason(reason)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<PaymentView> {
    auto p = tx.find_payment(id);
    if (!p) return refuse(ErrorCode::not_found, "no payment " + std::to_string(id));
    const std::string name = "payment " + std::to_string(id);
    if (p->undone()) return refuse(ErrorCode::failed_precondition, name + " is already undone");
    if (p->final)
      return refuse(ErrorCode::failed_precondition,
                    name + " is its session's checkout: the session is closed");
    auto session = tx.find_booth_session(p->session_id);
    if (!session || !session->open())
      return refuse(ErrorCode::failed_precondition,
                    name + "'s booth session " + std::to_string(p->session_id) + " is closed");
    auto shift = tx.find_shift(p->shift_id, RowLock::exclusive);
    if (!shift || !shift->open())
      return refuse(
          ErrorCode::failed_precondition,
          name + "'s shift " + std::to_string(p->shift_id) + " is closed: its till was counted");
    auto card = tx.find_card(p->card_id, false);
    auto st =
        card ? tx.card_for_call(card->number, SessionKey{}, now, RowLock::exclusive) : std::nullopt;
    if (!st) throw StoreError("payment " + std::to_string(id) + " has no booth account");
    const PaymentView before = view_of(tx, *p);
    tx.delete_call_marks_of_payment(id);
    const std::string ref = "payment:" + std::to_string(id);
    if (!p->calls_total.is_zero()) {
      Card account = st->card;
      book_on_booth_account(tx, actor, now, account, -p->calls_total, LedgerKind::adjustment,
                            name + " undone: " + std::string(reason), ref);
    }
    if (p->method == PaymentMethod::cash && p->paid > Money()) {
      CashMovement m;
      m.shift_id = p->shift_id;
      m.at = now;
      m.amount = -p->paid;
      m.reason = CashReason::refund;
      m.note = "receipt " + std::to_string(p->receipt_number) + " undone";
      m.operator_name = actor.name;
      tx.insert_cash_movement(m);
    }
    p->undone_at = now;
    p->undone_by = actor.name;
    p->undo_reason = std::string(reason);
    tx.mark_payment_undone(*p);
    const auto audit_of = [](const PaymentView& v) {
      return nlohmann::json{{"id", v.payment.id},
                            {"receipt", v.payment.receipt_number},
                            {"shop", v.shop},
                            {"paid", v.payment.paid.to_string(6)},
                            {"undone", v.payment.undone()},
                            {"undo_reason", v.payment.undo_reason}}
          .dump();
    };
    PaymentView after = view_of(tx, *p);
    record_audit(tx, actor, now, "payment.undo", ref, audit_of(before), audit_of(after));
    return after;
  });
}

Result<std::vector<PaymentView>> PaymentService::list(const Actor& actor, const PaymentQuery& query,
                                                      const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  PaymentFilter filter;
  filter.shift = query.shift;
  if (!query.shop.empty()) {
    auto shop = tx->find_shop(query.shop);
    if (!shop) return refuse(ErrorCode::not_found, "no shop '" + query.shop + "'").about("shop");
    if (!may_read_shop(*tx, actor, shop->id)) return not_your_shop(actor, query.shop);
    filter.shop = shop->id;
  } else if (actor.role == Role::operator_) {
    auto op = tx->find_operator(actor.name);
    if (!op || !op->shop_id) return std::vector<PaymentView>{};
    filter.shop = op->shop_id;
  }
  std::vector<PaymentView> out;
  for (const Payment& p : tx->list_payments(filter, page)) out.push_back(view_of(*tx, p));
  tx->commit();
  return out;
}

Result<BoothSessionCalls> PaymentService::session_calls(const Actor& actor,
                                                        std::string_view number) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto booth = tx->find_booth(number);
  if (!booth)
    return refuse(ErrorCode::not_found, "no booth " + std::string(number)).about("number");
  if (!may_read_shop(*tx, actor, booth->shop_id)) return not_your_shop(actor, booth->shop);
  BoothSessionCalls out;
  out.booth = booth->number;
  if (auto shop = tx->find_shop(booth->shop_id)) out.currency = shop->currency;
  if (auto session = tx->open_booth_session(booth->card_id)) {
    out.session = session->id;
    std::map<CdrId, CallMark> marks;
    for (CallMark& m : tx->call_marks_of_session(session->id)) marks[m.cdr_id] = std::move(m);
    for (Cdr& cdr : billing::session_calls(*tx, *session)) {
      SessionCall c;
      c.cdr = std::move(cdr);
      if (auto it = marks.find(c.cdr.id); it != marks.end()) {
        c.state = it->second.state;
        c.payment = it->second.payment_id;
        c.reason = it->second.reason;
      }
      out.calls.push_back(std::move(c));
    }
  }
  tx->commit();
  return out;
}

Result<PaymentView> PaymentService::receipt(const Actor& actor, std::string_view shop_name,
                                            std::uint64_t number) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto shop = tx->find_shop(shop_name);
  if (!shop)
    return refuse(ErrorCode::not_found, "no shop '" + std::string(shop_name) + "'").about("shop");
  if (!may_read_shop(*tx, actor, shop->id)) return not_your_shop(actor, shop_name);
  auto p = tx->find_receipt(shop->id, number);
  if (!p)
    return refuse(ErrorCode::not_found,
                  "shop '" + shop->name + "' has no receipt " + std::to_string(number));
  PaymentView v = view_of(*tx, *p);
  tx->commit();
  return v;
}

}  // namespace prepaid::billing

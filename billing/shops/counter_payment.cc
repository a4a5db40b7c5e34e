// take_payment: the checkout worked out, the receipt numbered and rendered, the payment and
// its calls' marks, cash and ledger rows written in the caller's transaction.
#include "billing/shops/counter_payment.h"

#include <nlohmann/json.hpp>

#include "billing/cards/ledger_entry.h"
#include "billing/counter/receipt.h"
#include "billing/counter/receipt_json.h"
#include "billing/counter/receipt_text.h"
#include "billing/operators/audit_log.h"
#include "billing/shops/booth_account.h"
#include "rating/currency.h"

namespace prepaid::billing {

using rating::Money;

namespace {

// A call as the receipt shows it: the number in international form when it was rated.
ReceiptCall receipt_call(const Cdr& cdr, bool unserved) {
  ReceiptCall c;
  c.start = cdr.call_at;
  c.number = cdr.digits.empty() ? cdr.called : "+" + cdr.digits;
  c.destination = cdr.destination;
  c.duration_s = cdr.duration_s;
  c.price = unserved ? Money() : cdr.price;
  c.unserved = unserved;
  return c;
}

std::string audit_of(const Payment& p, const std::string& currency) {
  nlohmann::json calls = nlohmann::json::array();
  return nlohmann::json{{"id", p.id},
                        {"receipt", p.receipt_number},
                        {"shift", p.shift_id},
                        {"session", p.session_id},
                        {"method", to_string(p.method)},
                        {"calls", p.call_count},
                        {"total", p.total.to_string(6)},
                        {"paid", p.paid.to_string(6)},
                        {"change", p.change.to_string(6)},
                        {"currency", currency},
                        {"final", p.final}}
      .dump();
}

}  // namespace

Result<Checkout> work_out_payment(const PaymentInput& in) {
  const auto currency = rating::Currency::from_code(in.shop->currency);
  if (!currency) throw StoreError("shop " + in.shop->name + " has no known currency");
  auto rounding = CashRounding::make(*currency, in.shop->rounding_step, in.shop->rounding);
  if (!rounding) return rounding.problem();

  CheckoutRequest request{*rounding};
  for (const Cdr& cdr : in.calls) request.call_prices.push_back(cdr.price);
  request.call_prices.insert(request.call_prices.end(), in.unserved.size(), Money());
  request.extras = in.extras;
  request.deposit_taken = in.deposit_taken;
  request.method = in.method;
  if (in.tendered) {
    request.tendered = *in.tendered;
  } else {
    // Exactly what remains to pay: the same checkout in cash with more than enough tendered
    // (10^12 units: whole minor units of any currency) says what it is.
    CheckoutRequest probe = request;
    probe.method = PaymentMethod::cash;
    probe.tendered = Money::from_micros(1'000'000'000'000'000'000);
    auto due = checkout(probe);
    if (!due) return due.problem();
    request.tendered = due->to_pay;
  }
  return checkout(request);
}

Payment payment_of(const PaymentInput& in, const Checkout& c, const Actor& actor,
                   rating::Instant now) {
  Payment p;
  p.shop_id = in.shop->id;
  p.shift_id = in.shift->id;
  p.session_id = in.session->id;
  p.card_id = in.account->id;
  p.at = now;
  p.operator_name = actor.name;
  p.method = c.method;
  p.calls_total = c.calls_total;
  p.extras_total = c.extras_total;
  p.rounding = c.rounding;
  p.total = c.total;
  p.deposit_applied = c.deposit_applied;
  p.deposit_returned = c.deposit_returned;
  p.tendered = c.tendered;
  p.paid = c.paid;
  p.change = c.change;
  p.call_count = static_cast<std::uint32_t>(in.calls.size());
  p.final = in.final;
  return p;
}

Result<Payment> take_payment(Transaction& tx, const Actor& actor, rating::Instant now,
                             const PaymentInput& in) {
  auto worked = work_out_payment(in);
  if (!worked) return worked.problem();
  const Checkout& c = *worked;
  std::vector<ReceiptCall> lines;
  for (const Cdr& cdr : in.calls) lines.push_back(receipt_call(cdr, false));
  for (const Cdr& cdr : in.unserved) lines.push_back(receipt_call(cdr, true));

  ReceiptHead head;
  head.header_lines = in.shop->receipt_header;
  head.shop = in.shop->name;
  head.booth = in.booth->label;
  head.operator_name = actor.name;
  head.number = tx.next_receipt_number(in.shop->id);
  if (auto zone = rating::TimeZone::locate(in.shop->time_zone)) head.zone = *zone;
  head.session_start = in.session->opened_at;
  head.session_end = now;
  auto receipt = make_receipt(head, lines, c);
  if (!receipt) return receipt.problem();

  Payment p = payment_of(in, c, actor, now);
  p.receipt_number = head.number;
  p.receipt_json = receipt_json(*receipt);
  p.receipt_text_40 = receipt_text(*receipt, ReceiptTextOptions{40}).value();
  p.receipt_text_48 = receipt_text(*receipt, ReceiptTextOptions{48}).value();
  tx.insert_payment(p);

  for (const Cdr& cdr : in.calls) {
    CallMark m;
    m.cdr_id = cdr.id;
    m.session_id = in.session->id;
    m.state = CallCounterState::paid;
    m.payment_id = p.id;
    m.at = now;
    m.operator_name = actor.name;
    tx.insert_call_mark(m);
  }
  const std::string ref = "payment:" + std::to_string(p.id);
  if (!in.final && !c.calls_total.is_zero()) {
    // Paid before the checkout: the session may spend what its calls cost again.
    book_on_booth_account(tx, actor, now, *in.account, c.calls_total, LedgerKind::recharge,
                          "calls paid at the counter, receipt " + std::to_string(p.receipt_number),
                          ref);
  }
  if (c.method == PaymentMethod::cash && c.paid > Money()) {
    CashMovement m;
    m.shift_id = in.shift->id;
    m.at = now;
    m.amount = c.paid;
    m.reason = CashReason::payment;
    m.note = in.booth->label + ": receipt " + std::to_string(p.receipt_number);
    m.operator_name = actor.name;
    tx.insert_cash_movement(m);
  }
  record_audit(tx, actor, now, "payment.take", ref, "{}", audit_of(p, in.shop->currency));
  return p;
}

}  // namespace prepaid::billing

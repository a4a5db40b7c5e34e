#include "billing/shops/shift_counter.h"

#include "billing/shops/session_calls.h"

namespace prepaid::billing {

namespace {

void add(CallTally& t, const Cdr& cdr) {
  ++t.count;
  t.seconds += cdr.duration_s;
  t.amount += cdr.price;
}

}  // namespace

ShiftCounter make_shift_counter(const std::vector<std::pair<Cdr, CallCounterState>>& calls,
                                const std::vector<Payment>& payments) {
  ShiftCounter c;
  for (const auto& [cdr, state] : calls) {
    add(c.calls, cdr);
    switch (state) {
      case CallCounterState::paid:
        add(c.paid, cdr);
        break;
      case CallCounterState::unserved:
        add(c.unserved, cdr);
        break;
      case CallCounterState::unpaid:
        add(c.unpaid, cdr);
        break;
    }
  }
  for (const Payment& p : payments) {
    if (p.method == PaymentMethod::cash) {
      // Cash that went through the till, undone or not (an undo gives it back as cash out).
      c.cash_tendered += p.tendered;
      c.change += p.change;
    }
    if (p.undone()) {
      ++c.undone;
      continue;
    }
    ++c.payments;
    c.revenue += p.total;
    c.extras += p.extras_total;
    c.rounding += p.rounding;
    c.deposits += p.deposit_applied;
    if (p.method == PaymentMethod::cash)
      c.cash += p.paid;
    else
      c.card += p.paid;
  }
  return c;
}

ShiftCounter read_shift_counter(Transaction& tx, const Shift& shift) {
  std::vector<std::pair<Cdr, CallCounterState>> calls;
  for (const BoothSession& s : tx.booth_sessions_of_shift(shift.id)) {
    for (Cdr& cdr : session_calls(tx, s)) {
      const auto mark = tx.find_call_mark(cdr.id);
      calls.emplace_back(std::move(cdr), mark ? mark->state : CallCounterState::unpaid);
    }
  }
  PaymentFilter filter;
  filter.shift = shift.id;
  return make_shift_counter(calls, tx.list_payments(filter, Page{0, 10000}));
}

}  // namespace prepaid::billing

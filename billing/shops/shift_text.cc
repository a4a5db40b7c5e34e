#include "billing/shops/shift_text.h"

#include "billing/counter/column_printer.h"
#include "billing/counter/receipt.h"
#include "rating/currency.h"

namespace prepaid::billing {

Result<std::string> shift_report_text(const ShiftReport& report, const rating::TimeZone& zone,
                                      std::size_t width) {
  if (width != 40 && width != 48)
    return refuse(ErrorCode::invalid_argument,
                  "a report is printed 40 or 48 columns wide, not " + std::to_string(width))
        .about("width");
  const Shift& s = report.shift;
  const ShiftCounter& c = report.counter;
  const auto currency = rating::Currency::from_code(s.currency);
  const int digits = currency ? currency->minor_unit_digits() : 2;
  const auto money = [&](rating::Money m) { return m.to_string(digits); };
  const auto calls = [&](const CallTally& t) {
    return std::to_string(t.count) + "  " + money(t.amount);
  };

  ColumnPrinter p(width);
  p.centred("Shift " + std::to_string(s.id));
  p.rule();
  p.line("Shop", s.shop);
  p.line("Operator", s.operator_name);
  p.line("Opened", receipt_time_text(zone, s.opened_at));
  p.line("Closed", s.closed_at ? receipt_time_text(zone, *s.closed_at) : "open");
  p.rule();
  p.line("Calls", std::to_string(c.calls.count));
  p.line("Minutes", duration_text(static_cast<std::uint32_t>(c.calls.seconds)));
  p.line("Calls paid", calls(c.paid));
  p.line("Calls unserved", calls(c.unserved));
  p.line("Calls unpaid", calls(c.unpaid));
  p.rule();
  p.line("Payments", std::to_string(c.payments));
  if (c.undone > 0) p.line("Payments undone", std::to_string(c.undone));
  p.line("Revenue " + s.currency, money(c.revenue));
  p.line("  paid in cash", money(c.cash));
  p.line("  paid by card", money(c.card));
  p.line("  from deposits", money(c.deposits));
  p.line("  of it extras", money(c.extras));
  p.line("  of it rounding", money(c.rounding));
  p.rule();
  // Expected = float + cash in + tendered − change − cash out (cash payments are tendered
  // less change: the movements of reason payment).
  rating::Money payments_in;
  for (const CashMovement& m : report.movements)
    if (m.reason == CashReason::payment) payments_in += m.amount;
  p.line("Opening float", money(s.opening_float));
  p.line("Cash in", money(report.cash_in - payments_in));
  p.line("Cash tendered", money(c.cash_tendered));
  p.line("Change given", money(-c.change));
  p.line("Cash out", money(-report.cash_out));
  p.line("Expected", money(report.expected));
  if (report.counted) {
    p.line("Counted", money(*report.counted));
    p.line("Difference", money(*report.difference));
  }
  return p.take();
}

}  // namespace prepaid::billing

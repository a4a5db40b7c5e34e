#include "billing/counter/receipt_text.h"

#include <string_view>
#include <utility>

#include "billing/counter/column_printer.h"

namespace prepaid::billing {

Result<std::string> receipt_text(const Receipt& receipt, const ReceiptTextOptions& options) {
  if (options.width != 40 && options.width != 48)
    return refuse(ErrorCode::invalid_argument, "a receipt is printed 40 or 48 columns wide, not " +
                                                   std::to_string(options.width))
        .about("width");
  const ReceiptHead& head = receipt.head;
  const Checkout& c = receipt.checkout;
  const int digits = c.currency.minor_unit_digits();
  const auto money = [&](rating::Money m) { return m.to_string(digits); };

  ColumnPrinter p(options.width);
  for (const std::string& header : head.header_lines) p.centred(header);
  p.rule();
  p.line("Receipt No", std::to_string(head.number));
  p.line("Shop", head.shop);
  p.line("Booth", head.booth);
  p.line("Operator", head.operator_name);
  p.line("Start", receipt_time_text(head.zone, head.session_start));
  p.line("End", receipt_time_text(head.zone, head.session_end));
  p.rule();
  for (const ReceiptCall& call : receipt.calls) {
    const std::string number =
        options.visible_digits ? mask_number(call.number, *options.visible_digits) : call.number;
    const std::string time = receipt_time_text(head.zone, call.start).substr(11);
    p.line(time + " " + number, duration_text(call.duration_s));
    p.line("  " + call.destination, money(call.price), call.unserved ? " (unserved)" : "");
  }
  for (const ExtraLine& extra : c.extras) {
    const std::string suffix =
        extra.item.quantity == 1
            ? std::string()
            : " " + std::to_string(extra.item.quantity) + " x " + money(extra.item.unit_price);
    p.line(extra.item.label, money(extra.amount), suffix);
  }
  p.rule();
  if (!c.rounding.is_zero()) {
    p.line("Subtotal", money(c.subtotal));
    p.line("Rounding", money(c.rounding));
  }
  p.line("TOTAL " + std::string(c.currency.code()), money(c.total));
  if (!c.deposit_taken.is_zero()) {
    p.line("Deposit", money(c.deposit_taken));
    if (!c.deposit_returned.is_zero()) p.line("Deposit returned", money(c.deposit_returned));
  }
  p.line("Paid (" + std::string(to_string(c.method)) + ")", money(c.paid));
  if (c.method == PaymentMethod::cash) {
    p.line("Tendered", money(c.tendered));
    p.line("Change", money(c.change));
  }
  return p.take();
}

}  // namespace prepaid::billing

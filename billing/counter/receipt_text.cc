#include "billing/counter/receipt_text.h"

#include <string_view>
#include <utility>

#include "billing/counter/utf8_text.h"

namespace prepaid::billing {
namespace {

class Printer {
 public:
  explicit Printer(std::size_t width) : width_(width) {}

  /// A line centred (cut with "…" when wider than the paper).
  void centred(std::string_view text) {
    const std::string fitted = fit_width(printable_text(text), width_);
    out_ += std::string((width_ - code_points(fitted)) / 2, ' ') + fitted + '\n';
  }
  void rule() { out_ += std::string(width_, '-') + '\n'; }
  /// `left` cut to leave room for `right`, `right` flush with the right edge; `suffix` is kept
  /// whole after `left` (only `left` is cut).
  void line(std::string_view left, std::string_view right, std::string_view suffix = {}) {
    const std::string r = fit_width(printable_text(right), width_ - 2);
    const std::size_t r_len = code_points(r);
    const std::size_t room = width_ - r_len - 1;  // at least 1: r has at most width − 2
    const std::size_t s_len = code_points(suffix);
    const std::string l =
        s_len < room ? fit_width(printable_text(left), room - s_len) + std::string(suffix)
                     : fit_width(printable_text(std::string(left) + std::string(suffix)), room);
    out_ += l + std::string(width_ - code_points(l) - r_len, ' ') + r + '\n';
  }
  std::string take() { return std::move(out_); }

 private:
  std::size_t width_;
  std::string out_;
};

}  // namespace

Result<std::string> receipt_text(const Receipt& receipt, const ReceiptTextOptions& options) {
  if (options.width != 40 && options.width != 48)
    return refuse(ErrorCode::invalid_argument, "a receipt is printed 40 or 48 columns wide, not " +
                                                   std::to_string(options.width))
        .about("width");
  const ReceiptHead& head = receipt.head;
  const Checkout& c = receipt.checkout;
  const int digits = c.currency.minor_unit_digits();
  const auto money = [&](rating::Money m) { return m.to_string(digits); };

  Printer p(options.width);
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

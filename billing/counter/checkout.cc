#include "billing/counter/checkout.h"

#include <algorithm>
#include <string>

#include "billing/counter/utf8_text.h"
#include "billing/enum_names.h"

namespace prepaid::billing {
namespace {

using rating::Money;

constexpr auto kMethodNames = enum_names<PaymentMethod>(std::pair{PaymentMethod::cash, "cash"},
                                                        std::pair{PaymentMethod::card, "card"});

Problem bad(std::string message, std::string field) {
  return refuse(ErrorCode::invalid_argument, std::move(message)).about(std::move(field));
}

/// The refusal of an amount that is negative or finer than the currency's minor unit.
std::optional<Problem> check_amount(Money amount, const rating::Currency& currency,
                                    const std::string& what, const std::string& field) {
  if (amount.is_negative())
    return bad(
        what + " must not be negative (" + amount.to_string(currency.minor_unit_digits()) + ")",
        field);
  if (!currency.holds_exactly(amount))
    return bad(what + " " + amount.to_string(currency.minor_unit_digits()) + " is finer than the " +
                   std::string(currency.code()) + " minor unit (" +
                   currency.minor_unit().to_string(currency.minor_unit_digits()) + ")",
               field);
  return std::nullopt;
}

std::optional<Problem> check_label_text(const std::string& label, const std::string& what) {
  if (label.empty()) return bad(what + " has no label", "extras");
  if (!is_utf8(label)) return bad(what + "'s label is not UTF-8 text", "extras");
  if (has_control_character(label)) return bad(what + "'s label has a control character", "extras");
  if (code_points(label) > kMaxExtraLabelLength)
    return bad(
        what + "'s label is longer than " + std::to_string(kMaxExtraLabelLength) + " characters",
        "extras");
  return std::nullopt;
}

}  // namespace

std::string_view to_string(PaymentMethod method) {
  return kMethodNames.text(method);
}

std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
  return kMethodNames.parse(text);
}

Result<Checkout> checkout(const CheckoutRequest& request) {
  const rating::Currency& currency = request.rounding.currency();
  const std::string code(currency.code());
  if (request.call_prices.size() > kMaxCheckoutCalls)
    return bad("too many calls in one checkout (" + std::to_string(request.call_prices.size()) +
                   ", at most " + std::to_string(kMaxCheckoutCalls) + ")",
               "calls");
  if (request.extras.size() > kMaxExtraItems)
    return bad("too many extra items (" + std::to_string(request.extras.size()) + ", at most " +
                   std::to_string(kMaxExtraItems) + ")",
               "extras");
  for (std::size_t i = 0; i < request.call_prices.size(); ++i)
    if (auto p = check_amount(request.call_prices[i], currency,
                              "the price of call " + std::to_string(i + 1), "calls"))
      return std::move(*p);
  for (std::size_t i = 0; i < request.extras.size(); ++i) {
    const ExtraItem& item = request.extras[i];
    const std::string what = "extra item " + std::to_string(i + 1);
    if (auto p = check_label_text(item.label, what)) return std::move(*p);
    if (auto p = check_amount(item.unit_price, currency, what + "'s unit price", "extras"))
      return std::move(*p);
    if (item.quantity == 0 || item.quantity > kMaxExtraQuantity)
      return bad(what + "'s quantity must be 1.." + std::to_string(kMaxExtraQuantity) + ", not " +
                     std::to_string(item.quantity),
                 "extras");
  }
  if (auto p = check_amount(request.deposit_taken, currency, "the deposit", "deposit"))
    return std::move(*p);
  if (auto p = check_amount(request.tendered, currency, "the amount tendered", "tendered"))
    return std::move(*p);

  Checkout out{.currency = currency};
  try {
    out.call_prices = request.call_prices;
    for (Money price : request.call_prices) out.calls_total += price;
    for (const ExtraItem& item : request.extras) {
      const Money amount = item.unit_price * static_cast<std::int64_t>(item.quantity);
      out.extras.push_back(ExtraLine{item, amount});
      out.extras_total += amount;
    }
    out.subtotal = out.calls_total + out.extras_total;
    const RoundedTotal rounded = request.rounding.apply(out.subtotal);
    out.rounding = rounded.difference;
    out.rounding_method = request.rounding.method();
    out.rounding_step = request.rounding.step();
    out.total = rounded.rounded;
  } catch (const rating::MoneyOverflow&) {
    return bad("the checkout's total is beyond what an amount can hold", "calls");
  }
  out.deposit_taken = request.deposit_taken;
  out.deposit_applied = std::min(request.deposit_taken, out.total);
  out.deposit_returned = request.deposit_taken - out.deposit_applied;
  out.to_pay = out.total - out.deposit_applied;
  out.method = request.method;
  out.tendered = request.tendered;
  const int digits = currency.minor_unit_digits();
  if (request.method == PaymentMethod::cash && request.tendered < out.to_pay)
    return bad("cash tendered " + request.tendered.to_string(digits) + " " + code +
                   " is less than the " + out.to_pay.to_string(digits) + " " + code + " to pay",
               "tendered");
  if (request.method == PaymentMethod::card && request.tendered != out.to_pay)
    return bad("a card pays exactly what is due: " + out.to_pay.to_string(digits) + " " + code +
                   ", not " + request.tendered.to_string(digits) + " " + code,
               "tendered");
  out.paid = out.to_pay;
  out.change = request.tendered - out.paid;
  return out;
}

}  // namespace prepaid::billing

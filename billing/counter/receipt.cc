#include "billing/counter/receipt.h"

#include <cstdio>
#include <utility>

namespace prepaid::billing {

Result<Receipt> make_receipt(ReceiptHead head, std::vector<ReceiptCall> calls, Checkout checkout) {
  if (head.header_lines.size() > kMaxReceiptHeaderLines)
    return refuse(ErrorCode::invalid_argument,
                  "a receipt has at most " + std::to_string(kMaxReceiptHeaderLines) +
                      " header lines, not " + std::to_string(head.header_lines.size()))
        .about("header_lines");
  if (head.session_end < head.session_start)
    return refuse(ErrorCode::invalid_argument, "the session ends before it starts")
        .about("session_end");
  if (calls.size() != checkout.call_prices.size())
    return refuse(ErrorCode::invalid_argument, "the receipt has " + std::to_string(calls.size()) +
                                                   " calls but the checkout priced " +
                                                   std::to_string(checkout.call_prices.size()))
        .about("calls");
  const int digits = checkout.currency.minor_unit_digits();
  for (std::size_t i = 0; i < calls.size(); ++i) {
    if (calls[i].unserved && !calls[i].price.is_zero())
      return refuse(ErrorCode::invalid_argument,
                    "call " + std::to_string(i + 1) + " is unserved: it is on the receipt at 0")
          .about("calls");
    if (calls[i].price != checkout.call_prices[i])
      return refuse(ErrorCode::invalid_argument,
                    "call " + std::to_string(i + 1) + " costs " + calls[i].price.to_string(digits) +
                        " but the checkout charged " + checkout.call_prices[i].to_string(digits))
          .about("calls");
  }
  return Receipt{std::move(head), std::move(calls), std::move(checkout)};
}

std::string receipt_time_text(const rating::TimeZone& zone, rating::Instant at) {
  const rating::LocalTime t = zone.to_local(at);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02u:%02u", t.year, t.month, t.day,
                static_cast<unsigned>(t.second_of_day / 3600),
                static_cast<unsigned>(t.second_of_day / 60 % 60));
  return text;
}

std::string duration_text(std::uint32_t seconds) {
  const std::string ss = std::to_string(seconds % 60);
  return std::to_string(seconds / 60) + ":" + (ss.size() == 1 ? "0" : "") + ss;
}

std::string mask_number(std::string_view number, std::size_t visible_digits) {
  std::string out(number);
  std::size_t seen = 0;
  for (std::size_t i = out.size(); i-- > 0;) {
    if (out[i] < '0' || out[i] > '9') continue;
    if (seen++ >= visible_digits) out[i] = '*';
  }
  return out;
}

}  // namespace prepaid::billing

#include "billing/counter/receipt_json.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace prepaid::billing {
namespace {

using nlohmann::json;

std::string rfc3339(rating::Instant at) {
  const rating::LocalTime t = rating::TimeZone::utc().to_local(at);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02u:%02u:%02uZ", t.year, t.month, t.day,
                static_cast<unsigned>(t.second_of_day / 3600),
                static_cast<unsigned>(t.second_of_day / 60 % 60),
                static_cast<unsigned>(t.second_of_day % 60));
  return text;
}

}  // namespace

std::string receipt_json(const Receipt& receipt, std::optional<std::size_t> visible_digits) {
  const ReceiptHead& h = receipt.head;
  const Checkout& c = receipt.checkout;
  const int digits = c.currency.minor_unit_digits();
  const auto money = [&](rating::Money m) { return m.to_string(digits); };
  json calls = json::array();
  for (const ReceiptCall& call : receipt.calls)
    calls.push_back(
        {{"start", rfc3339(call.start)},
         {"start_local", receipt_time_text(h.zone, call.start)},
         {"number", visible_digits ? mask_number(call.number, *visible_digits) : call.number},
         {"destination", call.destination},
         {"duration_s", call.duration_s},
         {"price", money(call.price)},
         {"unserved", call.unserved}});
  json extras = json::array();
  for (const ExtraLine& e : c.extras)
    extras.push_back({{"label", e.item.label},
                      {"quantity", e.item.quantity},
                      {"unit_price", money(e.item.unit_price)},
                      {"amount", money(e.amount)}});
  const json j = {{"number", h.number},
                  {"header_lines", h.header_lines},
                  {"shop", h.shop},
                  {"booth", h.booth},
                  {"operator", h.operator_name},
                  {"zone", std::string(h.zone.name())},
                  {"start", rfc3339(h.session_start)},
                  {"start_local", receipt_time_text(h.zone, h.session_start)},
                  {"end", rfc3339(h.session_end)},
                  {"end_local", receipt_time_text(h.zone, h.session_end)},
                  {"currency", std::string(c.currency.code())},
                  {"calls", calls},
                  {"extras", extras},
                  {"calls_total", money(c.calls_total)},
                  {"extras_total", money(c.extras_total)},
                  {"subtotal", money(c.subtotal)},
                  {"rounding", money(c.rounding)},
                  {"rounding_step", money(c.rounding_step)},
                  {"rounding_method", std::string(to_string(c.rounding_method))},
                  {"total", money(c.total)},
                  {"deposit", money(c.deposit_taken)},
                  {"deposit_returned", money(c.deposit_returned)},
                  {"to_pay", money(c.to_pay)},
                  {"method", std::string(to_string(c.method))},
                  {"tendered", money(c.tendered)},
                  {"paid", money(c.paid)},
                  {"change", money(c.change)}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace prepaid::billing

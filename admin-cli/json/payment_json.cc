#include "admin-cli/json/payment_json.h"

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {

nlohmann::json payment_json(const billing::PaymentView& v) {
  const billing::Payment& p = v.payment;
  const auto m = [&](rating::Money amount) { return money_text(amount, v.currency); };
  return {{"id", p.id},
          {"receipt", p.receipt_number},
          {"shop", v.shop},
          {"booth", v.booth},
          {"shift", p.shift_id},
          {"session", p.session_id},
          {"at", instant_text(p.at)},
          {"operator", p.operator_name},
          {"method", std::string(to_string(p.method))},
          {"currency", v.currency},
          {"calls", p.call_count},
          {"calls_total", m(p.calls_total)},
          {"extras_total", m(p.extras_total)},
          {"rounding", m(p.rounding)},
          {"total", m(p.total)},
          {"deposit_applied", m(p.deposit_applied)},
          {"deposit_returned", m(p.deposit_returned)},
          {"tendered", m(p.tendered)},
          {"paid", m(p.paid)},
          {"change", m(p.change)},
          {"final", p.final},
          {"undone_at",
           p.undone_at ? nlohmann::json(instant_text(*p.undone_at)) : nlohmann::json(nullptr)},
          {"undone_by", p.undone_by},
          {"undo_reason", p.undo_reason}};
}

nlohmann::json call_mark_json(const billing::CallMark& mark) {
  return {{"call", mark.cdr_id},
          {"session", mark.session_id},
          {"state", std::string(to_string(mark.state))},
          {"payment", mark.payment_id ? nlohmann::json(*mark.payment_id) : nlohmann::json(nullptr)},
          {"reason", mark.reason},
          {"at", instant_text(mark.at)},
          {"operator", mark.operator_name}};
}

}  // namespace prepaid::cli

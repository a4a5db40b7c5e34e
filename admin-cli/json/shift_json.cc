#include "admin-cli/json/shift_json.h"

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {
namespace {

nlohmann::json optional_money(const std::optional<rating::Money>& m, const std::string& currency) {
  return m ? nlohmann::json(money_text(*m, currency)) : nlohmann::json(nullptr);
}

nlohmann::json tally_json(const billing::CallTally& t, const std::string& currency) {
  return {{"count", t.count}, {"seconds", t.seconds}, {"amount", money_text(t.amount, currency)}};
}

nlohmann::json shift_counter_json(const billing::ShiftCounter& k, const std::string& c) {
  return {{"calls", tally_json(k.calls, c)},
          {"paid", tally_json(k.paid, c)},
          {"unserved", tally_json(k.unserved, c)},
          {"unpaid", tally_json(k.unpaid, c)},
          {"payments", k.payments},
          {"undone", k.undone},
          {"revenue", money_text(k.revenue, c)},
          {"cash", money_text(k.cash, c)},
          {"card", money_text(k.card, c)},
          {"deposits", money_text(k.deposits, c)},
          {"extras", money_text(k.extras, c)},
          {"rounding", money_text(k.rounding, c)},
          {"cash_tendered", money_text(k.cash_tendered, c)},
          {"change", money_text(k.change, c)}};
}

}  // namespace

nlohmann::json shift_json(const billing::Shift& s) {
  return {{"id", s.id},
          {"shop", s.shop},
          {"operator", s.operator_name},
          {"currency", s.currency},
          {"opened_at", instant_text(s.opened_at)},
          {"opening_float", money_text(s.opening_float, s.currency)},
          {"closed_at",
           s.closed_at ? nlohmann::json(instant_text(*s.closed_at)) : nlohmann::json(nullptr)},
          {"counted", optional_money(s.counted, s.currency)},
          {"expected", optional_money(s.expected, s.currency)}};
}

nlohmann::json cash_movement_json(const billing::CashMovement& m, const std::string& currency) {
  return {{"id", m.id},
          {"shift", m.shift_id},
          {"at", instant_text(m.at)},
          {"amount", money_text(m.amount, currency)},
          {"currency", currency},
          {"reason", std::string(to_string(m.reason))},
          {"note", m.note},
          {"operator", m.operator_name}};
}

nlohmann::json shift_report_json(const billing::ShiftReport& r) {
  const std::string& c = r.shift.currency;
  nlohmann::json movements = nlohmann::json::array();
  for (const auto& m : r.movements) movements.push_back(cash_movement_json(m, c));
  return {{"shift", shift_json(r.shift)},
          {"currency", c},
          {"opening_float", money_text(r.shift.opening_float, c)},
          {"cash_in", money_text(r.cash_in, c)},
          {"cash_out", money_text(r.cash_out, c)},
          {"expected", money_text(r.expected, c)},
          {"counted", optional_money(r.counted, c)},
          {"difference", optional_money(r.difference, c)},
          {"movements", movements},
          {"counter", shift_counter_json(r.counter, c)}};
}

}  // namespace prepaid::cli

#include "admin-cli/json/shop_json.h"

#include <string>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {

nlohmann::json shop_json(const billing::Shop& s) {
  return {{"name", s.name},
          {"currency", s.currency},
          {"time_zone", s.time_zone},
          {"retail_tariff", s.retail_tariff},
          {"cost_tariff", s.cost_tariff ? nlohmann::json(*s.cost_tariff) : nlohmann::json(nullptr)},
          {"receipt_header", s.receipt_header},
          {"rounding_step", s.rounding_step.to_string(2)},
          {"rounding", std::string(to_string(s.rounding))},
          {"created_at", instant_text(s.created_at)},
          {"updated_at", instant_text(s.updated_at)}};
}

nlohmann::json booth_json(const billing::Booth& b) {
  return {{"number", b.number},
          {"shop", b.shop},
          {"label", b.label},
          {"status", std::string(to_string(b.status))},
          {"created_at", instant_text(b.created_at)}};
}

nlohmann::json booth_view_json(const billing::BoothView& v) {
  nlohmann::json j = booth_json(v.booth);
  j["state"] = std::string(to_string(v.state));
  j["currency"] = v.currency;
  j["open_calls"] = v.open_calls;
  j["upstream_warning"] = v.upstream_warning;
  j["session"] = nullptr;
  if (v.session) {
    const billing::BoothSession& s = *v.session;
    nlohmann::json session = {{"id", s.id},
                              {"kind", std::string(to_string(s.kind))},
                              {"amount", money_text(s.amount, v.currency)},
                              {"opened_at", instant_text(s.opened_at)},
                              {"opened_by", s.opened_by},
                              {"spent", money_text(v.spent, v.currency)},
                              {"available", money_text(v.available, v.currency)}};
    if (s.closed_at) {
      session["closed_at"] = instant_text(*s.closed_at);
      session["closed_by"] = s.closed_by;
      session["settled"] = money_text(s.settled.value_or(rating::Money()), v.currency);
      session["available"] = money_text(rating::Money(), v.currency);
      if (v.checkout) session["receipt"] = v.checkout->receipt_number;
    }
    j["session"] = session;
  }
  return j;
}

nlohmann::json upstream_view_json(const billing::UpstreamView& v) {
  const std::string& c = v.account.currency;
  return {{"shop", v.shop.name},
          {"currency", c},
          {"balance", money_text(v.account.balance, c)},
          {"warn_below", money_text(v.account.warn_below, c)},
          {"held", money_text(v.held, c)},
          {"available", money_text(v.available, c)},
          {"warning", v.warning},
          {"refusing", v.refusing},
          {"updated_at", instant_text(v.account.updated_at)}};
}

}  // namespace prepaid::cli

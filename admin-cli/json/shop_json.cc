#include "admin-cli/json/shop_json.h"

#include <string>

#include "admin-cli/command/instant_text.h"

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

}  // namespace prepaid::cli

#include "billing/operators/audit_json.h"

#include <nlohmann/json.hpp>

namespace prepaid::billing {
namespace {

using nlohmann::json;

json money(rating::Money m) {
  return m.to_string(6);
}
json instant(const std::optional<rating::Instant>& at) {
  if (!at) return nullptr;
  return at->time_since_epoch().count();
}

}  // namespace

std::string audit_json(const Card& c) {
  json j = {{"number", c.number},
            {"pin", kMaskedSecret},
            {"kind", to_string(c.kind)},
            {"status", to_string(c.status)},
            {"currency", c.currency},
            {"tariff", c.tariff},
            {"balance", money(c.balance)},
            {"credit_limit", money(c.credit_limit)},
            {"max_concurrent", c.max_concurrent},
            {"activation", to_string(c.activation)},
            {"validity_days", c.validity_days},
            {"activated_at", instant(c.activated_at)},
            {"last_recharged_at", instant(c.last_recharged_at)},
            {"expires_at", instant(c.expires_at)},
            {"pin_failures", c.pin_failures},
            {"locked_until", instant(c.locked_until)}};
  return j.dump();
}

std::string audit_json(const Batch& b) {
  json j = {{"id", b.id},
            {"card_count", b.card_count},
            {"amount", money(b.amount)},
            {"currency", b.currency},
            {"tariff", b.tariff},
            {"kind", to_string(b.kind)},
            {"activation", to_string(b.activation)},
            {"validity_days", b.validity_days},
            {"note", b.note}};
  return j.dump();
}

std::string audit_json(const Operator& op) {
  json j{{"name", op.name}, {"role", to_string(op.role)}};
  if (op.shop_id) j["shop"] = op.shop;
  return j.dump();
}

std::string audit_json(const Shop& s) {
  return json{{"name", s.name},
              {"currency", s.currency},
              {"time_zone", s.time_zone},
              {"retail_tariff", s.retail_tariff},
              {"cost_tariff", s.cost_tariff ? json(*s.cost_tariff) : json(nullptr)},
              {"receipt_header", s.receipt_header},
              {"rounding_step", money(s.rounding_step)},
              {"rounding", to_string(s.rounding)}}
      .dump();
}

std::string audit_json(const Booth& b) {
  return json{
      {"shop", b.shop}, {"label", b.label}, {"number", b.number}, {"status", to_string(b.status)}}
      .dump();
}

std::string audit_json(const ApiToken& t) {
  return json{{"id", t.id},
              {"operator", t.operator_name},
              {"label", t.label},
              {"token", kMaskedSecret},
              {"revoked_at", instant(t.revoked_at)}}
      .dump();
}

std::string audit_json(const TariffRecord& t) {
  return json{{"name", t.name},
              {"currency", t.currency},
              {"time_zone", t.time_zone},
              {"base_price_list", t.base_price_list},
              {"rounding", std::string(rating::to_string(t.rounding.method))},
              {"rounding_decimals", t.rounding.decimals},
              {"international_prefix", t.international_prefix},
              {"version", t.version}}
      .dump();
}

std::string audit_json(const rating::Rate& r) {
  json j = {
      {"prefix", r.prefix},
      {"destination", r.destination},
      {"rate", money(r.rate)},
      {"rate_unit_s", r.rate_unit_s},
      {"connect_fee", money(r.connect_fee)},
      {"first_increment_s", r.first_increment_s},
      {"increment_s", r.increment_s},
      {"grace_s", r.grace_s},
      {"buy_rate", r.buy_rate ? money(*r.buy_rate) : json(nullptr)},
      {"buy_currency", r.buy_currency ? json(std::string(r.buy_currency->code())) : json(nullptr)}};
  return j.dump();
}

std::string audit_json(const rating::PriceRule& r) {
  return json{{"name", r.name},
              {"price_list", r.price_list},
              {"weekdays", r.weekdays.to_string()},
              {"time", r.time.to_string()},
              {"on_holidays", r.on_holidays},
              {"priority", r.priority}}
      .dump();
}

std::string audit_json(const rating::Holiday& h) {
  return json{{"date", h.date_text()}, {"name", h.name}}.dump();
}

std::string audit_json(const NasClient& n) {
  return json{{"nas", n.nas},
              {"dae_address", n.dae_address},
              {"dae_port", n.dae_port},
              {"secret", kMaskedSecret}}
      .dump();
}

std::string audit_json(const DisconnectAttempt& a) {
  return json{{"nas", a.key.nas},
              {"session_id", a.key.session_id},
              {"card", a.card_number},
              {"reason", to_string(a.reason)},
              {"dae_address", a.dae_address},
              {"dae_port", a.dae_port},
              {"outcome", dynauth::to_string(a.outcome)},
              {"error_cause", a.error_cause ? json(*a.error_cause) : json(nullptr)},
              {"attempts", a.attempts},
              {"detail", a.detail}}
      .dump();
}

}  // namespace prepaid::billing

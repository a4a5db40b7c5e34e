#include "admin-cli/json/quote_json.h"

#include <fmt/format.h>

#include "admin-cli/command/instant_text.h"

namespace prepaid::cli {

QuoteTariff QuoteTariff::of(const rating::Tariff& t) {
  return QuoteTariff{t.name(), t.currency(), t.zone(), t.rounding()};
}

std::optional<QuoteTariff> QuoteTariff::of(const billing::TariffRecord& t) {
  auto currency = rating::Currency::from_code(t.currency);
  auto zone = rating::TimeZone::locate(t.time_zone);
  if (!currency || !zone) return std::nullopt;
  rating::Rounding rounding = t.rounding;
  if (rounding.decimals < 0) rounding.decimals = currency->minor_unit_digits();
  return QuoteTariff{t.name, *currency, *zone, rounding};
}

std::string local_text(const rating::TimeZone& zone, rating::Instant at) {
  const rating::LocalTime l = zone.to_local(at);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", l.year, l.month, l.day,
                     l.second_of_day / 3600, l.second_of_day / 60 % 60, l.second_of_day % 60);
}

nlohmann::json price_quote_json(const QuoteTariff& t, std::string_view number,
                                rating::Instant start, const rating::CallPrice& p) {
  const int decimals = t.currency.minor_unit_digits();
  nlohmann::json spans = nlohmann::json::array();
  for (const auto& s : p.spans) {
    spans.push_back({{"rule", s.rule},
                     {"price_list", s.price_list},
                     {"prefix", s.prefix},
                     {"rate", s.rate.to_string()},
                     {"rate_unit_s", s.rate_unit_s},
                     {"start", instant_text(s.start)},
                     {"start_local", local_text(t.zone, s.start)},
                     {"seconds", s.seconds},
                     {"amount", s.amount.to_string()}});
  }
  nlohmann::json doc = {{"tariff", t.name},
                        {"currency", std::string(t.currency.code())},
                        {"zone", std::string(t.zone.name())},
                        {"number", std::string(number)},
                        {"digits", p.digits},
                        {"destination", p.destination},
                        {"prefix", p.prefix},
                        {"start", instant_text(start)},
                        {"start_local", local_text(t.zone, start)},
                        {"duration_s", p.duration_s},
                        {"billed_s", p.billed_s},
                        {"connect_fee", p.connect_fee.to_string(decimals)},
                        {"spans", spans},
                        {"unrounded", p.unrounded.to_string()},
                        {"rounding",
                         {{"method", std::string(rating::to_string(t.rounding.method))},
                          {"decimals", t.rounding.decimals}}},
                        {"total", p.total.to_string(decimals)}};
  if (p.buy) {
    // In its own currency, which may not be the tariff's: never added to the total.
    doc["buy_cost"] = p.buy->money.to_string(p.buy->currency.minor_unit_digits());
    doc["buy_currency"] = std::string(p.buy->currency.code());
  }
  return doc;
}

nlohmann::json grant_quote_json(const QuoteTariff& t, std::string_view number,
                                rating::Instant start, rating::Money balance, std::uint32_t cap_s,
                                bool default_cap, const rating::Grant& g) {
  const int decimals = t.currency.minor_unit_digits();
  return {{"tariff", t.name},
          {"currency", std::string(t.currency.code())},
          {"zone", std::string(t.zone.name())},
          {"number", std::string(number)},
          {"destination", g.destination},
          {"prefix", g.prefix},
          {"start", instant_text(start)},
          {"start_local", local_text(t.zone, start)},
          {"balance", balance.to_string(decimals)},
          {"cap_s", cap_s},
          {"cap_origin", default_cap ? "server_default" : "requested"},
          {"rounding",
           {{"method", std::string(rating::to_string(t.rounding.method))},
            {"decimals", t.rounding.decimals}}},
          {"granted_s", g.seconds},
          {"limited_by", std::string(rating::to_string(g.limited_by))},
          {"price", g.price.to_string(decimals)}};
}

}  // namespace prepaid::cli

#include "admin-cli/json/tariff_json.h"

#include <string>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {

nlohmann::json tariff_json(const billing::TariffRecord& tariff) {
  return {
      {"name", tariff.name},
      {"currency", tariff.currency},
      {"time_zone", tariff.time_zone},
      {"base_price_list", tariff.base_price_list},
      {"rounding_method", std::string(to_string(tariff.rounding.method))},
      {"rounding_decimals", tariff.rounding.decimals < 0
                                ? nlohmann::json(nullptr)
                                : nlohmann::json(tariff.rounding.decimals)},
      {"international_prefix", tariff.international_prefix},
      {"version", tariff.version},
      {"updated_at", instant_text(tariff.updated_at)},
  };
}

nlohmann::json price_list_json(const billing::PriceListInfo& list) {
  return {{"name", list.name}, {"rates", list.rate_count}};
}

nlohmann::json rate_json(const rating::Rate& rate, std::string_view currency) {
  const std::string buy_currency =
      rate.buy_currency ? std::string(rate.buy_currency->code()) : std::string(currency);
  return {
      {"prefix", rate.prefix},
      {"destination", rate.destination},
      {"rate", money_text(rate.rate, currency)},
      {"rate_unit_s", rate.rate_unit_s},
      {"connect_fee", money_text(rate.connect_fee, currency)},
      {"first_increment_s", rate.first_increment_s},
      {"increment_s", rate.increment_s},
      {"grace_s", rate.grace_s},
      {"buy_rate", rate.buy_rate ? nlohmann::json(money_text(*rate.buy_rate, buy_currency))
                                 : nlohmann::json(nullptr)},
      {"buy_currency", rate.buy_rate ? nlohmann::json(buy_currency) : nlohmann::json(nullptr)},
  };
}

nlohmann::json rule_json(const rating::PriceRule& rule) {
  return {
      {"name", rule.name},
      {"price_list", rule.price_list},
      {"weekdays", rule.weekdays.to_string()},
      {"time", rule.time.to_string()},
      {"on_holidays", rule.on_holidays},
      {"priority", rule.priority},
  };
}

nlohmann::json holiday_json(const rating::Holiday& holiday) {
  return {{"date", holiday.date_text()}, {"name", holiday.name}};
}

}  // namespace prepaid::cli

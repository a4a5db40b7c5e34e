#include "admin-cli/json/call_json.h"

#include <string>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/json/money_text.h"

namespace prepaid::cli {
namespace {

nlohmann::json optional_instant(const std::optional<rating::Instant>& at) {
  return at ? nlohmann::json(instant_text(*at)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json cdr_json(const billing::Cdr& cdr) {
  const auto& c = cdr.currency;
  const std::string& buy_currency = cdr.buy_currency.empty() ? c : cdr.buy_currency;
  return {
      {"id", cdr.id},
      {"card", cdr.card_number},
      {"nas", cdr.key.nas},
      {"session_id", cdr.key.session_id},
      {"calling", cdr.calling},
      {"called", cdr.called},
      {"digits", cdr.digits},
      {"destination", cdr.destination},
      {"prefix", cdr.prefix},
      {"price_list", cdr.price_list},
      {"rule", cdr.rule},
      {"call_at", instant_text(cdr.call_at)},
      {"setup_at", optional_instant(cdr.setup_at)},
      {"connect_at", optional_instant(cdr.connect_at)},
      {"end_at", optional_instant(cdr.end_at)},
      {"duration_s", cdr.duration_s},
      {"billed_s", cdr.billed_s},
      {"price", money_text(cdr.price, c)},
      {"currency", c},
      {"rate", money_text(cdr.rate, c)},
      {"rate_unit_s", cdr.rate_unit_s},
      {"connect_fee", money_text(cdr.connect_fee, c)},
      {"buy_cost", cdr.buy_cost ? nlohmann::json(money_text(*cdr.buy_cost, buy_currency))
                                : nlohmann::json(nullptr)},
      {"buy_currency", cdr.buy_cost ? nlohmann::json(buy_currency) : nlohmann::json(nullptr)},
      {"rating_detail", cdr.rating_detail},
      {"tariff", cdr.tariff},
      {"tariff_version", cdr.tariff_version},
      {"from_snapshot", cdr.from_snapshot},
      {"disconnect_cause", cdr.disconnect_cause},
      {"review", cdr.review},
      {"unbilled", money_text(cdr.unbilled, c)},
      {"recorded_at", instant_text(cdr.recorded_at)},
  };
}

nlohmann::json online_session_json(const billing::OnlineSession& session) {
  const auto& r = session.reservation;
  return {
      {"card", r.card_number},
      {"nas", r.key.nas},
      {"session_id", r.key.session_id},
      {"calling", r.calling},
      {"called", r.called},
      {"digits", r.digits},
      {"destination", r.destination},
      {"state", std::string(to_string(r.state))},
      {"granted_s", r.granted_s},
      {"reserved", money_text(r.amount, r.currency)},
      {"currency", r.currency},
      {"tariff", r.tariff},
      {"created_at", instant_text(r.created_at)},
      {"started_at", optional_instant(r.started_at)},
      {"expires_at", instant_text(r.expires_at)},
      {"usage_s", r.usage_s},
      {"up_s", session.up_s},
  };
}

}  // namespace prepaid::cli

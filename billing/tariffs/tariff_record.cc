#include "billing/tariffs/tariff_record.h"

#include "rating/currency.h"
#include "rating/number_plan.h"
#include "rating/rate_deck.h"

namespace prepaid::billing {

TariffBuild build_tariff(const TariffContent& content) {
  TariffBuild out;
  const TariffRecord& h = content.header;
  auto currency = rating::Currency::from_code(h.currency);
  if (!currency) out.problems.push_back("unknown currency '" + h.currency + "'");
  auto zone = rating::TimeZone::locate(h.time_zone);
  if (!zone) out.problems.push_back("unknown time zone '" + h.time_zone + "'");
  if (!out.problems.empty()) return out;

  auto tariff = std::make_shared<rating::Tariff>(h.name, *currency, *zone, h.base_price_list);
  tariff->set_rounding(h.rounding);
  tariff->set_number_plan(rating::NumberPlan{h.international_prefix});
  for (const TariffContent::List& list : content.lists) {
    rating::RateDeck deck(list.name);
    for (const rating::Rate& rate : list.rates)
      if (!deck.add(rate))
        out.problems.push_back("price list '" + list.name + "': duplicate prefix " + rate.prefix);
    tariff->add_price_list(std::make_shared<const rating::RateDeck>(std::move(deck)));
  }
  for (const rating::PriceRule& rule : content.rules) tariff->add_rule(rule);
  for (const rating::Holiday& holiday : content.holidays) tariff->add_holiday(holiday);
  for (std::string& p : tariff->validate()) out.problems.push_back(std::move(p));
  if (out.problems.empty()) out.tariff = std::move(tariff);
  return out;
}

}  // namespace prepaid::billing

#include "rating/tariff.h"

#include <algorithm>
#include <set>

namespace prepaid::rating {

Tariff::Tariff(std::string name, Currency currency, TimeZone zone, std::string base_price_list)
    : name_(std::move(name)), currency_(currency), zone_(zone), base_(std::move(base_price_list)) {}

Rounding Tariff::rounding() const {
  Rounding r = rounding_;
  if (r.decimals < 0) r.decimals = std::min(currency_.minor_unit_digits(), 6);
  return r;
}

void Tariff::add_price_list(std::shared_ptr<const RateDeck> deck) {
  std::string name = deck->name();
  lists_[std::move(name)] = std::move(deck);
}

void Tariff::add_rule(PriceRule rule) {
  rules_.push_back(std::move(rule));
  // Time-of-day edges at which some rule may start or stop; midnight is always one.
  std::set<std::uint32_t> edges;
  for (const PriceRule& r : rules_) {
    if (r.time.whole_day()) continue;
    for (std::uint32_t edge : {r.time.from_s, r.time.to_s}) {
      if (edge > 0 && edge < 86400) edges.insert(edge);
    }
  }
  boundaries_s_.assign(edges.begin(), edges.end());
}

void Tariff::add_holiday(Holiday holiday) {
  holidays_.push_back(std::move(holiday));
}

const RateDeck* Tariff::price_list(std::string_view name) const {
  auto it = lists_.find(name);
  return it == lists_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Tariff::validate() const {
  std::vector<std::string> problems;
  if (price_list(base_) == nullptr) {
    problems.push_back("base price list \"" + base_ + "\" is not defined");
  }
  std::set<std::string_view> names;
  for (const PriceRule& r : rules_) {
    if (r.name.empty()) problems.push_back("a rule has no name");
    if (!names.insert(r.name).second) problems.push_back("rule \"" + r.name + "\" defined twice");
    if (price_list(r.price_list) == nullptr) {
      problems.push_back("rule \"" + r.name + "\" names price list \"" + r.price_list +
                         "\", which is not defined");
    }
    if (r.time.from_s >= 86400 || r.time.to_s > 86400) {
      problems.push_back("rule \"" + r.name + "\" has a time range outside the day");
    }
  }
  for (const auto& [name, deck] : lists_) {
    for (const Rate& r : deck->rates()) {
      if (r.rate_unit_s == 0 || r.first_increment_s == 0 || r.increment_s == 0) {
        problems.push_back("price list \"" + name + "\", prefix " + r.prefix +
                           ": rate_unit, first_increment and increment must be at least 1");
      } else if (r.rate.is_negative() || r.connect_fee.is_negative() ||
                 (r.buy_rate && r.buy_rate->is_negative())) {
        problems.push_back("price list \"" + name + "\", prefix " + r.prefix +
                           ": amounts must not be negative");
      } else if (r.buy_currency && !r.buy_rate) {
        problems.push_back("price list \"" + name + "\", prefix " + r.prefix +
                           ": a buy currency without a buy rate");
      }
    }
  }
  if (rounding_.decimals < -1 || rounding_.decimals > 6) {
    problems.push_back("rounding decimals must be 0..6, not " + std::to_string(rounding_.decimals));
  }
  return problems;
}

Tariff::RuleSegment Tariff::rule_segment(Instant at) const {
  LocalTime local = zone_.to_local(at);
  bool holiday = false;
  for (const Holiday& h : holidays_) {
    if (h.falls_on(local.year, local.month, local.day)) {
      holiday = true;
      break;
    }
  }
  const PriceRule* best = nullptr;
  for (const PriceRule& r : rules_) {
    bool in_force = r.on_holidays ? holiday : r.weekdays.contains(local.weekday);
    if (!in_force || !r.time.contains(local.second_of_day)) continue;
    // Holiday rules beat weekday rules, then the higher priority, then the first defined.
    if (best == nullptr || (r.on_holidays && !best->on_holidays) ||
        (r.on_holidays == best->on_holidays && r.priority > best->priority)) {
      best = &r;
    }
  }
  // Next local edge (or midnight), reached by plain arithmetic: within one UTC-offset period
  // local time advances with UTC, and the period's end is itself a candidate. Nonexistent and
  // repeated local times never need to be resolved.
  auto next = std::upper_bound(boundaries_s_.begin(), boundaries_s_.end(), local.second_of_day);
  std::uint32_t edge = next == boundaries_s_.end() ? 86400 : *next;
  Instant until = at + std::chrono::seconds(edge - local.second_of_day);
  return {best, std::min(until, local.offset_valid_until)};
}

const PriceRule* Tariff::rule_at(Instant at) const {
  return rule_segment(at).rule;
}

Instant Tariff::next_rule_change(Instant at) const {
  return rule_segment(at).until;
}

const Rate* Tariff::rate_for(std::string_view digits, const PriceRule* rule) const {
  if (rule != nullptr) {
    if (const RateDeck* list = price_list(rule->price_list)) {
      if (const Rate* r = list->match(digits)) return r;
    }
  }
  const RateDeck* base = price_list(base_);
  return base == nullptr ? nullptr : base->match(digits);
}

Tariff Tariff::restricted_to(std::string_view digits) const {
  Tariff out = *this;
  for (auto& [name, deck] : out.lists_) {
    auto small = std::make_shared<RateDeck>(name);
    if (const Rate* r = deck->match(digits)) small->add(*r);
    deck = std::move(small);
  }
  return out;
}

}  // namespace prepaid::rating

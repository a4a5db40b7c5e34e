#pragma once
/// @file tariff.h
/// @brief Tariff: a base price list, price rules, holidays, a time zone, a currency and a
/// rounding rule. What price_call() and max_duration() price against.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rating/currency.h"
#include "rating/number_plan.h"
#include "rating/price_rule.h"
#include "rating/rate_deck.h"
#include "rating/rounding.h"
#include "rating/time_zone.h"

namespace prepaid::rating {

/// @brief A complete, immutable-in-use price plan. Build it, call validate(), then share it
/// between threads as std::shared_ptr<const Tariff>.
class Tariff {
 public:
  Tariff(std::string name, Currency currency, TimeZone zone, std::string base_price_list);

  const std::string& name() const { return name_; }
  const Currency& currency() const { return currency_; }
  const TimeZone& zone() const { return zone_; }
  const std::string& base_price_list() const { return base_; }
  /// The effective rounding: decimals resolved to the currency's minor unit when -1.
  Rounding rounding() const;
  const NumberPlan& number_plan() const { return numbers_; }

  void set_rounding(Rounding rounding) { rounding_ = rounding; }
  void set_number_plan(NumberPlan plan) { numbers_ = std::move(plan); }
  /// Adds or replaces the price list of that name.
  void add_price_list(std::shared_ptr<const RateDeck> deck);
  void add_rule(PriceRule rule);
  void add_holiday(Holiday holiday);

  const RateDeck* price_list(std::string_view name) const;
  const std::map<std::string, std::shared_ptr<const RateDeck>, std::less<>>& price_lists() const {
    return lists_;
  }
  const std::vector<PriceRule>& rules() const { return rules_; }
  const std::vector<Holiday>& holidays() const { return holidays_; }

  /// Problems that make the tariff unusable: a missing base list, a rule naming a missing list,
  /// duplicate rule names, rounding decimals outside 0..6, rates with a zero rate unit or
  /// increment or a negative amount. Empty when usable.
  std::vector<std::string> validate() const;

  /// The rule in force at an instant; nullptr means the base price list.
  const PriceRule* rule_at(Instant at) const;

  /// The rule in force at `at` and the first instant after it at which that may change:
  /// rule_at(at) and next_rule_change(at) from a single time-zone lookup.
  struct RuleSegment {
    const PriceRule* rule;  ///< nullptr: the base price list
    Instant until;          ///< == next_rule_change(at)
  };
  RuleSegment rule_segment(Instant at) const;
  /// The first instant after `at` at which rule_at() may change: the next boundary of some
  /// rule's time range, the next local midnight, or the next UTC offset change, whichever
  /// comes first. Between `at` and that instant the rule in force is constant.
  Instant next_rule_change(Instant at) const;

  /// The rate for normalised digits under a rule (nullptr rule = base): the rule's list when it
  /// has the destination, else the base list; nullptr when neither has it.
  const Rate* rate_for(std::string_view digits, const PriceRule* rule) const;

  /// A copy whose price lists hold only the rates that can apply to `digits` (at most one per
  /// list). What a reservation keeps, so that a call in progress keeps the price it was
  /// granted even if the decks are replaced meanwhile.
  Tariff restricted_to(std::string_view digits) const;

 private:
  std::string name_;
  Currency currency_;
  TimeZone zone_;
  std::string base_;
  Rounding rounding_;
  NumberPlan numbers_;
  std::map<std::string, std::shared_ptr<const RateDeck>, std::less<>> lists_;
  std::vector<PriceRule> rules_;
  std::vector<Holiday> holidays_;
  std::vector<std::uint32_t> boundaries_s_;  // sorted distinct rule range edges, seconds of day
};

}  // namespace prepaid::rating

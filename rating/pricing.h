#pragma once
/// @file pricing.h
/// @brief price_call() and its exact inverse max_duration().
///
/// Billing model (per Rate): a call of d seconds has billed duration 0 when unanswered (d = 0)
/// or within grace (d <= grace_s); otherwise first_increment_s, then whole increment_s blocks
/// until d is covered. The rate entry that matches at the call's start decides the billing
/// structure (grace, first increment, increment, connect fee); each block is then priced by
/// the rule in force at the block's own start instant (its rate and rate_unit_s, from the
/// rule's price list or the base list). A call that starts at 17:58 and lasts five minutes,
/// with an evening rule from 18:00, pays two minutes at the day rate and three at the evening
/// rate. Spans and connect fee are summed exactly (ExactAmount) and the total is rounded once
/// by the tariff's Rounding. The connect fee is charged only when the billed duration is > 0.
/// A destination known only to a rule's list (not to the base list) is refused when that rule
/// is not in force at the start; a call admitted under the rule keeps the start's rate for
/// blocks after the rule ends.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "rating/currency.h"
#include "rating/exact_amount.h"
#include "rating/tariff.h"

namespace prepaid::rating {

/// Why a number cannot be priced. Stable values: they map to RADIUS return codes.
enum class Refusal {
  malformed_number,     ///< not digits after normalisation
  unknown_destination,  ///< no prefix matches in the base list nor the rule's list
};
std::string_view to_string(Refusal refusal);  ///< "MALFORMED_NUMBER", "UNKNOWN_DESTINATION"

/// A value or a Refusal (business refusals are values, not exceptions).
template <class T>
class Rated {
 public:
  Rated(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Rated(Refusal refusal) : v_(refusal) {}   // NOLINT(google-explicit-constructor)
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<T>(v_); }
  T& value() { return std::get<T>(v_); }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }
  Refusal refusal() const { return std::get<Refusal>(v_); }

 private:
  std::variant<T, Refusal> v_;
};

/// One stretch of a call priced by one rule.
struct Span {
  std::string rule;        ///< name of the rule in force, empty for the base list
  std::string price_list;  ///< list the rate came from (the base list on fallback)
  std::string prefix;      ///< matched prefix in that list
  Money rate;
  std::uint32_t rate_unit_s = 60;
  Instant start;              ///< start of the first block in this span
  std::uint32_t seconds = 0;  ///< billed seconds in this span
  ExactAmount amount;         ///< rate × seconds / rate_unit_s, exact
};

/// The price of one call, with the spans that explain it.
struct CallPrice {
  std::string digits;            ///< normalised number
  std::string destination;       ///< of the rate matched at the start
  std::string prefix;            ///< of the rate matched at the start
  std::uint32_t duration_s = 0;  ///< as given
  std::uint32_t billed_s = 0;    ///< after grace, first increment and increments
  Money connect_fee;             ///< 0 when billed_s == 0
  std::vector<Span> spans;       ///< consecutive spans with the same rule and rate are merged
  ExactAmount unrounded;         ///< connect_fee + sum of span amounts, exact
  Money total;                   ///< unrounded rounded once by the tariff's Rounding
  Currency currency;
  /// The buy cost in the tariff's currency: buy->money when the start rate has a buy_rate in
  /// the tariff's currency, else nullopt (what a CDR keeps: its amounts are all in one
  /// currency).
  std::optional<Money> buy_cost;
  /// The buy cost in its own currency (the rate's buy_currency, else the tariff's):
  /// buy_rate × billed_s / rate_unit_s of the start rate, rounded by the tariff's method to
  /// the tariff's decimals — or to the buy currency's minor unit when it is another currency.
  /// nullopt when the start rate has no buy_rate. Never converted nor added to `total`.
  std::optional<Amount> buy;
};

/// Prices a call of `duration_s` seconds to `number` starting at `start`. The tariff must be
/// valid (Tariff::validate() empty); rates with a zero increment or rate unit throw
/// std::invalid_argument / MoneyOverflow instead of dividing by zero.
Rated<CallPrice> price_call(const Tariff& tariff, std::string_view number, Instant start,
                            std::uint32_t duration_s);

/// What limited a grant.
enum class GrantLimit {
  balance,               ///< one more increment would not fit the free balance
  cap,                   ///< the cap was reached first
  insufficient_balance,  ///< the shortest billed call (grace + 1 s) is not affordable:
                         ///< seconds == 0
};
std::string_view to_string(GrantLimit limit);

/// How long a call may last.
struct Grant {
  std::uint32_t seconds = 0;  ///< granted billable duration (0 when insufficient_balance)
  Money price;                ///< price_call(seconds).total: what to reserve
  GrantLimit limited_by = GrantLimit::balance;
  std::string destination;
  std::string prefix;
};

/// The largest billable duration d <= cap_s whose rounded price fits `free_balance`, such that
/// (unless capped) one more increment would not fit:
///   price_call(d).total <= free_balance < price_call(d + next increment).total.
/// Agrees with price_call exactly, across rule boundaries and DST changes. A balance that
/// cannot pay the shortest billed call, price_call(grace_s + 1), gets nothing
/// (insufficient_balance), whatever the cap: calls within grace are free, but only for a
/// balance that could pay for the call going on. With grace >= first increment that call is
/// billed more than the first increment (grace 30 s, 10/10: a 31 s call is billed 40 s).
Rated<Grant> max_duration(const Tariff& tariff, std::string_view number, Instant start,
                          Money free_balance, std::uint32_t cap_s);

}  // namespace prepaid::rating

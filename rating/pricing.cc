// price_call() and max_duration(). Both walk the call by *segments* (stretches in which the
// rule in force is constant, from Tariff::rule_segment), never block by block: every block
// whose start instant falls in a segment is priced at that segment's rate.
#include "rating/pricing.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "rating/number_plan.h"

namespace prepaid::rating {

std::string_view to_string(Refusal refusal) {
  switch (refusal) {
    case Refusal::malformed_number:
      return "MALFORMED_NUMBER";
    case Refusal::unknown_destination:
      return "UNKNOWN_DESTINATION";
  }
  return "UNKNOWN_DESTINATION";
}

std::string_view to_string(GrantLimit limit) {
  switch (limit) {
    case GrantLimit::balance:
      return "balance";
    case GrantLimit::cap:
      return "cap";
    case GrantLimit::insufficient_balance:
      return "insufficient_balance";
  }
  return "balance";
}

namespace {

/// A rate and the list it came from.
struct Resolved {
  const Rate* rate = nullptr;
  const std::string* list = nullptr;
};

/// Resolves the rate of one number under each rule, remembering the answers: a call meets few
/// rules, and a deck lookup (a walk over a large trie, cold in cache) is the costliest step of
/// pricing. Each list is searched at most once per call.
class RateResolver {
 public:
  RateResolver(const Tariff& tariff, std::string_view digits) : tariff_(tariff), digits_(digits) {}

  /// The rate under `rule`: its list's, else the base list's; when neither has the number
  /// (only possible after the start), the start's rate applies.
  Resolved under(const PriceRule* rule) {
    for (std::size_t i = 0; i < count_; ++i) {
      if (cache_[i].first == rule) return cache_[i].second;
    }
    Resolved r = lookup(rule);
    if (r.rate == nullptr) r = start_;
    if (count_ < kCache) cache_[count_++] = {rule, r};
    return r;
  }

  /// Resolves the start; false when the destination is unknown there.
  bool start(const PriceRule* rule) {
    start_ = lookup(rule);
    if (start_.rate == nullptr) return false;
    cache_[count_++] = {rule, start_};
    return true;
  }
  const Resolved& start_rate() const { return start_; }

 private:
  Resolved lookup(const PriceRule* rule) {
    if (rule != nullptr) {
      if (const RateDeck* list = tariff_.price_list(rule->price_list)) {
        if (const Rate* r = list->match(digits_)) return {r, &rule->price_list};
      }
    }
    if (!base_searched_) {
      base_searched_ = true;
      if (const RateDeck* base = tariff_.price_list(tariff_.base_price_list())) {
        base_ = {base->match(digits_), &tariff_.base_price_list()};
      }
    }
    return base_.rate != nullptr ? base_ : Resolved{};
  }

  static constexpr std::size_t kCache = 8;
  const Tariff& tariff_;
  std::string_view digits_;
  Resolved start_;
  Resolved base_;
  bool base_searched_ = false;
  std::pair<const PriceRule*, Resolved> cache_[kCache];
  std::size_t count_ = 0;
};

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return a / b + (a % b != 0);
}

/// Seconds from `from` to `to` (to > from), as an unsigned count.
std::uint64_t seconds_between(Instant from, Instant to) {
  return static_cast<std::uint64_t>((to - from).count());
}

/// Billed seconds for a call of d seconds past grace: the first increment, then whole
/// increments until d is covered.
std::uint64_t billed_seconds(const Rate& rate, std::uint64_t d) {
  if (d <= rate.first_increment_s) return rate.first_increment_s;
  return rate.first_increment_s +
         ceil_div(d - rate.first_increment_s, rate.increment_s) * std::uint64_t{rate.increment_s};
}

/// A rate that Tariff::validate() would refuse must not divide by zero here.
void check_increments(const Rate& rate) {
  if (rate.first_increment_s == 0 || rate.increment_s == 0) {
    throw std::invalid_argument("rate for prefix " + rate.prefix +
                                " has a zero increment (Tariff::validate() reports it)");
  }
}

Int128 mul128(Int128 a, Int128 b) {
  Int128 r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw MoneyOverflow("price computation overflow");
  return r;
}

/// floor(a / b) for a >= 0, b > 0 (exact fractions), and whether b divides a exactly.
Int128 floor_ratio(const ExactAmount& a, const ExactAmount& b, bool& exact) {
  // (an/ad) / (bn/bd) = (an·bd) / (ad·bn)
  Int128 num = mul128(a.numerator(), b.denominator());
  Int128 den = mul128(a.denominator(), b.numerator());
  if (num <= INT64_MAX && den <= INT64_MAX) {  // 64-bit division when the values allow it
    auto n = static_cast<std::int64_t>(num);
    auto d = static_cast<std::int64_t>(den);
    exact = n % d == 0;
    return n / d;
  }
  exact = num % den == 0;
  return num / den;
}

}  // namespace

Rated<CallPrice> price_call(const Tariff& tariff, std::string_view number, Instant start,
                            std::uint32_t duration_s) {
  auto digits = normalize_number(number, tariff.number_plan());
  if (!digits) return Refusal::malformed_number;
  RateResolver rates(tariff, *digits);
  Tariff::RuleSegment segment = tariff.rule_segment(start);
  if (!rates.start(segment.rule)) return Refusal::unknown_destination;
  const Rate& first = *rates.start_rate().rate;
  check_increments(first);

  CallPrice price{*digits, first.destination, first.prefix, duration_s,
                  0,       Money(),           {},           ExactAmount(),
                  Money(), tariff.currency(), std::nullopt, std::nullopt};
  Rounding rounding = tariff.rounding();
  // The buy cost, in its own currency; in buy_cost too when that is the tariff's.
  auto set_buy_cost = [&](std::uint64_t billed_s) {
    if (!first.buy_rate) return;
    const Currency currency = first.buy_currency.value_or(tariff.currency());
    const bool foreign = !(currency == tariff.currency());
    const Money cost =
        ExactAmount::per_unit(*first.buy_rate, billed_s, first.rate_unit_s)
            .round(rounding.method, foreign ? currency.minor_unit_digits() : rounding.decimals);
    price.buy = Amount{cost, currency};
    if (!foreign) price.buy_cost = cost;
  };
  if (duration_s == 0 || duration_s <= first.grace_s) {
    set_buy_cost(0);
    return price;
  }
  std::uint64_t billed = billed_seconds(first, duration_s);
  if (billed > std::numeric_limits<std::uint32_t>::max()) {
    throw std::out_of_range("call duration too long to bill");
  }
  price.billed_s = static_cast<std::uint32_t>(billed);
  price.connect_fee = first.connect_fee;

  const PriceRule* last_rule = nullptr;
  const Rate* last_rate = nullptr;
  std::uint64_t pos = 0;  // start of the next block, seconds after the call's start
  while (pos < billed) {
    if (pos > 0) segment = tariff.rule_segment(start + std::chrono::seconds(pos));
    Resolved resolved = rates.under(segment.rule);
    std::uint64_t segment_end = seconds_between(start, segment.until);
    std::uint64_t span_start = pos;
    if (pos == 0) pos = first.first_increment_s;  // the first block starts in this segment
    if (pos < billed && pos < segment_end) {
      // Every increment that starts before the segment ends.
      std::uint64_t blocks = std::min(ceil_div(segment_end - pos, first.increment_s),
                                      (billed - pos) / first.increment_s);
      pos += blocks * first.increment_s;
    }
    auto seconds = static_cast<std::uint32_t>(pos - span_start);
    if (!price.spans.empty() && last_rule == segment.rule && last_rate == resolved.rate) {
      Span& span = price.spans.back();
      span.seconds += seconds;
      span.amount = ExactAmount::per_unit(span.rate, span.seconds, span.rate_unit_s);
      continue;
    }
    const Rate& r = *resolved.rate;
    price.spans.push_back(Span{segment.rule ? segment.rule->name : std::string(), *resolved.list,
                               r.prefix, r.rate, r.rate_unit_s,
                               start + std::chrono::seconds(span_start), seconds,
                               ExactAmount::per_unit(r.rate, seconds, r.rate_unit_s)});
    last_rule = segment.rule;
    last_rate = resolved.rate;
  }
  price.unrounded = ExactAmount(price.connect_fee);
  for (const Span& span : price.spans) price.unrounded += span.amount;
  price.total = price.unrounded.round(rounding.method, rounding.decimals);
  set_buy_cost(billed);
  return price;
}

Rated<Grant> max_duration(const Tariff& tariff, std::string_view number, Instant start,
                          Money free_balance, std::uint32_t cap_s) {
  auto digits = normalize_number(number, tariff.number_plan());
  if (!digits) return Refusal::malformed_number;
  RateResolver rates(tariff, *digits);
  Tariff::RuleSegment segment = tariff.rule_segment(start);
  if (!rates.start(segment.rule)) return Refusal::unknown_destination;
  const Rate& first = *rates.start_rate().rate;
  check_increments(first);
  Grant grant{0, Money(), GrantLimit::insufficient_balance, first.destination, first.prefix};
  if (free_balance.is_negative()) return grant;

  // The exact limit L: round(x) <= balance  <=>  x <= L (inclusive) or x < L (exclusive).
  // Rounded totals are multiples of `step`; B is the largest such multiple <= the balance.
  Rounding rounding = tariff.rounding();
  std::int64_t step = 1;
  for (int k = rounding.decimals; k < Money::kDecimals; ++k) step *= 10;
  std::int64_t b = free_balance.micros() / step * step;
  ExactAmount limit;
  bool inclusive = true;
  switch (rounding.method) {
    case RoundingMethod::up:  // ceil(x) <= B  <=>  x <= B
      limit = ExactAmount::fraction(b, 1);
      break;
    case RoundingMethod::down:  // floor(x) <= B  <=>  x < B + step
      limit = ExactAmount::fraction(Int128(b) + step, 1);
      inclusive = false;
      break;
    case RoundingMethod::half_up:  // ties go up: x < B + step/2
      limit = ExactAmount::fraction(2 * Int128(b) + step, 2);
      inclusive = false;
      break;
    case RoundingMethod::half_even:  // the tie B + step/2 rounds down to B when B/step is even
      limit = ExactAmount::fraction(2 * Int128(b) + step, 2);
      inclusive = (b / step) % 2 == 0;
      break;
  }
  // Budget for the blocks: what is left after the connect fee.
  ExactAmount budget = limit - ExactAmount(first.connect_fee);
  auto fits = [&](const ExactAmount& cost) { return inclusive ? cost <= budget : cost < budget; };

  ExactAmount spent = ExactAmount::per_unit(first.rate, first.first_increment_s, first.rate_unit_s);
  if (!fits(spent)) return grant;  // not even the first increment: grant nothing, not even grace

  // The shortest billed call lasts grace + 1 s and is billed `shortest` seconds: the first
  // increment, or more when grace >= first increment. A balance that cannot pay it is refused,
  // whatever the cap: granting it the grace seconds free would let an empty card call forever.
  // So the walk goes at least that far, then the grant is cut back to the cap.
  const std::uint64_t shortest = billed_seconds(first, std::uint64_t{first.grace_s} + 1);
  const std::uint64_t walk_to = std::max<std::uint64_t>(cap_s, shortest);
  std::uint64_t pos = first.first_increment_s;  // end of the blocks bought so far
  const std::uint64_t inc = first.increment_s;
  while (pos < walk_to) {
    Instant at = start + std::chrono::seconds(pos);
    if (at >= segment.until) segment = tariff.rule_segment(at);
    const Rate& r = *rates.under(segment.rule).rate;
    std::uint64_t segment_end = seconds_between(start, segment.until);
    std::uint64_t in_segment = ceil_div(segment_end - pos, inc);  // blocks starting here
    std::uint64_t to_end = ceil_div(walk_to - pos, inc);          // blocks to reach walk_to
    std::uint64_t wanted = std::min(in_segment, to_end);
    ExactAmount block = ExactAmount::per_unit(r.rate, inc, r.rate_unit_s);
    std::uint64_t affordable = wanted;
    if (block.numerator() > 0) {
      // The largest k with spent + k·block within the budget.
      ExactAmount room = budget - spent;
      bool exact = false;
      Int128 k = floor_ratio(room, block, exact);
      if (!inclusive && exact) k -= 1;  // spent + k·block must stay < L
      if (k < Int128(affordable)) affordable = static_cast<std::uint64_t>(k);
    }
    spent += block * affordable;
    pos += affordable * inc;
    if (affordable < wanted) break;  // the next block does not fit
  }
  if (pos < shortest) return grant;  // the shortest billed call does not fit
  if (pos >= cap_s) {
    // Capped: the cap's billed seconds are `pos` when the walk stopped at the cap, and
    // `shortest` when the cap is shorter than the shortest billed call (spent covers either).
    grant.limited_by = GrantLimit::cap;
    pos = cap_s;
  } else {
    grant.limited_by = GrantLimit::balance;
  }
  grant.seconds = static_cast<std::uint32_t>(pos);
  if (grant.seconds > first.grace_s) {
    grant.price =
        (ExactAmount(first.connect_fee) + spent).round(rounding.method, rounding.decimals);
  }
  return grant;
}

}  // namespace prepaid::rating

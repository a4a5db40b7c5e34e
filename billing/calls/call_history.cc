// Call queries: CDRs by date (default: today in a zone), card and dialed number; online calls.
#include "billing/calls/call_history.h"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <utility>

#include "billing/operators/permission.h"

namespace prepaid::billing {

using rating::Instant;

CallHistory::CallHistory(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()) {}

namespace {

/// The tariffs a query concerns: the card's, or every tariff.
std::vector<TariffRecord> tariffs_of(Transaction& tx, const std::optional<Card>& card) {
  if (!card) return tx.list_tariffs();
  std::vector<TariffRecord> out;
  if (auto t = tx.find_tariff(card->tariff)) out.push_back(std::move(*t));
  return out;
}

Result<std::string> common_zone(const std::vector<TariffRecord>& tariffs) {
  std::set<std::string> zones;
  for (const auto& t : tariffs) zones.insert(t.time_zone);
  if (zones.empty()) return std::string("UTC");
  if (zones.size() == 1) return *zones.begin();
  std::string names;
  for (const auto& z : zones) names += (names.empty() ? "" : ", ") + z;
  return refuse(ErrorCode::invalid_argument,
                "the tariffs are in several time zones (" + names +
                    "): say in which one 'today' is (zone), or give a card")
      .about("zone");
}

/// The digits a dialed-number filter matches CDRs' normalised numbers with: separators
/// dropped, then a leading '+' or the longest international prefix of `tariffs` stripped.
std::optional<std::string> dialed_digits(std::string_view dialed,
                                         const std::vector<TariffRecord>& tariffs) {
  std::string text;
  for (char c : dialed)
    if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') text.push_back(c);
  if (!text.empty() && text.front() == '+') {
    text.erase(0, 1);
  } else {
    std::size_t strip = 0;
    for (const auto& t : tariffs) {
      const auto& p = t.international_prefix;
      if (!p.empty() && p.size() > strip && text.size() > p.size() && text.rfind(p, 0) == 0)
        strip = p.size();
    }
    text.erase(0, strip);
  }
  if (!is_digits(text, 1, kMaxNumberLength)) return std::nullopt;
  return text;
}

std::optional<Card> card_named(Transaction& tx, const std::string& number) {
  if (number.empty()) return std::nullopt;
  return tx.find_card(number, false);
}

/// A query checked and read: its filter (from and to as given) and the tariffs it concerns.
struct ReadQuery {
  CdrFilter filter;
  std::vector<TariffRecord> tariffs;
};

Result<ReadQuery> read_query(Transaction& tx, const CallQuery& query) {
  if (!query.card_number.empty() && !is_digits(query.card_number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "card number must be digits").about("card");
  if (query.from && query.to && *query.to < *query.from)
    return refuse(ErrorCode::invalid_argument, "the end of the range is before its start")
        .about("to");
  const std::optional<Card> card = card_named(tx, query.card_number);
  if (!query.card_number.empty() && !card)
    return refuse(ErrorCode::not_found, "no card " + query.card_number).about("card");
  ReadQuery out;
  out.tariffs = tariffs_of(tx, card);
  out.filter.from = query.from;
  out.filter.to = query.to;
  if (card) out.filter.card = card->id;
  if (!query.dialed.empty()) {
    auto digits = dialed_digits(query.dialed, out.tariffs);
    if (!digits)
      return refuse(ErrorCode::invalid_argument,
                    "dialed number must be digits, as dialed or as listed (+44, 0044, 44 20…), "
                    "not '" +
                        query.dialed + "'")
          .about("dialed");
    out.filter.digits_prefix = std::move(*digits);
  }
  out.filter.review_only = query.review_only;
  return out;
}

/// The zone of the query's days: the one asked for, else the one every tariff concerned shares.
Result<const date::time_zone*> zone_of(const CallQuery& query,
                                       const std::vector<TariffRecord>& tariffs) {
  std::string zone_name = query.zone;
  if (zone_name.empty()) {
    auto zone = common_zone(tariffs);
    if (!zone) return zone.problem();
    zone_name = *zone;
  }
  try {
    return date::locate_zone(zone_name);
  } catch (const std::exception&) {
    return refuse(ErrorCode::invalid_argument, "unknown time zone '" + zone_name + "'")
        .about("zone");
  }
}

/// Today in `zone` at `now`: from local midnight to the next one.
std::pair<Instant, Instant> today_in(const date::time_zone& zone, Instant now) {
  const auto midnight = date::floor<date::days>(zone.to_local(now));
  return {std::chrono::time_point_cast<std::chrono::seconds>(
              zone.to_sys(midnight, date::choose::earliest)),
          std::chrono::time_point_cast<std::chrono::seconds>(
              zone.to_sys(midnight + date::days(1), date::choose::earliest))};
}

/// "2026-03-29 00:00" in `zone`, for messages.
std::string local_text(const rating::TimeZone& zone, Instant at) {
  const auto l = zone.to_local(at);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02u:%02u", l.year, l.month, l.day,
                l.second_of_day / 3600, l.second_of_day % 3600 / 60);
  return text;
}

/// The slice of UTC the store sums calls in: a quarter of an hour, the finest step of
/// today's UTC offsets (local_periods.h).
constexpr std::uint32_t kSummarySliceS = 900;

}  // namespace

Result<std::vector<Cdr>> CallHistory::calls(const Actor& actor, const CallQuery& query,
                                            const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  auto read = read_query(*tx, query);
  if (!read) return read.problem();
  CdrFilter filter = std::move(read->filter);
  if (!query.from && !query.to) {
    // Today, from local midnight to the next one, in the zone asked for or the tariffs'.
    auto zone = zone_of(query, read->tariffs);
    if (!zone) return zone.problem();
    std::tie(filter.from, filter.to) = today_in(**zone, clock_->now());
  }
  auto rows = tx->list_cdrs(filter, page);
  tx->commit();
  return rows;
}

Result<CallSummary> CallHistory::summary(const Actor& actor, const CallQuery& query,
                                         PeriodKind by) {
  if (auto p = require_staff(actor)) return *p;
  if (query.to && !query.from)
    return refuse(ErrorCode::invalid_argument,
                  "a summary needs the start of its range (from) with its end (to)")
        .about("from");
  auto tx = store_->begin();
  auto read = read_query(*tx, query);
  if (!read) return read.problem();
  auto zone = zone_of(query, read->tariffs);
  if (!zone) return zone.problem();
  const auto local_zone = rating::TimeZone::locate((*zone)->name());
  if (!local_zone) throw std::logic_error("zone located once but not twice");
  CdrFilter filter = std::move(read->filter);
  const auto [today_from, today_to] = today_in(**zone, clock_->now());
  const Instant from = query.from.value_or(today_from);
  const Instant to = query.to.value_or(today_to);
  if (to < from)
    return refuse(ErrorCode::invalid_argument, "from is after the end of today (" +
                                                   local_text(*local_zone, to) +
                                                   "): give the end of the range (to)")
        .about("from");
  const std::int64_t length = by == PeriodKind::hour ? 3600 : 86400;
  const std::int64_t most = static_cast<std::int64_t>(kMaxSummaryPeriods);
  std::vector<LocalPeriod> periods;
  if ((to - from).count() / length <= most + 2) periods = local_periods(*local_zone, by, from, to);
  if (periods.size() > kMaxSummaryPeriods || (periods.empty() && to > from))
    return refuse(ErrorCode::invalid_argument,
                  "a summary has at most " + std::to_string(kMaxSummaryPeriods) + " periods; by " +
                      std::string(to_string(by)) + ", " + local_text(*local_zone, from) + " to " +
                      local_text(*local_zone, to) + " has more: shorten the range or sum by day")
        .about("to");
  filter.from = from;
  filter.to = to;
  const std::uint32_t slice_s = common_slice(periods, kSummarySliceS);
  const auto slices = tx->sum_cdrs(filter, slice_s);
  tx->commit();

  CallSummary out;
  out.zone = std::string(local_zone->name());
  out.by = by;
  out.from = from;
  out.to = to;
  for (const auto& p : periods) out.periods.push_back(SummaryPeriod{p, CallTotals{}});
  for (const auto& s : slices) {
    // A slice lies in one period (no period boundary inside it); the first one may start
    // before `from`, its calls do not.
    const Instant start{std::chrono::seconds(s.slice * static_cast<std::int64_t>(slice_s))};
    const std::size_t i = period_of(periods, std::max(start, from));
    if (i == periods.size()) throw std::logic_error("a slice of calls outside the summary's range");
    out.periods[i].totals.add(s.calls, s.billed_s, s.currency, s.price);
    out.total.add(s.calls, s.billed_s, s.currency, s.price);
  }
  return out;
}

Result<std::string> CallHistory::day_zone(const Actor& actor, const std::string& card_number) {
  if (auto p = require_staff(actor)) return *p;
  if (!card_number.empty() && !is_digits(card_number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "card number must be digits").about("card");
  auto tx = store_->begin();
  const std::optional<Card> card = card_named(*tx, card_number);
  if (!card_number.empty() && !card)
    return refuse(ErrorCode::not_found, "no card " + card_number).about("card");
  auto zone = common_zone(tariffs_of(*tx, card));
  tx->commit();
  return zone;
}

Result<std::vector<OnlineSession>> CallHistory::online(const Actor& actor,
                                                       const std::string& card_number,
                                                       const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  if (!card_number.empty() && !is_digits(card_number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "card number must be digits").about("card");
  const Instant now = clock_->now();
  auto tx = store_->begin();
  std::optional<CardId> card;
  if (!card_number.empty()) {
    auto c = tx->find_card(card_number, false);
    if (!c) return refuse(ErrorCode::not_found, "no card " + card_number).about("card");
    card = c->id;
  }
  auto open = tx->open_reservations(now, card, page);
  tx->commit();
  std::vector<OnlineSession> out;
  for (auto& r : open) {
    const Instant since = r.started_at.value_or(r.created_at);
    const auto up = now > since ? (now - since).count() : 0;
    out.push_back(OnlineSession{std::move(r), static_cast<std::uint32_t>(up)});
  }
  return out;
}

}  // namespace prepaid::billing

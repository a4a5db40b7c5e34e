// Call queries: CDRs by date (default: today in a zone), card and dialed number; online calls.
#include "billing/calls/call_history.h"

#include <date/tz.h>

#include <set>
#include <string_view>

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

}  // namespace

Result<std::vector<Cdr>> CallHistory::calls(const Actor& actor, const CallQuery& query,
                                            const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  if (!query.card_number.empty() && !is_digits(query.card_number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "card number must be digits").about("card");
  if (query.from && query.to && *query.to < *query.from)
    return refuse(ErrorCode::invalid_argument, "the end of the range is before its start")
        .about("to");
  auto tx = store_->begin();
  const std::optional<Card> card = card_named(*tx, query.card_number);
  if (!query.card_number.empty() && !card)
    return refuse(ErrorCode::not_found, "no card " + query.card_number).about("card");
  const std::vector<TariffRecord> tariffs = tariffs_of(*tx, card);
  CdrFilter filter;
  filter.from = query.from;
  filter.to = query.to;
  if (card) filter.card = card->id;
  if (!query.dialed.empty()) {
    auto digits = dialed_digits(query.dialed, tariffs);
    if (!digits)
      return refuse(ErrorCode::invalid_argument,
                    "dialed number must be digits, as dialed or as listed (+44, 0044, 44 20…), "
                    "not '" +
                        query.dialed + "'")
          .about("dialed");
    filter.digits_prefix = std::move(*digits);
  }
  filter.review_only = query.review_only;
  if (!query.from && !query.to) {
    // Today, from local midnight to the next one, in the zone asked for or the tariffs'.
    std::string zone_name = query.zone;
    if (zone_name.empty()) {
      auto zone = common_zone(tariffs);
      if (!zone) return zone.problem();
      zone_name = *zone;
    }
    const date::time_zone* zone = nullptr;
    try {
      zone = date::locate_zone(zone_name);
    } catch (const std::exception&) {
      return refuse(ErrorCode::invalid_argument, "unknown time zone '" + zone_name + "'")
          .about("zone");
    }
    const auto local = zone->to_local(clock_->now());
    const auto midnight = date::floor<date::days>(local);
    filter.from = std::chrono::time_point_cast<std::chrono::seconds>(
        zone->to_sys(midnight, date::choose::earliest));
    filter.to = std::chrono::time_point_cast<std::chrono::seconds>(
        zone->to_sys(midnight + date::days(1), date::choose::earliest));
  }
  auto rows = tx->list_cdrs(filter, page);
  tx->commit();
  return rows;
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

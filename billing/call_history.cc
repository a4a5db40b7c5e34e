// Call queries: CDRs by date (default: today in a zone), card and dialed number; online calls.
#include "billing/call_history.h"

#include <date/tz.h>

#include "billing/permission.h"

namespace prepaid::billing {

using rating::Instant;

CallHistory::CallHistory(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()) {}

Result<std::vector<Cdr>> CallHistory::calls(const Actor& actor, const CallQuery& query,
                                            const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  if (!query.dialed.empty() && !is_digits(query.dialed, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "dialed number must be digits").about("dialed");
  if (!query.card_number.empty() && !is_digits(query.card_number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "card number must be digits").about("card");
  CdrFilter filter;
  filter.from = query.from;
  filter.to = query.to;
  filter.digits_prefix = query.dialed;
  filter.review_only = query.review_only;
  if (!query.from && !query.to) {
    // Today, from local midnight to the next one, in the caller's zone.
    const date::time_zone* zone = nullptr;
    try {
      zone = date::locate_zone(query.zone);
    } catch (const std::exception&) {
      return refuse(ErrorCode::invalid_argument, "unknown time zone '" + query.zone + "'")
          .about("zone");
    }
    const auto local = zone->to_local(clock_->now());
    const auto midnight = date::floor<date::days>(local);
    filter.from = std::chrono::time_point_cast<std::chrono::seconds>(
        zone->to_sys(midnight, date::choose::earliest));
    filter.to = std::chrono::time_point_cast<std::chrono::seconds>(
        zone->to_sys(midnight + date::days(1), date::choose::earliest));
  }
  if (filter.from && filter.to && *filter.to < *filter.from)
    return refuse(ErrorCode::invalid_argument, "the end of the range is before its start")
        .about("to");
  auto tx = store_->begin();
  if (!query.card_number.empty()) {
    auto card = tx->find_card(query.card_number, false);
    if (!card) return refuse(ErrorCode::not_found, "no card " + query.card_number).about("card");
    filter.card = card->id;
  }
  auto rows = tx->list_cdrs(filter, page);
  tx->commit();
  return rows;
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

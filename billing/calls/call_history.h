#pragma once
/// @file call_history.h
/// @brief CallHistory: calls (CDRs) by date, card and dialed number; online sessions.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "billing/calls/call_summary.h"
#include "billing/calls/cdr.h"
#include "billing/calls/reservation.h"
#include "billing/clock.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief Which calls to list. Without from/to: today (local midnight to midnight) in `zone`.
struct CallQuery {
  std::optional<rating::Instant> from;  ///< inclusive
  std::optional<rating::Instant> to;    ///< exclusive
  /// IANA zone of "today"; empty = the zone of the tariff concerned (CallHistory::day_zone).
  std::string zone;
  std::string card_number;  ///< exact number; empty = every card
  /// The dialed number or its start, as dialed or as listed: "+44", "0044", "44 20" and "44"
  /// all find the calls whose normalised number starts with 44 (spaces, dashes, dots and
  /// brackets are ignored; a leading '+' or the international prefix of the tariffs concerned
  /// is stripped). Empty = every number.
  std::string dialed;
  bool review_only = false;  ///< only calls with review reasons (Cdr::review)
};

/// @brief A session in progress: its reservation, and for how long it has been up.
struct OnlineSession {
  Reservation reservation;  ///< without the tariff snapshot
  std::uint32_t up_s = 0;   ///< now − started_at (or − created_at when not started)
};

/// At most this many periods in a summary (a 31-day month by hour has 744 or 745).
inline constexpr std::size_t kMaxSummaryPeriods = 1000;

/// @brief Read-only call queries (operators and administrators).
class CallHistory {
 public:
  explicit CallHistory(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock = nullptr);

  /// CDRs matching the query, newest first.
  Result<std::vector<Cdr>> calls(const Actor& actor, const CallQuery& query, const Page& page);
  /// The calls of the query counted and summed per local hour or day (`by`) of its zone:
  /// every period of the range, those without calls too, and the totals. The zone is the
  /// query's, else the tariffs' (day_zone); the range is [from, to), else today; from alone
  /// runs to the end of today. Counts, seconds and prices are summed by the store
  /// (Store::sum_cdrs, per 15 minutes of UTC), so no call is read and no call is left out.
  /// Refused: a range of more than kMaxSummaryPeriods periods, to without from, and what
  /// calls() refuses.
  Result<CallSummary> summary(const Actor& actor, const CallQuery& query, PeriodKind by);
  /// The zone whose day "today" means when no zone is given (there are no shops yet): with a
  /// card, its tariff's zone; otherwise the zone every tariff shares (UTC when there is no
  /// tariff). Tariffs in several zones have no common day: refused (about "zone", naming
  /// them), so that the caller gives one.
  Result<std::string> day_zone(const Actor& actor, const std::string& card_number);
  /// Sessions with an open reservation (card, destination, since when), oldest first.
  Result<std::vector<OnlineSession>> online(const Actor& actor, const std::string& card_number,
                                            const Page& page);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
};

}  // namespace prepaid::billing

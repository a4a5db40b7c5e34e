#pragma once
/// @file call_summary.h
/// @brief CallSummary: how many calls, billed seconds and revenue per local hour or day of a
/// zone, and in all (CallHistory::summary).

#include <cstdint>
#include <string>
#include <vector>

#include "billing/calls/local_periods.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief The sum of the prices of calls billed in one currency.
struct Revenue {
  std::string currency;  ///< ISO 4217 code
  rating::Money amount;  ///< exact: summed by the database in micro-units
  bool operator==(const Revenue&) const = default;
};

/// @brief Calls counted and summed.
struct CallTotals {
  std::uint64_t calls = 0;
  std::uint64_t billed_s = 0;
  std::vector<Revenue> revenue;  ///< one per currency with calls, by code; empty: no calls
  bool operator==(const CallTotals&) const = default;

  /// Adds `calls` calls of `billed_s` seconds costing `price` in `currency`.
  void add(std::uint64_t calls, std::uint64_t billed_s, const std::string& currency,
           rating::Money price);
};

/// @brief One local hour or day and its calls.
struct SummaryPeriod {
  LocalPeriod period;
  CallTotals totals;
};

/// @brief The calls of a range, per local hour or day of a zone.
struct CallSummary {
  std::string zone;  ///< the IANA zone whose hours or days these are
  PeriodKind by = PeriodKind::hour;
  rating::Instant from;  ///< inclusive
  rating::Instant to;    ///< exclusive
  /// Every period of [from, to), those without calls too: a day by hour has 23, 24 or 25.
  std::vector<SummaryPeriod> periods;
  CallTotals total;  ///< of every period
};

}  // namespace prepaid::billing

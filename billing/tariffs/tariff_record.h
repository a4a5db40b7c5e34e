#pragma once
/// @file tariff_record.h
/// @brief How a tariff is kept in a store: its header (TariffRecord, with a version), its
/// price lists, rules and holidays; and building a rating::Tariff from them.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rating/price_rule.h"
#include "rating/rate.h"
#include "rating/rounding.h"
#include "rating/tariff.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using TariffId = std::int64_t;

/// @brief The header row of a stored tariff. `version` is bumped by every change to the
/// tariff or to anything it contains (lists, rates, rules, holidays); caches compare it.
struct TariffRecord {
  TariffId id = 0;
  std::string name;                         ///< unique, 1..64 characters [A-Za-z0-9._-]
  std::string currency;                     ///< ISO 4217 code
  std::string time_zone = "UTC";            ///< IANA zone name the rules are evaluated in
  std::string base_price_list;              ///< name of the list used when no rule applies
  rating::Rounding rounding;                ///< decimals -1 = the currency's minor unit
  std::string international_prefix = "00";  ///< number plan
  std::int64_t version = 1;
  rating::Instant updated_at{};
};

/// @brief A price list of a tariff, with its size.
struct PriceListInfo {
  std::string name;
  std::uint64_t rate_count = 0;
};

/// @brief Everything stored about one tariff (what a cache builds a Tariff from).
struct TariffContent {
  TariffRecord header;
  struct List {
    std::string name;
    std::vector<rating::Rate> rates;
  };
  std::vector<List> lists;
  std::vector<rating::PriceRule> rules;  ///< in definition order
  std::vector<rating::Holiday> holidays;
};

/// @brief The result of building a Tariff: the tariff, or the problems that prevent it.
struct TariffBuild {
  std::shared_ptr<const rating::Tariff> tariff;  ///< set when and only when problems is empty
  std::vector<std::string> problems;
};

/// Builds and validates a rating::Tariff from stored content (unknown currency or zone,
/// Tariff::validate() problems).
TariffBuild build_tariff(const TariffContent& content);

}  // namespace prepaid::billing

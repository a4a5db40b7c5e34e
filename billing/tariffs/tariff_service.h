#pragma once
/// @file tariff_service.h
/// @brief TariffService: tariffs, price lists (CSV import/export), rates, price rules and
/// holidays in the store, and quotes against them. Every change bumps the tariff's version
/// (caches on every node reload it) and writes an audit row.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/store/store.h"
#include "billing/tariffs/tariff_cache.h"
#include "billing/tariffs/tariff_record.h"
#include "rating/pricing.h"

namespace prepaid::billing {

/// @brief What an import did.
struct PriceListImport {
  std::string tariff;
  std::string list;
  std::uint64_t rates = 0;          ///< rates now in the list
  std::int64_t tariff_version = 0;  ///< the tariff's new version
};

/// @brief How far a price-list import has come.
struct ImportProgress {
  enum class Stage {
    reading,  ///< parsing the CSV: `done` lines of `total` read
    writing,  ///< the new list going into the store: `done` rates of `total` written
  };
  Stage stage = Stage::reading;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
};

/// @brief Told how an import goes (TariffService::import_price_list).
using ImportProgressReport = std::function<void(const ImportProgress&)>;

/// @brief Whether a price-list import with no rate lines (a CSV of only its header) may
/// replace the list with an empty one. Refused unless asked for: an empty file replacing a
/// live list is nearly always a mistake (a truncated export, the wrong file).
enum class EmptyImport { refuse, allow };

/// @brief Tariff administration (administrators) and quotes (operators too). Thread-safe.
class TariffService {
 public:
  TariffService(std::shared_ptr<Store> store, std::shared_ptr<TariffCache> cache = nullptr,
                std::shared_ptr<const Clock> clock = nullptr, int max_attempts = 5);

  /// Creates an empty tariff (its base list is created empty). Name, currency, zone and
  /// rounding are validated.
  Result<TariffRecord> create_tariff(const Actor& actor, const TariffRecord& spec);
  /// Changes zone, base list, rounding or number plan (not the name, not the currency).
  Result<TariffRecord> update_tariff(const Actor& actor, const TariffRecord& spec);
  Result<std::vector<TariffRecord>> list_tariffs(const Actor& actor);

  /// Replaces a price list with the rates of a CSV (rating/rate_deck_csv.h), creating the list
  /// when new. Validated fully first (every bad line is listed in Problem::details); then the
  /// old list is replaced in one transaction. Sized for 250k rates. A CSV without rate lines
  /// is refused (invalid_argument about "csv") unless `empty` is EmptyImport::allow.
  ///
  /// `progress`, when set, is called on the caller's thread while the import runs: for each
  /// stage (reading, then writing) at most once per hundredth of its total with a growing
  /// `done`, and with done == total when the stage is complete (reading stops early on a
  /// broken CSV; writing starts again from 0 if the transaction is retried after a deadlock).
  Result<PriceListImport> import_price_list(const Actor& actor, std::string_view tariff,
                                            std::string_view list, std::string_view csv,
                                            EmptyImport empty = EmptyImport::refuse,
                                            const ImportProgressReport& progress = {});
  /// The list as CSV (parse_rate_deck_csv of it gives the same rates).
  Result<std::string> export_price_list(const Actor& actor, std::string_view tariff,
                                        std::string_view list);
  Result<std::vector<PriceListInfo>> price_lists(const Actor& actor, std::string_view tariff);
  /// Removes a list that is neither the base list nor used by a rule.
  Result<std::string> remove_price_list(const Actor& actor, std::string_view tariff,
                                        std::string_view list);
  /// @brief Which rates of a list TariffService::rates returns (empty fields: any).
  struct RateFilter {
    std::string prefix;       ///< prefixes starting with these digits
    std::string destination;  ///< destination names containing this text (ASCII letters in any
                              ///< case; other characters as written), at most 64 bytes
  };
  /// Rates of a list that pass `filter`, by prefix.
  Result<std::vector<rating::Rate>> rates(const Actor& actor, std::string_view tariff,
                                          std::string_view list, const RateFilter& filter,
                                          const Page& page);
  /// Adds or replaces one rate (validated like a CSV line).
  Result<rating::Rate> set_rate(const Actor& actor, std::string_view tariff, std::string_view list,
                                const rating::Rate& rate);
  Result<std::string> remove_rate(const Actor& actor, std::string_view tariff,
                                  std::string_view list, std::string_view prefix);

  Result<rating::PriceRule> add_rule(const Actor& actor, std::string_view tariff,
                                     const rating::PriceRule& rule);
  Result<std::vector<rating::PriceRule>> rules(const Actor& actor, std::string_view tariff);
  Result<std::string> remove_rule(const Actor& actor, std::string_view tariff,
                                  std::string_view name);
  Result<rating::Holiday> add_holiday(const Actor& actor, std::string_view tariff,
                                      const rating::Holiday& holiday);
  Result<std::vector<rating::Holiday>> holidays(const Actor& actor, std::string_view tariff);
  /// `date`: "2026-12-24" or "12-25".
  Result<std::string> remove_holiday(const Actor& actor, std::string_view tariff,
                                     std::string_view date);

  /// Creates or replaces a whole tariff from tariff-file text (rating/tariff_file.h): header,
  /// lists, rules and holidays, in one transaction.
  Result<TariffRecord> import_tariff_file(const Actor& actor, std::string_view text);
  /// The stored tariff as tariff-file text.
  Result<std::string> export_tariff_file(const Actor& actor, std::string_view tariff);

  /// The price of a call of `duration_s` to `number` starting at `start` with the stored
  /// tariff, exactly as a Stop would charge it.
  Result<rating::CallPrice> quote(const Actor& actor, std::string_view tariff,
                                  std::string_view number, rating::Instant start,
                                  std::uint32_t duration_s);
  /// How long a call to `number` starting at `start` may last with `free_balance`.
  Result<rating::Grant> quote_grant(const Actor& actor, std::string_view tariff,
                                    std::string_view number, rating::Instant start,
                                    rating::Money free_balance, std::uint32_t cap_s);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<TariffCache> cache_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing

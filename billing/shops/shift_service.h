#pragma once
/// @file shift_service.h
/// @brief ShiftService: operators' shifts at a shop's counter and the cash register.
///
/// An operator opens a shift at the shop it works (an administrator at any shop) with an
/// opening cash float, moves cash in (float) or out (withdrawal, expense) during it, and
/// closes it with the cash counted; the report says what the till should hold and the
/// difference. One open shift per operator and shop. Amounts are in the shop's currency:
/// positive (a float may be zero), whole minor units (no 0.005 EUR), at most 1,000,000. Every
/// change writes its audit row; a refusal changes nothing.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/shops/shift.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief Which shifts to list, newest first.
struct ShiftFilter {
  std::string shop;        ///< "" = every shop the actor may read
  bool open_only = false;  ///< only shifts not closed yet
};

/// @brief Shifts and cash movements. Thread-safe.
class ShiftService {
 public:
  explicit ShiftService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock = nullptr,
                        int max_attempts = 5);

  /// Opens the actor's shift at `shop` ("" = the shop the operator works).
  Result<ShiftReport> open(const Actor& actor, std::string_view shop, rating::Money opening_float);
  /// Closes shift `id` (the actor's own; an administrator's any) with the cash counted.
  Result<ShiftReport> close(const Actor& actor, ShiftId id, rating::Money counted);
  /// Cash in (`in`) or out of the actor's open shift at `shop` ("" = its shop).
  Result<CashMovement> move_cash(const Actor& actor, std::string_view shop, bool in,
                                 rating::Money amount, CashReason reason, std::string_view note);
  /// A shift's report (operators: shifts of their shop).
  Result<ShiftReport> report(const Actor& actor, ShiftId id);
  /// The same report as text for a 40- or 48-column printer (shift_text.h), times in the
  /// shop's zone.
  Result<std::string> printout(const Actor& actor, ShiftId id, std::size_t width);
  Result<std::vector<Shift>> list(const Actor& actor, const ShiftFilter& filter, const Page& page);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing

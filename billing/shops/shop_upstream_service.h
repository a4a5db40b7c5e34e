#pragma once
/// @file shop_upstream_service.h
/// @brief ShopUpstreamService: a shop's balance with its upstream provider — opened and its
/// warning threshold set by an administrator, recharged by an administrator, shown to the
/// shop's operators (with the warning), its ledger listed and checked.
///
/// The account's currency is its shop's cost tariff's at opening (a shop needs a cost tariff
/// to open one; configure_shop then refuses a cost tariff of another currency). Every change
/// is a ledger row (or, for a call, its CDR) written in the transaction that changes the
/// balance, with its audit row; a refusal changes nothing.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/shops/shop.h"
#include "billing/shops/shop_upstream.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief A shop's upstream account as the counter sees it.
struct UpstreamView {
  Shop shop;
  ShopUpstream account;
  rating::Money held;       ///< what the shop's booth calls in progress hold on it
  rating::Money available;  ///< balance − held: what new booth calls may cost
  /// available <= warn_below: the counter should recharge (or tell the administrator).
  bool warning = false;
  /// available <= 0: every booth call of the shop is refused ("Shop balance too low"). With a
  /// little left, a call may still be refused where its first increment costs more.
  bool refusing = false;
};

/// @brief The upstream check: every shop's upstream balance against its ledger.
struct UpstreamCheck {
  std::uint64_t accounts = 0;
  std::vector<UpstreamMismatch> mismatches;
};

/// @brief Shops' upstream accounts. Thread-safe.
class ShopUpstreamService {
 public:
  explicit ShopUpstreamService(std::shared_ptr<Store> store,
                               std::shared_ptr<const Clock> clock = nullptr, int max_attempts = 5);

  /// Opens the shop's account (balance 0, in its cost tariff's currency) or, when it has one,
  /// changes its warning threshold (`warn_below` >= 0, in the account's currency; absent: 0 on
  /// opening, unchanged after). Administrators only.
  Result<UpstreamView> configure(const Actor& actor, std::string_view shop,
                                 std::optional<rating::Money> warn_below);
  /// Adds `amount` (> 0, whole minor units) paid to the provider: a recharge row.
  /// Administrators only.
  Result<UpstreamEntry> recharge(const Actor& actor, std::string_view shop, rating::Money amount,
                                 std::string_view reason);
  /// The account (operators: of their own shop). not_found when the shop has none.
  Result<UpstreamView> show(const Actor& actor, std::string_view shop);
  /// Its ledger, oldest first: the rows and the calls' costs (from their CDRs).
  Result<std::vector<UpstreamEntry>> ledger(const Actor& actor, std::string_view shop,
                                            const Page& page);
  /// Every account's balance against the sum of its ledger. Administrators only.
  Result<UpstreamCheck> check(const Actor& actor);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

/// The view of `account` of `shop` with what open calls hold on it.
UpstreamView upstream_view(const Shop& shop, const ShopUpstream& account, rating::Money held);

}  // namespace prepaid::billing

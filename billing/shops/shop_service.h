#pragma once
/// @file shop_service.h
/// @brief ShopService: callshops and their booths, and which shop an operator works.
///
/// Roles: administrators (and the system actor) add and configure shops and booths, enable
/// and disable booths and assign operators to shops; an operator reads only the shop whose
/// counter it works (Operator::shop_id) and that shop's booths. Every mutation writes its
/// audit row in the same transaction; a refusal changes nothing.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/operators/actor.h"
#include "billing/operators/operator.h"
#include "billing/result.h"
#include "billing/shops/booth.h"
#include "billing/shops/shop.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief A new shop. The retail tariff must exist and be in `currency`; the cost tariff,
/// when given, must exist (in any currency).
struct ShopRequest {
  std::string name;  ///< a label
  std::string currency;
  std::string time_zone;  ///< IANA zone
  std::string retail_tariff;
  std::optional<std::string> cost_tariff;
  std::vector<std::string> receipt_header;  ///< at most 8 printable lines of <= 48 characters
  rating::Money rounding_step = rating::Money::from_micros(10'000);  ///< 0.01/0.05/0.10/1.00
  CashRoundingMethod rounding = CashRoundingMethod::nearest;
};

/// @brief What `configure` changes (absent: unchanged). The currency is fixed at creation.
struct ShopSettings {
  std::optional<std::string> time_zone;
  /// In the shop's currency; every booth of the shop is moved to it.
  std::optional<std::string> retail_tariff;
  std::optional<std::string> cost_tariff;  ///< "" removes it
  std::optional<std::vector<std::string>> receipt_header;
  std::optional<rating::Money> rounding_step;
  std::optional<CashRoundingMethod> rounding;
};

/// @brief A new booth: its account is created with it (kind booth, the shop's currency and
/// retail tariff, active at once, never expiring, one call at a time, balance 0).
struct BoothRequest {
  std::string shop;
  std::string label;   ///< 1..64 printable characters, unique in the shop
  std::string number;  ///< the cabin's login (6..20 digits); "" = 12 random digits
  std::string pin;     ///< its PIN (4..12 digits); "" = 6 random digits
};

/// @brief A created booth and its account's PIN (shown once).
struct BoothCreated {
  Booth booth;
  std::string pin;
};

/// @brief Shops, booths and operators' shops. Thread-safe.
class ShopService {
 public:
  explicit ShopService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock = nullptr,
                       int max_attempts = 5);

  Result<Shop> add_shop(const Actor& actor, const ShopRequest& request);
  /// Every shop for administrators; an operator's own shop (or none).
  Result<std::vector<Shop>> list_shops(const Actor& actor);
  Result<Shop> show_shop(const Actor& actor, std::string_view name);
  Result<Shop> configure_shop(const Actor& actor, std::string_view name,
                              const ShopSettings& settings);

  Result<BoothCreated> add_booth(const Actor& actor, const BoothRequest& request);
  /// The booths of `shop` ("" = every shop the actor may read), by shop and label.
  Result<std::vector<Booth>> list_booths(const Actor& actor, std::string_view shop);
  Result<Booth> show_booth(const Actor& actor, std::string_view number);
  /// Enables (active) or disables a booth's account; dropped booths are refused.
  Result<Booth> set_booth_enabled(const Actor& actor, std::string_view number, bool enabled);

  /// Makes an operator work the counter of `shop` (nullopt: of none). Administrators only.
  Result<Operator> assign_operator(const Actor& actor, std::string_view operator_name,
                                   std::optional<std::string> shop);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing

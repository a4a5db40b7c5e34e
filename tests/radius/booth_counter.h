#pragma once
/// @file booth_counter.h
/// @brief A callshop counter for end-to-end tests: shop "corner" selling at a flat tariff
/// (0.60/min to the UK, billed per second, whenever the test runs), one booth "Cabin 1" and
/// operator olga's open shift there, set up through the billing services.

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>

#include "billing/operators/operator_service.h"
#include "billing/shops/booth_session_service.h"
#include "billing/shops/shift_service.h"
#include "billing/shops/shop_service.h"
#include "tests/radius/billing_fixture.h"
#include "tests/radius/store_seed.h"

namespace prepaid::radius::testing {

/// One price at every hour (no rule): 0.60/min billed per second, so 0.90 buys 90 s.
inline const char* const kFlatTariff = R"([tariff]
name = booth-flat
currency = EUR
zone = UTC
rounding = up
rounding_decimals = 2
international_prefix = 00
base = day

[pricelist day]
prefix,destination,rate,first_increment,increment
44,United Kingdom,0.60,1,1
)";

/// A shop "corner" selling at kFlatTariff with one booth, and olga's open shift there;
/// `adjust` changes the shop's settings before it is added (rounding, receipt header).
struct Counter {
  explicit Counter(BillingFixture& billing,
                   const std::function<void(billing::ShopRequest&)>& adjust = {})
      : store(&billing.store(), [](billing::Store*) {}),
        shops(store),
        shifts(store),
        sessions(store) {
    seed_tariff(billing.store(), kFlatTariff);
    billing::OperatorService ops(store);
    REQUIRE(ops.add(admin, "olga", billing::Role::operator_));
    billing::ShopRequest shop;
    shop.name = "corner";
    shop.currency = "EUR";
    shop.time_zone = "Europe/Sofia";
    shop.retail_tariff = "booth-flat";
    if (adjust) adjust(shop);
    REQUIRE(shops.add_shop(admin, shop));
    REQUIRE(shops.assign_operator(admin, "olga", "corner"));
    auto added = shops.add_booth(admin, billing::BoothRequest{"corner", "Cabin 1", "", ""});
    REQUIRE(added);
    booth = added->booth.number;
    pin = added->pin;
    auto opened = shifts.open(olga, "", money("20.00"));
    REQUIRE(opened);
    shift = opened->shift.id;
  }
  std::shared_ptr<billing::Store> store;
  const billing::Actor admin = billing::Actor::system("test");
  const billing::Actor olga{"olga", billing::Role::operator_, "test"};
  billing::ShopService shops;
  billing::ShiftService shifts;
  billing::BoothSessionService sessions;
  std::string booth;
  std::string pin;
  billing::ShiftId shift = 0;  ///< olga's
};

}  // namespace prepaid::radius::testing

#pragma once
/// @file shop_service_cases.h
/// @brief ShopService cases (shops, booths, operators' shops), templates over the store backend.

#include <doctest/doctest.h>

#include <string>

#include "billing/operators/audit_log.h"
#include "billing/operators/operator_service.h"
#include "billing/shops/shop_service.h"
#include "call_world.h"

namespace prepaid::billing::testing {

/// A shop "corner" selling at the test tariff "retail" (EUR).
inline ShopRequest corner_shop(std::string name = "corner") {
  ShopRequest r;
  r.name = std::move(name);
  r.currency = "EUR";
  r.time_zone = "Europe/Sofia";
  r.retail_tariff = "retail";
  r.receipt_header = {"Corner Calls", "1 Main Street"};
  r.rounding_step = money("0.05");
  r.rounding = CashRoundingMethod::up;
  return r;
}

TEST_CASE_TEMPLATE_DEFINE("shops are added, read and configured by administrators", B,
                          shops_admin) {
  // Proves shop administration, its audit rows, and that every bad input is refused with its
  // field named and changes nothing.
  CallWorld<B> w;
  ShopService shops(w.backend.store, w.clock);
  OperatorService ops(w.backend.store, w.clock);
  const Actor boot = Actor::system("cli");
  REQUIRE(ops.add(boot, "alice", Role::administrator));
  REQUIRE(ops.add(boot, "olga", Role::operator_));
  const Actor alice{"alice", Role::administrator, "cli"};
  const Actor olga{"olga", Role::operator_, "cli"};

  auto added = shops.add_shop(alice, corner_shop());
  REQUIRE(added);
  CHECK(added->id > 0);
  CHECK(added->rounding_step == money("0.05"));
  auto shown = shops.show_shop(alice, "corner");
  REQUIRE(shown);
  CHECK(shown->time_zone == "Europe/Sofia");
  CHECK(shown->receipt_header == std::vector<std::string>{"Corner Calls", "1 Main Street"});
  CHECK(shown->rounding == CashRoundingMethod::up);
  CHECK_FALSE(shown->cost_tariff);

  const std::string before = w.backend.store->state_fingerprint();
  auto refused = [&](ShopRequest r, ErrorCode code, const char* field) {
    auto res = shops.add_shop(alice, r);
    REQUIRE_FALSE(res);
    CHECK(res.problem().code == code);
    CHECK(res.problem().field == field);
  };
  refused(corner_shop(), ErrorCode::conflict, "name");
  refused(corner_shop("Corner shop"), ErrorCode::invalid_argument, "name");
  auto r = corner_shop("b");
  r.currency = "EURO";
  refused(r, ErrorCode::invalid_argument, "currency");
  r = corner_shop("b");
  r.time_zone = "Europe/Atlantis";
  refused(r, ErrorCode::invalid_argument, "time_zone");
  r = corner_shop("b");
  r.rounding_step = money("0.02");
  refused(r, ErrorCode::invalid_argument, "rounding_step");
  r = corner_shop("b");
  r.retail_tariff = "nowhere";
  refused(r, ErrorCode::not_found, "retail_tariff");
  r = corner_shop("b");
  r.currency = "USD";
  refused(r, ErrorCode::currency_mismatch, "retail_tariff");
  r = corner_shop("b");
  r.cost_tariff = "nowhere";
  refused(r, ErrorCode::not_found, "cost_tariff");
  r = corner_shop("b");
  r.receipt_header = {std::string(49, 'x')};
  refused(r, ErrorCode::invalid_argument, "receipt_header");
  r = corner_shop("b");
  r.receipt_header = std::vector<std::string>(9, "line");
  refused(r, ErrorCode::invalid_argument, "receipt_header");
  CHECK(shops.add_shop(olga, corner_shop("b")).problem().code == ErrorCode::forbidden);
  ShopSettings bad;
  bad.rounding_step = money("0.25");
  CHECK(shops.configure_shop(alice, "corner", bad).problem().field == "rounding_step");
  CHECK(shops.configure_shop(alice, "corner", ShopSettings{}).problem().code ==
        ErrorCode::invalid_argument);
  ShopSettings fine;
  fine.rounding = CashRoundingMethod::down;
  CHECK(shops.configure_shop(olga, "corner", fine).problem().code == ErrorCode::forbidden);
  CHECK(shops.configure_shop(alice, "nowhere", fine).problem().code == ErrorCode::not_found);
  CHECK(w.backend.store->state_fingerprint() == before);

  ShopSettings change;
  change.cost_tariff = "retail";
  change.receipt_header = std::vector<std::string>{"Corner Calls"};
  change.rounding_step = money("1.00");
  change.rounding = CashRoundingMethod::nearest;
  auto configured = shops.configure_shop(alice, "corner", change);
  REQUIRE(configured);
  auto again = shops.show_shop(alice, "corner");
  REQUIRE(again);
  CHECK(again->cost_tariff == std::optional<std::string>("retail"));
  CHECK(again->receipt_header == std::vector<std::string>{"Corner Calls"});
  CHECK(again->rounding_step == money("1.00"));
  CHECK(again->rounding == CashRoundingMethod::nearest);
  ShopSettings no_cost;
  no_cost.cost_tariff = "";
  REQUIRE(shops.configure_shop(alice, "corner", no_cost));
  CHECK_FALSE(shops.show_shop(alice, "corner")->cost_tariff);

  AuditLog audit(w.backend.store);
  AuditFilter filter;
  filter.object = "shop:corner";
  auto rows = audit.list(alice, filter, Page{});
  REQUIRE(rows);
  CHECK(rows->size() == 3);  // add, configure, configure
  CHECK(rows->back().action == "shop.add");
}

TEST_CASE_TEMPLATE_DEFINE("booths are accounts of their shop; operators read their shop's", B,
                          shops_booths) {
  // Proves a booth is created as an active booth account at its shop's tariff, that its label
  // is unique in the shop, that operators read only their own shop's shops and booths, and
  // that enabling and disabling a booth changes its account's status.
  CallWorld<B> w;
  ShopService shops(w.backend.store, w.clock);
  OperatorService ops(w.backend.store, w.clock);
  const Actor boot = Actor::system("cli");
  REQUIRE(ops.add(boot, "alice", Role::administrator));
  REQUIRE(ops.add(boot, "olga", Role::operator_));
  const Actor alice{"alice", Role::administrator, "cli"};
  const Actor olga{"olga", Role::operator_, "cli"};
  REQUIRE(shops.add_shop(alice, corner_shop("corner")));
  REQUIRE(shops.add_shop(alice, corner_shop("station")));

  auto cabin = shops.add_booth(alice, BoothRequest{"corner", "Cabin 1", "5550001", "4321"});
  REQUIRE(cabin);
  CHECK(cabin->pin == "4321");
  CHECK(cabin->booth.shop == "corner");
  const Card account = w.card("5550001");
  CHECK(account.kind == CardKind::booth);
  CHECK(account.status == CardStatus::active);
  CHECK(account.tariff == "retail");
  CHECK(account.currency == "EUR");
  CHECK(account.balance == money("0"));
  CHECK(account.validity_days == 0);
  auto generated = shops.add_booth(alice, BoothRequest{"corner", "Cabin 2", "", ""});
  REQUIRE(generated);
  CHECK(generated->booth.number.size() == 12);
  CHECK(generated->pin.size() == 6);
  REQUIRE(shops.add_booth(alice, BoothRequest{"station", "Cabin 1", "5550009", ""}));

  const std::string before = w.backend.store->state_fingerprint();
  auto dup = shops.add_booth(alice, BoothRequest{"corner", "Cabin 1", "5550002", ""});
  CHECK(dup.problem().code == ErrorCode::conflict);
  CHECK(dup.problem().field == "label");
  CHECK(shops.add_booth(alice, BoothRequest{"corner", "Cabin 3", "5550001", ""}).problem().field ==
        "number");
  CHECK(shops.add_booth(alice, BoothRequest{"nowhere", "Cabin 3", "", ""}).problem().code ==
        ErrorCode::not_found);
  CHECK(shops.add_booth(alice, BoothRequest{"corner", "", "", ""}).problem().field == "label");
  CHECK(shops.add_booth(alice, BoothRequest{"corner", "x", "12ab", ""}).problem().field ==
        "number");
  CHECK(shops.add_booth(alice, BoothRequest{"corner", "x", "", "1"}).problem().field == "pin");
  CHECK(shops.add_booth(olga, BoothRequest{"corner", "x", "", ""}).problem().code ==
        ErrorCode::forbidden);
  // An operator of no shop reads none.
  CHECK(shops.list_shops(olga)->empty());
  CHECK(shops.list_booths(olga, "")->empty());
  CHECK(shops.show_shop(olga, "corner").problem().code == ErrorCode::forbidden);
  CHECK(shops.show_booth(olga, "5550001").problem().code == ErrorCode::forbidden);
  CHECK(shops.assign_operator(olga, "olga", "corner").problem().code == ErrorCode::forbidden);
  CHECK(shops.assign_operator(alice, "olga", "nowhere").problem().field == "shop");
  CHECK(shops.set_booth_enabled(olga, "5550001", false).problem().code == ErrorCode::forbidden);
  CHECK(shops.set_booth_enabled(alice, "5550001", true).problem().code ==
        ErrorCode::failed_precondition);
  CHECK(shops.set_booth_enabled(alice, "4444", false).problem().code == ErrorCode::not_found);
  CHECK(w.backend.store->state_fingerprint() == before);

  auto assigned = shops.assign_operator(alice, "olga", "corner");
  REQUIRE(assigned);
  CHECK(assigned->shop == "corner");
  CHECK(ops.list(alice)->at(1).shop == "corner");
  auto mine = shops.list_shops(olga);
  REQUIRE(mine);
  REQUIRE(mine->size() == 1);
  CHECK(mine->at(0).name == "corner");
  CHECK(shops.list_shops(alice)->size() == 2);
  auto booths = shops.list_booths(olga, "");
  REQUIRE(booths);
  REQUIRE(booths->size() == 2);
  CHECK(booths->at(0).label == "Cabin 1");
  CHECK(booths->at(1).label == "Cabin 2");
  CHECK(shops.list_booths(olga, "station").problem().code == ErrorCode::forbidden);
  CHECK(shops.show_booth(olga, "5550009").problem().code == ErrorCode::forbidden);
  CHECK(shops.list_booths(alice, "")->size() == 3);
  CHECK(shops.show_booth(olga, "5550001")->label == "Cabin 1");

  auto disabled = shops.set_booth_enabled(alice, "5550001", false);
  REQUIRE(disabled);
  CHECK(disabled->status == CardStatus::disabled);
  CHECK(w.card("5550001").status == CardStatus::disabled);
  CHECK(shops.show_booth(olga, "5550001")->status == CardStatus::disabled);
  REQUIRE(shops.set_booth_enabled(alice, "5550001", true));
  CHECK(w.card("5550001").status == CardStatus::active);
  CHECK(shops.assign_operator(alice, "olga", std::nullopt)->shop.empty());
  CHECK(shops.list_booths(olga, "")->empty());

  // A new retail tariff moves the shop's booths to it.
  {
    auto tx = w.backend.store->begin();
    TariffRecord t = make_tariff("retail2");
    tx->insert_tariff(t);
    tx->commit();
  }
  ShopSettings move;
  move.retail_tariff = "retail2";
  REQUIRE(shops.configure_shop(alice, "corner", move));
  CHECK(w.card("5550001").tariff == "retail2");
  CHECK(w.card("5550009").tariff == "retail");
}

}  // namespace prepaid::billing::testing

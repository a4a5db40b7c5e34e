// A shop's upstream account: opened, its threshold set, recharged, shown, its ledger listed
// and checked; one transaction and audit row per change.
#include "billing/shops/shop_upstream_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/shops/counter_access.h"
#include "billing/shops/counter_amount.h"
#include "billing/validation.h"

namespace prepaid::billing {

using rating::Money;

namespace {

std::string object_of(const Shop& s) {
  return "shop:" + s.name;
}

std::string audit_of(const ShopUpstream& a) {
  return nlohmann::json{{"currency", a.currency},
                        {"balance", a.balance.to_string(6)},
                        {"warn_below", a.warn_below.to_string(6)}}
      .dump();
}

Problem no_account(const Shop& s) {
  return refuse(ErrorCode::not_found, "shop '" + s.name +
                                          "' has no upstream account (shops upstream "
                                          "configure " +
                                          s.name + ")");
}

}  // namespace

UpstreamView upstream_view(const Shop& shop, const ShopUpstream& account, Money held) {
  UpstreamView v;
  v.shop = shop;
  v.account = account;
  v.held = held;
  v.available = account.balance - held;
  v.warning = v.available <= account.warn_below;
  v.refusing = v.available <= Money();
  return v;
}

ShopUpstreamService::ShopUpstreamService(std::shared_ptr<Store> store,
                                         std::shared_ptr<const Clock> clock, int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<UpstreamView> ShopUpstreamService::configure(const Actor& actor, std::string_view shop,
                                                    std::optional<Money> warn_below) {
  if (auto p = require_admin(actor)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<UpstreamView> {
    auto s = tx.find_shop(shop);
    if (!s) return refuse(ErrorCode::not_found, "no shop '" + std::string(shop) + "'");
    auto account = tx.find_shop_upstream(s->id, RowLock::exclusive);
    const bool opening = !account;
    std::string before = "{}";
    if (opening) {
      if (!s->cost_tariff)
        return refuse(ErrorCode::failed_precondition,
                      "shop '" + s->name +
                          "' has no cost tariff: give it one first (shops configure " + s->name +
                          " --cost-tariff NAME)");
      auto tariff = tx.find_tariff(*s->cost_tariff);
      if (!tariff) return refuse(ErrorCode::not_found, "no tariff '" + *s->cost_tariff + "'");
      account = ShopUpstream{};
      account->shop_id = s->id;
      account->currency = tariff->currency;
      account->created_at = now;
    } else {
      if (!warn_below) return refuse(ErrorCode::invalid_argument, "nothing to change");
      before = audit_of(*account);
    }
    if (warn_below)
      if (auto p = check_counter_amount(*warn_below, account->currency, "warn_below", true))
        return *p;
    if (warn_below) account->warn_below = *warn_below;
    account->updated_at = now;
    if (opening)
      tx.insert_shop_upstream(*account);
    else
      tx.update_shop_upstream(*account);
    record_audit(tx, actor, now, opening ? "shop.upstream_open" : "shop.upstream_configure",
                 object_of(*s), before, audit_of(*account));
    return upstream_view(*s, *account, tx.shop_upstream_held(s->id, now));
  });
}

Result<UpstreamEntry> ShopUpstreamService::recharge(const Actor& actor, std::string_view shop,
                                                    Money amount, std::string_view reason) {
  if (auto p = require_admin(actor)) return *p;
  if (!is_printable(reason, 255))
    return refuse(ErrorCode::invalid_argument, "reason must be at most 255 printable characters")
        .about("reason");
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<UpstreamEntry> {
    auto s = tx.find_shop(shop);
    if (!s) return refuse(ErrorCode::not_found, "no shop '" + std::string(shop) + "'");
    auto account = tx.find_shop_upstream(s->id, RowLock::exclusive);
    if (!account) return no_account(*s);
    if (auto p = check_counter_amount(amount, account->currency, "amount", false)) return *p;
    const std::string before = audit_of(*account);
    account->balance = account->balance + amount;
    account->updated_at = now;
    UpstreamEntry e;
    e.shop_id = s->id;
    e.at = now;
    e.kind = UpstreamEntryKind::recharge;
    e.amount = amount;
    e.balance_after = account->balance;
    e.currency = account->currency;
    e.actor = actor.name;
    e.reason = reason.empty() ? std::string("recharge") : std::string(reason);
    tx.insert_shop_upstream_entry(e);
    tx.update_shop_upstream(*account);
    record_audit(tx, actor, now, "shop.upstream_recharge", object_of(*s), before,
                 audit_of(*account));
    return e;
  });
}

Result<UpstreamView> ShopUpstreamService::show(const Actor& actor, std::string_view shop) {
  if (auto p = require_staff(actor)) return *p;
  const auto now = clock_->now();
  auto tx = store_->begin();
  auto s = tx->find_shop(shop);
  if (!s) return refuse(ErrorCode::not_found, "no shop '" + std::string(shop) + "'");
  if (!may_read_shop(*tx, actor, s->id)) return not_your_shop(actor, s->name);
  auto account = tx->find_shop_upstream(s->id, RowLock::none);
  if (!account) return no_account(*s);
  const Money held = tx->shop_upstream_held(s->id, now);
  tx->commit();
  return upstream_view(*s, *account, held);
}

Result<std::vector<UpstreamEntry>> ShopUpstreamService::ledger(const Actor& actor,
                                                               std::string_view shop,
                                                               const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  auto s = tx->find_shop(shop);
  if (!s) return refuse(ErrorCode::not_found, "no shop '" + std::string(shop) + "'");
  if (!may_read_shop(*tx, actor, s->id)) return not_your_shop(actor, s->name);
  if (!tx->find_shop_upstream(s->id, RowLock::none)) return no_account(*s);
  auto out = tx->list_shop_upstream_ledger(s->id, page);
  tx->commit();
  return out;
}

Result<UpstreamCheck> ShopUpstreamService::check(const Actor& actor) {
  if (auto p = require_admin(actor)) return *p;
  auto tx = store_->begin();
  UpstreamCheck out;
  out.accounts = tx->count_shop_upstreams();
  out.mismatches = tx->shop_upstream_mismatches();
  tx->commit();
  return out;
}

}  // namespace prepaid::billing

// Shifts and the cash register: roles, amounts, one transaction and audit row each.
#include "billing/shops/shift_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/shops/counter_access.h"
#include "billing/shops/counter_amount.h"
#include "billing/shops/shift_counter.h"
#include "billing/shops/shift_text.h"
#include "billing/validation.h"
#include "rating/currency.h"

namespace prepaid::billing {

using rating::Money;

namespace {

std::string shift_object(ShiftId id) {
  return "shift:" + std::to_string(id);
}

std::string audit_of(const Shift& s) {
  nlohmann::json j{{"id", s.id},
                   {"shop", s.shop},
                   {"operator", s.operator_name},
                   {"opening_float", s.opening_float.to_string(6)},
                   {"currency", s.currency}};
  if (s.closed_at) {
    j["counted"] = s.counted->to_string(6);
    j["expected"] = s.expected->to_string(6);
  }
  return j.dump();
}

std::string audit_of(const CashMovement& m) {
  return nlohmann::json{{"shift", m.shift_id},
                        {"amount", m.amount.to_string(6)},
                        {"reason", to_string(m.reason)},
                        {"note", m.note}}
      .dump();
}

}  // namespace

ShiftService::ShiftService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                           int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<ShiftReport> ShiftService::open(const Actor& actor, std::string_view shop_name,
                                       Money opening_float) {
  if (auto p = require_staff(actor)) return *p;
  const auto now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<ShiftReport> {
      auto shop = counter_shop(tx, actor, shop_name);
      if (!shop) return shop.problem();
      if (auto p = check_counter_amount(opening_float, shop->currency, "float", true)) return *p;
      if (auto open = tx.open_shift(shop->id, actor.name))
        return refuse(ErrorCode::failed_precondition,
                      "'" + actor.name + "' has shift " + std::to_string(open->id) +
                          " open at shop '" + shop->name + "': close it first");
      Shift s;
      s.shop_id = shop->id;
      s.operator_name = actor.name;
      s.opened_at = now;
      s.opening_float = opening_float;
      s.shop = shop->name;
      s.currency = shop->currency;
      tx.insert_shift(s);
      record_audit(tx, actor, now, "shift.open", shift_object(s.id), "{}", audit_of(s));
      return make_shift_report(s, {});
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::failed_precondition,
                  "'" + actor.name + "' has a shift open at that shop: close it first");
  }
}

Result<ShiftReport> ShiftService::close(const Actor& actor, ShiftId id, Money counted) {
  if (auto p = require_staff(actor)) return *p;
  if (id < 1) return refuse(ErrorCode::invalid_argument, "a shift id is >= 1").about("id");
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<ShiftReport> {
    auto s = tx.find_shift(id, RowLock::exclusive);
    if (!s) return refuse(ErrorCode::not_found, "no shift " + std::to_string(id));
    if (actor.role == Role::operator_ && s->operator_name != actor.name)
      return refuse(ErrorCode::forbidden, "shift " + std::to_string(id) + " is '" +
                                              s->operator_name + "''s, not '" + actor.name + "''s");
    if (!s->open())
      return refuse(ErrorCode::failed_precondition,
                    "shift " + std::to_string(id) + " is already closed");
    auto shop = tx.find_shop(s->shop_id);
    if (auto p = check_counter_amount(counted, shop->currency, "counted", true)) return *p;
    const std::string before = audit_of(*s);
    auto report = make_shift_report(*s, tx.list_cash_movements(id));
    report.counter = read_shift_counter(tx, *s);
    s->closed_at = now;
    s->counted = counted;
    s->expected = report.expected;
    tx.close_shift(*s);
    record_audit(tx, actor, now, "shift.close", shift_object(id), before, audit_of(*s));
    report.shift = *s;
    report.counted = counted;
    report.difference = counted - report.expected;
    return report;
  });
}

Result<CashMovement> ShiftService::move_cash(const Actor& actor, std::string_view shop_name,
                                             bool in, Money amount, CashReason reason,
                                             std::string_view note) {
  if (auto p = require_staff(actor)) return *p;
  if (!reason_fits(reason, in))
    return refuse(ErrorCode::invalid_argument,
                  in ? "cash in by hand is a float (deposits and payments come with booth sessions)"
                     : "cash out by hand is a withdrawal or an expense (refunds come with booth "
                       "sessions)")
        .about("reason");
  if (!is_printable(note, kMaxCashNoteLength))
    return refuse(ErrorCode::invalid_argument, "a note is at most 255 printable characters")
        .about("note");
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<CashMovement> {
    auto shop = counter_shop(tx, actor, shop_name);
    if (!shop) return shop.problem();
    if (auto p = check_counter_amount(amount, shop->currency, "amount", false)) return *p;
    auto open = open_shift_at(tx, actor, *shop);
    if (!open) return open.problem();
    auto locked = tx.find_shift(open->id, RowLock::exclusive);
    if (!locked || !locked->open())
      return refuse(ErrorCode::failed_precondition,
                    "shift " + std::to_string(open->id) + " was closed meanwhile");
    CashMovement m;
    m.shift_id = open->id;
    m.at = now;
    m.amount = in ? amount : -amount;
    m.reason = reason;
    m.note = std::string(note);
    m.operator_name = actor.name;
    if (!in) {
      const auto report = make_shift_report(*locked, tx.list_cash_movements(open->id));
      if (report.expected < amount)
        return refuse(ErrorCode::failed_precondition,
                      "the till of shift " + std::to_string(open->id) + " should hold " +
                          report.expected.to_string() + " " + shop->currency +
                          ": cannot take out " + amount.to_string())
            .about("amount");
    }
    tx.insert_cash_movement(m);
    record_audit(tx, actor, now, in ? "cash.in" : "cash.out", shift_object(m.shift_id), "{}",
                 audit_of(m));
    return m;
  });
}

Result<ShiftReport> ShiftService::report(const Actor& actor, ShiftId id) {
  if (auto p = require_staff(actor)) return *p;
  if (id < 1) return refuse(ErrorCode::invalid_argument, "a shift id is >= 1").about("id");
  auto tx = store_->begin();
  auto s = tx->find_shift(id, RowLock::none);
  if (!s) return refuse(ErrorCode::not_found, "no shift " + std::to_string(id));
  if (!may_read_shop(*tx, actor, s->shop_id)) return not_your_shop(actor, s->shop);
  auto report = make_shift_report(*s, tx->list_cash_movements(id));
  report.counter = read_shift_counter(*tx, *s);
  tx->commit();
  return report;
}

Result<std::string> ShiftService::printout(const Actor& actor, ShiftId id, std::size_t width) {
  auto r = report(actor, id);
  if (!r) return r.problem();
  auto tx = store_->begin();
  auto shop = tx->find_shop(r->shift.shop_id);
  tx->commit();
  const auto zone = shop ? rating::TimeZone::locate(shop->time_zone) : std::nullopt;
  return shift_report_text(*r, zone.value_or(rating::TimeZone::utc()), width);
}

Result<std::vector<Shift>> ShiftService::list(const Actor& actor, const ShiftFilter& filter,
                                              const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  std::optional<ShopId> only;
  if (!filter.shop.empty()) {
    auto shop = tx->find_shop(filter.shop);
    if (!shop) return refuse(ErrorCode::not_found, "no shop '" + filter.shop + "'").about("shop");
    if (!may_read_shop(*tx, actor, shop->id)) return not_your_shop(actor, filter.shop);
    only = shop->id;
  } else if (actor.role == Role::operator_) {
    auto op = tx->find_operator(actor.name);
    if (!op || !op->shop_id) return std::vector<Shift>{};
    only = op->shop_id;
  }
  auto out = tx->list_shifts(only, filter.open_only, page);
  tx->commit();
  return out;
}

}  // namespace prepaid::billing

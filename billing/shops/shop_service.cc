// Shops, booths and operators' shops: validation, roles, one transaction and audit row each.
#include "billing/shops/shop_service.h"

#include <algorithm>

#include "billing/csprng.h"
#include "billing/label.h"
#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/validation.h"
#include "rating/currency.h"

namespace prepaid::billing {

using rating::Money;

namespace {

std::optional<Problem> check_zone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64 || !rating::TimeZone::locate(zone))
    return refuse(ErrorCode::invalid_argument,
                  "time zone '" + std::string(zone) + "' is not an IANA zone (e.g. Europe/Sofia)")
        .about("time_zone");
  return std::nullopt;
}

std::optional<Problem> check_header(const std::vector<std::string>& lines) {
  if (lines.size() > kMaxReceiptHeaderLines)
    return refuse(
               ErrorCode::invalid_argument,
               "a receipt header has at most " + std::to_string(kMaxReceiptHeaderLines) + " lines")
        .about("receipt_header");
  for (const auto& line : lines)
    if (!is_printable(line, kMaxReceiptHeaderWidth))
      return refuse(ErrorCode::invalid_argument, "each receipt header line must be at most " +
                                                     std::to_string(kMaxReceiptHeaderWidth) +
                                                     " printable characters")
          .about("receipt_header");
  return std::nullopt;
}

std::optional<Problem> check_step(Money step) {
  if (!is_rounding_step(step))
    return refuse(
               ErrorCode::invalid_argument,
               "the rounding step must be 0.01, 0.05, 0.10 or 1.00 (was " + step.to_string() + ")")
        .about("rounding_step");
  return std::nullopt;
}

// A step below the currency's minor unit (0.01 of a currency without cents) cannot be paid.
std::optional<Problem> check_step_for(Money step, const std::string& currency) {
  auto c = rating::Currency::from_code(currency);
  if (c && !c->holds_exactly(step))
    return refuse(ErrorCode::invalid_argument, "the rounding step " + step.to_string() +
                                                   " is below the minor unit of " + currency)
        .about("rounding_step");
  return std::nullopt;
}

std::optional<Problem> check_retail(Transaction& tx, const std::string& tariff,
                                    const std::string& currency) {
  if (auto p = check_label(tariff, "a tariff name", "retail_tariff")) return p;
  auto t = tx.find_tariff(tariff);
  if (!t) return refuse(ErrorCode::not_found, "no tariff '" + tariff + "'").about("retail_tariff");
  if (t->currency != currency)
    return refuse(ErrorCode::currency_mismatch, "the retail tariff '" + tariff + "' is in " +
                                                    t->currency + ", the shop in " + currency)
        .about("retail_tariff");
  return std::nullopt;
}

std::optional<Problem> check_cost(Transaction& tx, const std::string& tariff) {
  if (auto p = check_label(tariff, "a tariff name", "cost_tariff")) return p;
  if (!tx.find_tariff(tariff))
    return refuse(ErrorCode::not_found, "no tariff '" + tariff + "'").about("cost_tariff");
  return std::nullopt;
}

// The shop whose counter `actor` works, for an operator; nullopt for administrators and the
// system (they read every shop).
struct Reader {
  bool everything = false;
  std::optional<ShopId> shop;
};

Reader reader_of(Transaction& tx, const Actor& actor) {
  if (actor.role != Role::operator_) return Reader{true, std::nullopt};
  auto op = tx.find_operator(actor.name);
  return Reader{false, op ? op->shop_id : std::nullopt};
}

bool may_read(const Reader& r, ShopId shop) {
  return r.everything || r.shop == shop;
}

Problem not_your_shop(const Actor& actor, std::string_view shop) {
  return refuse(ErrorCode::forbidden,
                "operator '" + actor.name + "' does not work at shop '" + std::string(shop) + "'");
}

std::string shop_object(const Shop& s) {
  return "shop:" + s.name;
}
std::string booth_object(const Booth& b) {
  return "booth:" + b.number;
}

}  // namespace

ShopService::ShopService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                         int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<Shop> ShopService::add_shop(const Actor& actor, const ShopRequest& r) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_label(r.name, "a shop name", "name")) return *p;
  if (!rating::Currency::from_code(r.currency))
    return refuse(ErrorCode::invalid_argument, "unknown currency '" + r.currency + "'")
        .about("currency");
  if (auto p = check_zone(r.time_zone)) return *p;
  if (auto p = check_header(r.receipt_header)) return *p;
  if (auto p = check_step(r.rounding_step)) return *p;
  if (auto p = check_step_for(r.rounding_step, r.currency)) return *p;
  const auto now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Shop> {
      if (auto p = check_retail(tx, r.retail_tariff, r.currency)) return *p;
      if (r.cost_tariff)
        if (auto p = check_cost(tx, *r.cost_tariff)) return *p;
      Shop s;
      s.name = r.name;
      s.currency = r.currency;
      s.time_zone = r.time_zone;
      s.retail_tariff = r.retail_tariff;
      s.cost_tariff = r.cost_tariff;
      s.receipt_header = r.receipt_header;
      s.rounding_step = r.rounding_step;
      s.rounding = r.rounding;
      s.created_at = now;
      s.updated_at = now;
      tx.insert_shop(s);
      record_audit(tx, actor, now, "shop.add", shop_object(s), "{}", audit_json(s));
      return s;
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::conflict, "shop '" + r.name + "' exists").about("name");
  }
}

Result<std::vector<Shop>> ShopService::list_shops(const Actor& actor) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  const Reader reader = reader_of(*tx, actor);
  std::vector<Shop> out;
  for (auto& s : tx->list_shops())
    if (may_read(reader, s.id)) out.push_back(std::move(s));
  tx->commit();
  return out;
}

Result<Shop> ShopService::show_shop(const Actor& actor, std::string_view name) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto s = tx->find_shop(name);
  const Reader reader = reader_of(*tx, actor);
  tx->commit();
  if (!s) return refuse(ErrorCode::not_found, "no shop '" + std::string(name) + "'");
  if (!may_read(reader, s->id)) return not_your_shop(actor, name);
  return *s;
}

Result<Shop> ShopService::configure_shop(const Actor& actor, std::string_view name,
                                         const ShopSettings& c) {
  if (auto p = require_admin(actor)) return *p;
  if (!c.time_zone && !c.retail_tariff && !c.cost_tariff && !c.receipt_header && !c.rounding_step &&
      !c.rounding)
    return refuse(ErrorCode::invalid_argument, "nothing to change");
  if (c.time_zone)
    if (auto p = check_zone(*c.time_zone)) return *p;
  if (c.receipt_header)
    if (auto p = check_header(*c.receipt_header)) return *p;
  if (c.rounding_step)
    if (auto p = check_step(*c.rounding_step)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Shop> {
    auto s = tx.find_shop(name);
    if (!s) return refuse(ErrorCode::not_found, "no shop '" + std::string(name) + "'");
    const std::string before = audit_json(*s);
    if (c.rounding_step)
      if (auto p = check_step_for(*c.rounding_step, s->currency)) return *p;
    if (c.retail_tariff)
      if (auto p = check_retail(tx, *c.retail_tariff, s->currency)) return *p;
    if (c.cost_tariff && !c.cost_tariff->empty()) {
      if (auto p = check_cost(tx, *c.cost_tariff)) return *p;
      // The upstream account is in one currency: its cost tariff must stay in it.
      auto account = tx.find_shop_upstream(s->id, RowLock::none);
      auto tariff = tx.find_tariff(*c.cost_tariff);
      if (account && tariff && tariff->currency != account->currency)
        return refuse(ErrorCode::currency_mismatch,
                      "the cost tariff '" + *c.cost_tariff + "' is in " + tariff->currency +
                          ", the shop's upstream account in " + account->currency)
            .about("cost_tariff");
    }
    if (c.time_zone) s->time_zone = *c.time_zone;
    if (c.cost_tariff) s->cost_tariff = c.cost_tariff->empty() ? std::nullopt : c.cost_tariff;
    if (c.receipt_header) s->receipt_header = *c.receipt_header;
    if (c.rounding_step) s->rounding_step = *c.rounding_step;
    if (c.rounding) s->rounding = *c.rounding;
    if (c.retail_tariff && *c.retail_tariff != s->retail_tariff) {
      s->retail_tariff = *c.retail_tariff;
      // The booths sell at the shop's tariff: they move with it.
      for (const auto& b : tx.list_booths(s->id)) {
        auto card = tx.lock_card(b.number);
        if (!card) continue;
        const std::string card_before = audit_json(*card);
        card->tariff = s->retail_tariff;
        tx.update_card(*card);
        record_audit(tx, actor, now, "card.configure", "card:" + card->number, card_before,
                     audit_json(*card));
      }
    }
    s->updated_at = now;
    tx.update_shop(*s);
    record_audit(tx, actor, now, "shop.configure", shop_object(*s), before, audit_json(*s));
    return *s;
  });
}

Result<BoothCreated> ShopService::add_booth(const Actor& actor, const BoothRequest& r) {
  if (auto p = require_admin(actor)) return *p;
  if (r.label.empty() || !is_printable(r.label, kMaxBoothLabelLength))
    return refuse(ErrorCode::invalid_argument, "a booth label is 1..64 printable characters")
        .about("label");
  if (!r.number.empty() && !is_digits(r.number, 6, 20))
    return refuse(ErrorCode::invalid_argument, "a booth number is 6..20 digits").about("number");
  if (!r.pin.empty() && !is_digits(r.pin, 4, 12))
    return refuse(ErrorCode::invalid_argument, "a PIN is 4..12 digits").about("pin");
  const auto now = clock_->now();
  const std::string pin = r.pin.empty() ? random_digits(6) : r.pin;
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<BoothCreated> {
      auto shop = tx.find_shop(r.shop);
      if (!shop) return refuse(ErrorCode::not_found, "no shop '" + r.shop + "'").about("shop");
      std::string number = r.number;
      if (number.empty()) {
        for (int attempt = 0; attempt < 20 && number.empty(); ++attempt) {
          std::string candidate = random_digits(12, true);
          if (tx.existing_numbers({candidate}).empty()) number = candidate;
        }
        if (number.empty())
          return refuse(ErrorCode::conflict, "no free booth number found; give --number");
      } else if (!tx.existing_numbers({number}).empty()) {
        return refuse(ErrorCode::conflict, "number " + number + " is taken").about("number");
      }
      for (const auto& b : tx.list_booths(shop->id))
        if (b.label == r.label)
          return refuse(ErrorCode::conflict,
                        "shop '" + shop->name + "' has a booth labelled '" + r.label + "'")
              .about("label");
      Card card;
      card.number = number;
      card.pin = pin;
      card.kind = CardKind::booth;
      card.status = CardStatus::active;
      card.currency = shop->currency;
      card.tariff = shop->retail_tariff;
      card.max_concurrent = 1;
      card.activation = ActivationMode::at_creation;
      card.validity_days = 0;
      card.created_at = now;
      card.activated_at = now;
      tx.insert_card(card);
      Booth booth;
      booth.card_id = card.id;
      booth.shop_id = shop->id;
      booth.label = r.label;
      booth.created_at = now;
      booth.shop = shop->name;
      booth.number = card.number;
      booth.status = card.status;
      tx.insert_booth(booth);
      record_audit(tx, actor, now, "card.create", "card:" + card.number, "{}", audit_json(card));
      record_audit(tx, actor, now, "booth.add", booth_object(booth), "{}", audit_json(booth));
      return BoothCreated{booth, pin};
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::conflict, "that booth number or label is taken");
  }
}

Result<std::vector<Booth>> ShopService::list_booths(const Actor& actor, std::string_view shop) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  const Reader reader = reader_of(*tx, actor);
  std::optional<ShopId> only;
  if (!shop.empty()) {
    auto s = tx->find_shop(shop);
    if (!s)
      return refuse(ErrorCode::not_found, "no shop '" + std::string(shop) + "'").about("shop");
    if (!may_read(reader, s->id)) return not_your_shop(actor, shop);
    only = s->id;
  } else if (!reader.everything) {
    if (!reader.shop) return std::vector<Booth>{};
    only = reader.shop;
  }
  auto out = tx->list_booths(only);
  tx->commit();
  return out;
}

Result<Booth> ShopService::show_booth(const Actor& actor, std::string_view number) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto b = tx->find_booth(number);
  const Reader reader = reader_of(*tx, actor);
  tx->commit();
  if (!b) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
  if (!may_read(reader, b->shop_id)) return not_your_shop(actor, b->shop);
  return *b;
}

Result<Booth> ShopService::set_booth_enabled(const Actor& actor, std::string_view number,
                                             bool enabled) {
  if (auto p = require_admin(actor)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Booth> {
    auto b = tx.find_booth(number);
    if (!b) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
    auto card = tx.lock_card(number);
    if (!card) return refuse(ErrorCode::not_found, "no booth " + std::string(number));
    if (card->status == CardStatus::dropped)
      return refuse(ErrorCode::failed_precondition, "booth " + b->number + " is dropped");
    const CardStatus target = enabled ? CardStatus::active : CardStatus::disabled;
    if (card->status == target)
      return refuse(ErrorCode::failed_precondition,
                    "booth " + b->number + " is already " + (enabled ? "enabled" : "disabled"));
    const std::string before = audit_json(*b);
    const std::string card_before = audit_json(*card);
    card->status = target;
    if (enabled && !card->activated_at) card->activated_at = now;
    tx.update_card(*card);
    b->status = target;
    record_audit(tx, actor, now, enabled ? "card.enable" : "card.disable", "card:" + card->number,
                 card_before, audit_json(*card));
    record_audit(tx, actor, now, enabled ? "booth.enable" : "booth.disable", booth_object(*b),
                 before, audit_json(*b));
    return *b;
  });
}

Result<Operator> ShopService::assign_operator(const Actor& actor, std::string_view operator_name,
                                              std::optional<std::string> shop) {
  if (auto p = require_admin(actor)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Operator> {
    auto op = tx.find_operator(operator_name);
    if (!op)
      return refuse(ErrorCode::not_found, "no operator '" + std::string(operator_name) + "'");
    const std::string before = audit_json(*op);
    std::optional<Shop> s;
    if (shop) {
      s = tx.find_shop(*shop);
      if (!s) return refuse(ErrorCode::not_found, "no shop '" + *shop + "'").about("shop");
    }
    op->shop_id = s ? std::optional<ShopId>(s->id) : std::nullopt;
    op->shop = s ? s->name : "";
    tx.update_operator_shop(op->name, op->shop_id);
    record_audit(tx, actor, now, "operator.shop", "operator:" + op->name, before, audit_json(*op));
    return *op;
  });
}

}  // namespace prepaid::billing

// Tariff administration in the store, and quotes against stored tariffs.
#include "billing/tariffs/tariff_service.h"

#include <algorithm>
#include <functional>

#include "billing/label.h"
#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/progress_steps.h"
#include "rating/number_plan.h"
#include "rating/rate_deck_csv.h"
#include "rating/tariff_file.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;

namespace {

constexpr std::uint32_t kMaxDuration_s = 86400;

std::string object_of(std::string_view tariff) {
  return "tariff:" + std::string(tariff);
}

/// `name_field`: the input that carried the tariff's name ("name" when creating, "tariff"
/// when it is the tariff addressed).
std::optional<Problem> check_spec(const TariffRecord& t, std::string name_field) {
  if (auto p = check_label(t.name, "a tariff name", std::move(name_field))) return p;
  if (!rating::Currency::from_code(t.currency))
    return refuse(ErrorCode::invalid_argument, "unknown currency '" + t.currency + "'")
        .about("currency");
  if (!rating::TimeZone::locate(t.time_zone))
    return refuse(ErrorCode::invalid_argument, "unknown time zone '" + t.time_zone + "'")
        .about("time_zone");
  if (auto p = check_label(t.base_price_list, "a price list name", "base_price_list")) return p;
  if (t.rounding.decimals < -1 || t.rounding.decimals > 6)
    return refuse(ErrorCode::invalid_argument, "rounding decimals must be -1..6")
        .about("rounding_decimals");
  if (!t.international_prefix.empty() && !is_digits(t.international_prefix, 1, 8))
    return refuse(ErrorCode::invalid_argument, "the international prefix must be 0..8 digits")
        .about("international_prefix");
  return std::nullopt;
}

/// Checks one rate; the Problem names the rate's field as `rates set` and its route call it
/// ("prefix", "rate", "increment_s"…). Imports re-aim it at their document ("csv", "file").
std::optional<Problem> check_rate(const rating::Rate& r, const rating::NumberPlan& plan) {
  auto digits = rating::normalize_number(r.prefix, plan);
  if (!digits || *digits != r.prefix)
    return refuse(ErrorCode::invalid_argument,
                  "prefix must be normalised digits: '" + r.prefix + "'")
        .about("prefix");
  if (r.destination.empty() || !is_printable(r.destination, 128))
    return refuse(ErrorCode::invalid_argument, "destination must be 1..128 printable characters")
        .about("destination");
  const Money max = Money::from_units(kMaxAmountUnits);
  auto bad_money = [&](Money m) { return m.is_negative() || m > max; };
  const std::pair<const char*, std::optional<Money>> amounts[] = {
      {"rate", r.rate}, {"connect_fee", r.connect_fee}, {"buy_rate", r.buy_rate}};
  for (const auto& [field, amount] : amounts)
    if (amount && bad_money(*amount))
      return refuse(ErrorCode::invalid_argument,
                    std::string(field) + " must be 0.." + max.to_string())
          .about(field);
  if (r.buy_currency && !r.buy_rate)
    return refuse(ErrorCode::invalid_argument,
                  "a buy currency without a buy rate: give buy_rate too, or no buy_currency")
        .about("buy_currency");
  const std::pair<const char*, std::uint32_t> periods_s[] = {
      {"rate_unit_s", r.rate_unit_s},
      {"first_increment_s", r.first_increment_s},
      {"increment_s", r.increment_s}};
  for (const auto& [field, seconds] : periods_s)
    if (seconds < 1 || seconds > kMaxDuration_s)
      return refuse(ErrorCode::invalid_argument, std::string(field) + " must be 1..86400 s")
          .about(field);
  if (r.grace_s > kMaxDuration_s)
    return refuse(ErrorCode::invalid_argument, "grace_s must be 0..86400 s").about("grace_s");
  return std::nullopt;
}

/// The same problem, about the whole document an import read (its message names the value).
Problem about_document(Problem p, std::string document) {
  return std::move(p).about(std::move(document));
}

std::optional<Problem> check_rule(const rating::PriceRule& r) {
  if (auto p = check_label(r.name, "a rule name", "name")) return p;
  if (auto p = check_label(r.price_list, "a price list name", "price_list")) return p;
  // A range that ends where it starts is refused as the tariff file and `rules add` refuse it
  // (rules stored with one before still read as the whole day).
  if (auto why = r.time.rule_problem())
    return refuse(ErrorCode::invalid_argument, "time: " + *why).about("time");
  if (r.weekdays.bits() == 0 && !r.on_holidays)
    return refuse(ErrorCode::invalid_argument, "a rule needs weekdays or on_holidays")
        .about("weekdays");
  return std::nullopt;
}

bool has_list(Transaction& tx, TariffId id, std::string_view list) {
  for (const auto& l : tx.list_price_lists(id))
    if (l.name == list) return true;
  return false;
}

}  // namespace

TariffService::TariffService(std::shared_ptr<Store> store, std::shared_ptr<TariffCache> cache,
                             std::shared_ptr<const Clock> clock, int max_attempts)
    : store_(std::move(store)),
      cache_(cache ? std::move(cache) : std::make_shared<TariffCache>(store_)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<TariffRecord> TariffService::create_tariff(const Actor& actor, const TariffRecord& spec) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_spec(spec, "name")) return *p;
  const Instant now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<TariffRecord> {
      TariffRecord t = spec;
      t.version = 1;
      t.updated_at = now;
      tx.insert_tariff(t);
      tx.replace_price_list(t.id, t.base_price_list, {});
      record_audit(tx, actor, now, "tariff.create", object_of(t.name), "{}", audit_json(t));
      return t;
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::conflict, "tariff '" + spec.name + "' exists");
  }
}

Result<TariffRecord> TariffService::update_tariff(const Actor& actor, const TariffRecord& spec) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_spec(spec, "tariff")) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<TariffRecord> {
    auto t = tx.find_tariff(spec.name);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + spec.name + "'");
    if (t->currency != spec.currency)
      return refuse(ErrorCode::currency_mismatch,
                    "the currency of a tariff cannot change (cards hold balances in it)")
          .about("currency");
    if (!has_list(tx, t->id, spec.base_price_list))
      return refuse(ErrorCode::not_found,
                    "tariff '" + spec.name + "' has no price list '" + spec.base_price_list + "'")
          .about("base_price_list");
    const std::string before = audit_json(*t);
    TariffRecord updated = *t;
    updated.time_zone = spec.time_zone;
    updated.base_price_list = spec.base_price_list;
    updated.rounding = spec.rounding;
    updated.international_prefix = spec.international_prefix;
    tx.update_tariff(updated);
    updated.version = tx.bump_tariff_version(t->id, now);
    updated.updated_at = now;
    record_audit(tx, actor, now, "tariff.update", object_of(t->name), before, audit_json(updated));
    return updated;
  });
}

Result<std::vector<TariffRecord>> TariffService::list_tariffs(const Actor& actor) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto all = tx->list_tariffs();
  tx->commit();
  return all;
}

Result<PriceListImport> TariffService::import_price_list(const Actor& actor,
                                                         std::string_view tariff,
                                                         std::string_view list,
                                                         std::string_view csv, EmptyImport empty,
                                                         const ImportProgressReport& progress) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_label(list, "a price list name", "list")) return *p;
  std::optional<TariffRecord> header;
  {
    auto tx = store_->begin();
    header = tx->find_tariff(tariff);
    tx->commit();
  }
  if (!header) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
  // Parsed and validated fully, outside any transaction; a single bad line refuses it all.
  rating::LinesRead lines_read;
  if (progress) {
    lines_read = [&progress](std::size_t read, std::size_t total) {
      progress(ImportProgress{ImportProgress::Stage::reading, read, total});
    };
  }
  rating::RateDeckImport parsed = rating::parse_rate_deck_csv(
      csv, std::string(list), rating::NumberPlan{header->international_prefix}, 1, lines_read);
  if (!parsed.deck) {
    std::vector<std::string> details;
    for (const auto& p : parsed.problems) details.push_back(p.to_string());
    return refuse(ErrorCode::invalid_argument,
                  std::to_string(parsed.problems.size()) +
                      " bad line(s) in the price list; nothing imported",
                  std::move(details))
        .about("csv");
  }
  const auto& rates = parsed.deck->rates();
  if (rates.empty() && empty == EmptyImport::refuse)
    return refuse(ErrorCode::invalid_argument,
                  "the CSV has no rate lines: it would leave price list '" + std::string(list) +
                      "' empty; nothing imported (allow_empty to replace the list with none)")
        .about("csv");
  for (const auto& r : rates)
    if (auto p = check_rate(r, rating::NumberPlan{header->international_prefix}))
      return about_document(std::move(*p), "csv");
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<PriceListImport> {
    auto t = tx.find_tariff(tariff);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
    ProgressSteps written(rates.size(), [&](std::uint64_t done) {
      if (progress) progress(ImportProgress{ImportProgress::Stage::writing, done, rates.size()});
    });
    tx.replace_price_list(t->id, list, rates,
                          progress ? RowsWritten(std::ref(written)) : RowsWritten());
    const auto version = tx.bump_tariff_version(t->id, now);
    record_audit(tx, actor, now, "tariff.import", object_of(t->name), "{}",
                 R"({"price_list":")" + std::string(list) + R"(","rates":)" +
                     std::to_string(rates.size()) + "}");
    return PriceListImport{t->name, std::string(list), rates.size(), version};
  });
}

Result<std::string> TariffService::export_price_list(const Actor& actor, std::string_view tariff,
                                                     std::string_view list) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto t = tx->find_tariff(tariff);
  if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
  if (!has_list(*tx, t->id, list))
    return refuse(ErrorCode::not_found,
                  "tariff '" + t->name + "' has no price list '" + std::string(list) + "'");
  rating::RateDeck deck{std::string(list)};
  for (auto& r : tx->list_rates(t->id, list)) deck.add(std::move(r));
  tx->commit();
  return rating::format_rate_deck_csv(deck);
}

Result<std::vector<PriceListInfo>> TariffService::price_lists(const Actor& actor,
                                                              std::string_view tariff) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto t = tx->find_tariff(tariff);
  if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
  auto lists = tx->list_price_lists(t->id);
  tx->commit();
  return lists;
}

Result<std::string> TariffService::remove_price_list(const Actor& actor, std::string_view tariff,
                                                     std::string_view list) {
  if (auto p = require_admin(actor)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<std::string> {
    auto t = tx.find_tariff(tariff);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
    if (t->base_price_list == list)
      return refuse(ErrorCode::failed_precondition, "'" + std::string(list) + "' is the base list");
    for (const auto& r : tx.list_rules(t->id))
      if (r.price_list == list)
        return refuse(ErrorCode::failed_precondition,
                      "rule '" + r.name + "' uses '" + std::string(list) + "'");
    if (!tx.delete_price_list(t->id, list))
      return refuse(ErrorCode::not_found,
                    "tariff '" + t->name + "' has no price list '" + std::string(list) + "'");
    tx.bump_tariff_version(t->id, now);
    record_audit(tx, actor, now, "tariff.remove_list", object_of(t->name),
                 R"({"price_list":")" + std::string(list) + R"("})", "{}");
    return std::string(list);
  });
}

namespace {

// True when `name` contains `part`, ASCII letters compared in any case (a destination name's
// other characters, Cyrillic or accented, as written: no locale is assumed).
bool contains_folded(std::string_view name, std::string_view part) {
  const auto fold = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  return std::search(name.begin(), name.end(), part.begin(), part.end(),
                     [&](char a, char b) { return fold(a) == fold(b); }) != name.end();
}

}  // namespace

Result<std::vector<rating::Rate>> TariffService::rates(const Actor& actor, std::string_view tariff,
                                                       std::string_view list,
                                                       const RateFilter& filter, const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  const std::string_view prefix = filter.prefix;
  if (!prefix.empty() && !is_digits(prefix, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "prefix filter must be digits").about("prefix");
  if (!is_printable(filter.destination, 64))
    return refuse(ErrorCode::invalid_argument,
                  "destination filter must be at most 64 bytes of text without control characters")
        .about("destination");
  auto tx = store_->begin();
  auto t = tx->find_tariff(tariff);
  if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
  auto all = tx->list_rates(t->id, list);
  tx->commit();
  std::vector<rating::Rate> out;
  std::uint64_t skipped = 0;
  for (auto& r : all) {
    if (r.prefix.compare(0, prefix.size(), prefix) != 0) continue;
    if (!contains_folded(r.destination, filter.destination)) continue;
    if (skipped++ < page.offset) continue;
    out.push_back(std::move(r));
    if (out.size() >= page.limit) break;
  }
  return out;
}

Result<rating::Rate> TariffService::set_rate(const Actor& actor, std::string_view tariff,
                                             std::string_view list, const rating::Rate& rate) {
  if (auto p = require_admin(actor)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<rating::Rate> {
    auto t = tx.find_tariff(tariff);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
    if (auto p = check_rate(rate, rating::NumberPlan{t->international_prefix})) return *p;
    auto before = tx.find_rate(t->id, list, rate.prefix);
    if (!tx.upsert_rate(t->id, list, rate))
      return refuse(ErrorCode::not_found,
                    "tariff '" + t->name + "' has no price list '" + std::string(list) + "'");
    tx.bump_tariff_version(t->id, now);
    record_audit(tx, actor, now, "tariff.set_rate",
                 object_of(t->name) + "/" + std::string(list) + "/" + rate.prefix,
                 before ? audit_json(*before) : "{}", audit_json(rate));
    return rate;
  });
}

Result<std::string> TariffService::remove_rate(const Actor& actor, std::string_view tariff,
                                               std::string_view list, std::string_view prefix) {
  if (auto p = require_admin(actor)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<std::string> {
    auto t = tx.find_tariff(tariff);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
    auto before = tx.find_rate(t->id, list, prefix);
    if (!before || !tx.delete_rate(t->id, list, prefix))
      return refuse(ErrorCode::not_found, "no rate for prefix '" + std::string(prefix) + "' in '" +
                                              std::string(list) + "'");
    tx.bump_tariff_version(t->id, now);
    record_audit(tx, actor, now, "tariff.remove_rate",
                 object_of(t->name) + "/" + std::string(list) + "/" + std::string(prefix),
                 audit_json(*before), "{}");
    return std::string(prefix);
  });
}

Result<rating::PriceRule> TariffService::add_rule(const Actor& actor, std::string_view tariff,
                                                  const rating::PriceRule& rule) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_rule(rule)) return *p;
  const Instant now = clock_->now();
  try {
    return run_transaction(
        *store_, max_attempts_, [&](Transaction& tx) -> Result<rating::PriceRule> {
          auto t = tx.find_tariff(tariff);
          if (!t)
            return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
          if (!has_list(tx, t->id, rule.price_list))
            return refuse(ErrorCode::not_found,
                          "tariff '" + t->name + "' has no price list '" + rule.price_list + "'")
                .about("price_list");
          tx.insert_rule(t->id, rule);
          tx.bump_tariff_version(t->id, now);
          record_audit(tx, actor, now, "tariff.add_rule", object_of(t->name) + "/rule/" + rule.name,
                       "{}", audit_json(rule));
          return rule;
        });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::conflict, "rule '" + rule.name + "' exists");
  }
}

Result<std::vector<rating::PriceRule>> TariffService::rules(const Actor& actor,
                                                            std::string_view tariff) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto t = tx->find_tariff(tariff);
  if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
  auto all = tx->list_rules(t->id);
  tx->commit();
  return all;
}

Result<std::string> TariffService::remove_rule(const Actor& actor, std::string_view tariff,
                                               std::string_view name) {
  if (auto p = require_admin(actor)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<std::string> {
    auto t = tx.find_tariff(tariff);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
    std::optional<rating::PriceRule> before;
    for (auto& r : tx.list_rules(t->id))
      if (r.name == name) before = r;
    if (!before || !tx.delete_rule(t->id, name))
      return refuse(ErrorCode::not_found, "no rule '" + std::string(name) + "'");
    tx.bump_tariff_version(t->id, now);
    record_audit(tx, actor, now, "tariff.remove_rule",
                 object_of(t->name) + "/rule/" + std::string(name), audit_json(*before), "{}");
    return std::string(name);
  });
}

Result<rating::Holiday> TariffService::add_holiday(const Actor& actor, std::string_view tariff,
                                                   const rating::Holiday& holiday) {
  if (auto p = require_admin(actor)) return *p;
  if (!rating::Holiday::parse_date(holiday.date_text()))
    return refuse(ErrorCode::invalid_argument, "not a real date: " + holiday.date_text())
        .about("date");
  if (!is_printable(holiday.name, 128))
    return refuse(ErrorCode::invalid_argument, "holiday names are at most 128 printable characters")
        .about("name");
  const Instant now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<rating::Holiday> {
      auto t = tx.find_tariff(tariff);
      if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
      tx.insert_holiday(t->id, holiday);
      tx.bump_tariff_version(t->id, now);
      record_audit(tx, actor, now, "tariff.add_holiday",
                   object_of(t->name) + "/holiday/" + holiday.date_text(), "{}",
                   audit_json(holiday));
      return holiday;
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::conflict, "a holiday on " + holiday.date_text() + " exists");
  }
}

Result<std::vector<rating::Holiday>> TariffService::holidays(const Actor& actor,
                                                             std::string_view tariff) {
  if (auto p = require_staff(actor)) return *p;
  auto tx = store_->begin();
  auto t = tx->find_tariff(tariff);
  if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
  auto all = tx->list_holidays(t->id);
  tx->commit();
  return all;
}

Result<std::string> TariffService::remove_holiday(const Actor& actor, std::string_view tariff,
                                                  std::string_view date) {
  if (auto p = require_admin(actor)) return *p;
  auto parsed = rating::Holiday::parse_date(date);
  if (!parsed)
    return refuse(ErrorCode::invalid_argument, "dates are YYYY-MM-DD or MM-DD").about("date");
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<std::string> {
    auto t = tx.find_tariff(tariff);
    if (!t) return refuse(ErrorCode::not_found, "no tariff named '" + std::string(tariff) + "'");
    if (!tx.delete_holiday(t->id, *parsed))
      return refuse(ErrorCode::not_found, "no holiday on " + std::string(date));
    tx.bump_tariff_version(t->id, now);
    record_audit(tx, actor, now, "tariff.remove_holiday",
                 object_of(t->name) + "/holiday/" + parsed->date_text(), audit_json(*parsed), "{}");
    return parsed->date_text();
  });
}

Result<TariffRecord> TariffService::import_tariff_file(const Actor& actor, std::string_view text) {
  if (auto p = require_admin(actor)) return *p;
  rating::TariffLoad load = rating::parse_tariff_text(text);
  if (!load.tariff) {
    std::vector<std::string> details;
    for (const auto& p : load.problems) details.push_back(p.to_string());
    return refuse(ErrorCode::invalid_argument, "the tariff file has problems; nothing imported",
                  std::move(details))
        .about("file");
  }
  const rating::Tariff& src = *load.tariff;
  TariffRecord spec;
  spec.name = src.name();
  spec.currency = std::string(src.currency().code());
  spec.time_zone = std::string(src.zone().name());
  spec.base_price_list = src.base_price_list();
  spec.rounding = src.rounding();
  spec.international_prefix = src.number_plan().international_prefix;
  // Everything here comes from the one document the request carried: "file".
  if (auto p = check_spec(spec, "file")) return about_document(std::move(*p), "file");
  for (const auto& [name, deck] : src.price_lists()) {
    if (auto p = check_label(name, "a price list name ('" + name.substr(0, 64) + "')", "file"))
      return *p;
    for (const auto& r : deck->rates())
      if (auto p = check_rate(r, src.number_plan())) return about_document(std::move(*p), "file");
  }
  for (const auto& r : src.rules())
    if (auto p = check_rule(r)) return about_document(std::move(*p), "file");
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<TariffRecord> {
    auto existing = tx.find_tariff(spec.name);
    TariffRecord t = spec;
    std::string before = "{}";
    if (existing) {
      if (existing->currency != spec.currency)
        return refuse(ErrorCode::currency_mismatch,
                      "tariff '" + spec.name + "' is in " + existing->currency + ", the file in " +
                          spec.currency + " (cards hold balances in it)")
            .about("file");
      before = audit_json(*existing);
      t.id = existing->id;
      tx.update_tariff(t);
      for (const auto& l : tx.list_price_lists(t.id))
        if (!src.price_lists().count(l.name)) tx.delete_price_list(t.id, l.name);
      for (const auto& r : tx.list_rules(t.id)) tx.delete_rule(t.id, r.name);
      for (const auto& h : tx.list_holidays(t.id)) tx.delete_holiday(t.id, h);
    } else {
      t.version = 1;
      t.updated_at = now;
      tx.insert_tariff(t);
    }
    for (const auto& [name, deck] : src.price_lists())
      tx.replace_price_list(t.id, name, deck->rates());
    for (const auto& r : src.rules()) tx.insert_rule(t.id, r);
    for (const auto& h : src.holidays()) tx.insert_holiday(t.id, h);
    t.version = existing ? tx.bump_tariff_version(t.id, now) : t.version;
    t.updated_at = now;
    record_audit(tx, actor, now, "tariff.import_file", object_of(t.name), before, audit_json(t));
    return t;
  });
}

Result<std::string> TariffService::export_tariff_file(const Actor& actor, std::string_view tariff) {
  if (auto p = require_staff(actor)) return *p;
  auto cached = cache_->current(tariff);
  if (!cached) {
    const std::string problems = cache_->last_problems(tariff);
    return refuse(ErrorCode::not_found,
                  problems.empty() ? "no tariff named '" + std::string(tariff) + "'" : problems);
  }
  return rating::format_tariff_text(cached->tariff());
}

Result<rating::CallPrice> TariffService::quote(const Actor& actor, std::string_view tariff,
                                               std::string_view number, Instant start,
                                               std::uint32_t duration_s) {
  if (auto p = require_staff(actor)) return *p;
  if (duration_s > 7 * kMaxDuration_s)
    return refuse(ErrorCode::invalid_argument, "duration must be at most 7 days")
        .about("duration_s");
  auto cached = cache_->current(tariff);
  if (!cached) {
    const std::string problems = cache_->last_problems(tariff);
    return refuse(ErrorCode::not_found,
                  problems.empty() ? "no tariff named '" + std::string(tariff) + "'" : problems);
  }
  auto price = rating::price_call(cached->tariff(), number, start, duration_s);
  if (!price)
    return refuse(price.refusal() == rating::Refusal::malformed_number ? ErrorCode::invalid_argument
                                                                       : ErrorCode::not_found,
                  std::string(rating::to_string(price.refusal())) + ": " + std::string(number))
        .about("number");
  return *price;
}

Result<rating::Grant> TariffService::quote_grant(const Actor& actor, std::string_view tariff,
                                                 std::string_view number, Instant start,
                                                 Money free_balance, std::uint32_t cap_s) {
  if (auto p = require_staff(actor)) return *p;
  if (cap_s < 1 || cap_s > kMaxDuration_s)
    return refuse(ErrorCode::invalid_argument, "the cap must be 1..86400 s").about("cap_s");
  if (free_balance.is_negative() || free_balance > Money::from_units(kMaxAmountUnits))
    return refuse(ErrorCode::invalid_argument,
                  "the balance must be 0.." + Money::from_units(kMaxAmountUnits).to_string())
        .about("balance");
  auto cached = cache_->current(tariff);
  if (!cached)
    return refuse(ErrorCode::not_found, "no usable tariff named '" + std::string(tariff) + "'");
  auto grant = rating::max_duration(cached->tariff(), number, start, free_balance, cap_s);
  if (!grant)
    return refuse(grant.refusal() == rating::Refusal::malformed_number ? ErrorCode::invalid_argument
                                                                       : ErrorCode::not_found,
                  std::string(rating::to_string(grant.refusal())) + ": " + std::string(number))
        .about("number");
  return *grant;
}

}  // namespace prepaid::billing

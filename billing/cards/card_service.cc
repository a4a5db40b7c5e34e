// Card administration: batches, queries, recharges, status, PINs, the ledger and its check.
#include "billing/cards/card_service.h"

#include <algorithm>
#include <set>

#include "billing/csprng.h"
#include "billing/label.h"
#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"

namespace prepaid::billing {

using rating::Instant;
using rating::Money;

namespace {

constexpr std::uint32_t kMaxBatch = 100000;

Money max_amount() {
  return Money::from_units(kMaxAmountUnits);
}

/// Adds `amount` to the card's balance (a ledger row must say so): refused, the card left as
/// it was, when the amount is in another currency or the balance would leave
/// ±100 × the largest amount (a typing mistake, not money).
std::optional<Problem> add_to_balance(Card& card, const rating::Amount& amount) {
  if (amount.currency.code() != card.currency)
    return refuse(ErrorCode::currency_mismatch, "card " + card.number + " is in " + card.currency +
                                                    ", not " + std::string(amount.currency.code()))
        .about("currency");
  const Money limit = Money::from_units(100 * kMaxAmountUnits);
  const Money after = card.balance + amount.money;
  if (after > limit || after < -limit)
    return refuse(ErrorCode::invalid_argument, "the balance would become absurd").about("amount");
  card.balance = after;
  return std::nullopt;
}

/// Refuses an amount entered for a card (recharge, adjustment, initial balance, credit limit)
/// with digits below the minor unit of its currency `code`: 5.001 EUR is not money a cashier
/// can take, and would leave fractions of a cent on the card. (Rates in price lists may be
/// finer: they are prices per minute, not amounts.) `what` names the amount in the message,
/// `field` the input it came from. An unknown code is left to the currency checks.
std::optional<Problem> check_minor_unit(Money amount, std::string_view code, std::string_view what,
                                        std::string field) {
  const auto currency = rating::Currency::from_code(code);
  if (!currency || currency->holds_exactly(amount)) return std::nullopt;
  const std::int64_t step = currency->minor_unit().micros();
  std::int64_t below = amount.micros() - amount.micros() % step;  // towards zero
  if (amount.is_negative()) below -= step;                        // towards -infinity
  const int digits = currency->minor_unit_digits();
  const std::string unit = digits == 0   ? std::string("no decimals")
                           : digits == 1 ? std::string("1 decimal")
                                         : std::to_string(digits) + " decimals";
  return refuse(ErrorCode::invalid_argument,
                std::string(what) + " " + amount.to_string(digits) + " " + std::string(code) +
                    " has digits below the minor unit of " + std::string(code) + " (" + unit +
                    "): enter " + Money::from_micros(below).to_string(digits) + " or " +
                    Money::from_micros(below + step).to_string(digits))
      .about(std::move(field));
}

/// The card `number` under its row lock, unless it is missing (not_found) or dropped
/// (failed_precondition): what every change to one kept card starts with.
Result<Card> lock_kept_card(Transaction& tx, std::string_view number) {
  auto card = tx.lock_card(number);
  if (!card) return refuse(ErrorCode::not_found, "no card " + std::string(number));
  if (card->status == CardStatus::dropped)
    return refuse(ErrorCode::failed_precondition, "card " + card->number + " is dropped");
  return *card;
}

/// `field`: the input that carried the number ("number"; "numbers" for a selection).
std::optional<Problem> check_number(std::string_view number, std::string field = "number") {
  if (!is_digits(number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument,
                  "card number must be 1.." + std::to_string(kMaxNumberLength) + " digits")
        .about(std::move(field));
  return std::nullopt;
}

std::string object_of(const Card& card) {
  return "card:" + card.number;
}

// Largest count of random numbers worth drawing from a space of `length` digits (first digit
// 1..9): a tenth of it, so that collisions stay rare.
std::uint64_t capacity(std::uint32_t length) {
  std::uint64_t space = 9;
  for (std::uint32_t i = 1; i < length && space < 1'000'000'000'000ULL; ++i) space *= 10;
  return space / 10;
}

std::optional<Problem> check_batch(const BatchRequest& r) {
  if (r.count < 1 || r.count > kMaxBatch)
    return refuse(ErrorCode::invalid_argument, "count must be 1.." + std::to_string(kMaxBatch))
        .about("count");
  if (r.amount.is_negative() || r.amount > max_amount())
    return refuse(ErrorCode::invalid_argument,
                  "amount must be 0.." + max_amount().to_string() + " per card")
        .about("amount");
  if (r.credit_limit.is_negative() || r.credit_limit > max_amount())
    return refuse(ErrorCode::invalid_argument,
                  "credit limit must be 0.." + max_amount().to_string())
        .about("credit_limit");
  if (!rating::Currency::from_code(r.currency))
    return refuse(ErrorCode::invalid_argument, "unknown currency '" + r.currency + "'")
        .about("currency");
  if (auto p = check_minor_unit(r.amount, r.currency, "amount", "amount")) return p;
  if (auto p = check_minor_unit(r.credit_limit, r.currency, "credit limit", "credit_limit"))
    return p;
  if (r.number_length < 6 || r.number_length > 20)
    return refuse(ErrorCode::invalid_argument, "number length must be 6..20 digits")
        .about("number_length");
  if (r.pin_length < 4 || r.pin_length > 12)
    return refuse(ErrorCode::invalid_argument, "PIN length must be 4..12 digits")
        .about("pin_length");
  if (r.count > capacity(r.number_length))
    return refuse(ErrorCode::invalid_argument, std::to_string(r.count) +
                                                   " cards need longer numbers than " +
                                                   std::to_string(r.number_length) + " digits")
        .about("number_length");
  if (r.validity_days > 36500)
    return refuse(ErrorCode::invalid_argument, "validity must be 0..36500 days")
        .about("validity_days");
  if (r.max_concurrent < 1 || r.max_concurrent > 1000)
    return refuse(ErrorCode::invalid_argument, "concurrent calls must be 1..1000")
        .about("max_concurrent");
  if (!is_printable(r.note, 255))
    return refuse(ErrorCode::invalid_argument, "note must be at most 255 printable characters")
        .about("note");
  if (auto p = check_label(r.tariff, "a tariff name", "tariff")) return p;
  return std::nullopt;
}

}  // namespace

CardService::CardService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                         int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<BatchCreated> CardService::create_batch(const Actor& actor, const BatchRequest& request) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_batch(request)) return *p;
  const Instant now = clock_->now();

  for (int attempt = 0;; ++attempt) {
    // Numbers: unique among themselves, then checked against the store; redrawn on collision.
    std::vector<IssuedCard> issued;
    std::set<std::string> numbers;
    while (numbers.size() < request.count)
      numbers.insert(random_digits(request.number_length, true));
    try {
      auto created =
          run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<BatchCreated> {
            auto tariff = tx.find_tariff(request.tariff);
            if (!tariff)
              return refuse(ErrorCode::not_found, "no tariff named '" + request.tariff + "'")
                  .about("tariff");
            if (tariff->currency != request.currency)
              return refuse(ErrorCode::currency_mismatch, "tariff '" + request.tariff + "' is in " +
                                                              tariff->currency + ", not " +
                                                              request.currency)
                  .about("currency");
            std::vector<std::string> list(numbers.begin(), numbers.end());
            for (int round = 0; round < 20; ++round) {
              auto taken = tx.existing_numbers(list);
              if (taken.empty()) break;
              for (const auto& n : taken) numbers.erase(n);
              while (numbers.size() < request.count)
                numbers.insert(random_digits(request.number_length, true));
              list.assign(numbers.begin(), numbers.end());
            }

            Batch batch;
            batch.created_at = now;
            batch.card_count = request.count;
            batch.amount = request.amount;
            batch.currency = request.currency;
            batch.tariff = request.tariff;
            batch.kind = request.kind;
            batch.activation = request.activation;
            batch.validity_days = request.validity_days;
            batch.actor = actor.name;
            batch.note = request.note;
            tx.insert_batch(batch);

            std::vector<Card> cards;
            cards.reserve(list.size());
            issued.clear();
            for (const std::string& number : list) {
              Card c;
              c.number = number;
              c.pin = random_digits(request.pin_length);
              c.kind = request.kind;
              c.currency = request.currency;
              c.tariff = request.tariff;
              c.balance = request.amount;
              c.credit_limit = request.credit_limit;
              c.max_concurrent = request.max_concurrent;
              c.activation = request.activation;
              c.validity_days = request.validity_days;
              c.batch = batch.id;
              c.created_at = now;
              if (request.activation == ActivationMode::at_creation) {
                c.status = CardStatus::active;
                c.activated_at = now;
                c.expires_at = c.computed_expiry();
              }
              cards.push_back(std::move(c));
            }
            tx.insert_cards(cards);
            if (!request.amount.is_zero()) {
              std::vector<LedgerEntry> rows;
              rows.reserve(cards.size());
              for (const Card& c : cards)
                rows.push_back(ledger_entry_for(c, now, LedgerKind::batch_load, request.amount,
                                                actor.name, "batch load",
                                                "batch:" + std::to_string(batch.id)));
              tx.insert_ledger_entries(rows);
            }
            record_audit(tx, actor, now, "batch.create", "batch:" + std::to_string(batch.id), "{}",
                         audit_json(batch));
            for (const Card& c : cards) issued.push_back(IssuedCard{c.number, c.pin});
            return BatchCreated{batch, issued};
          });
      return created;
    } catch (const StoreDuplicate&) {
      // Another batch took one of our numbers between the check and the insert: draw again.
      if (attempt >= 3) throw;
    }
  }
}

Result<std::vector<Batch>> CardService::batches(const Actor& actor, const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  auto list = tx->list_batches(page);
  tx->commit();
  return list;
}

Result<Batch> CardService::batch(const Actor& actor, BatchId id) {
  if (auto p = require_staff(actor)) return *p;
  if (id < 1) return refuse(ErrorCode::invalid_argument, "batch ids start at 1").about("id");
  auto tx = store_->begin();
  auto found = tx->find_batch(id);
  tx->commit();
  if (!found) return refuse(ErrorCode::not_found, "no batch " + std::to_string(id));
  return *found;
}

Result<CardPage> CardService::list_cards(const Actor& actor, CardFilter filter, const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  if (filter.with_pins && actor.role == Role::operator_)
    return refuse(ErrorCode::forbidden, "operators may not see PINs");
  if (!filter.number_prefix.empty() && !is_digits(filter.number_prefix, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "number filter must be digits").about("prefix");
  filter.now = clock_->now();
  auto tx = store_->begin();
  CardPage out;
  out.cards = tx->list_cards(filter, page);
  out.total = tx->count_cards(filter);
  tx->commit();
  return out;
}

Result<Card> CardService::show_card(const Actor& actor, std::string_view number, bool with_pin) {
  if (auto p = require_staff(actor)) return *p;
  if (with_pin && actor.role == Role::operator_)
    return refuse(ErrorCode::forbidden, "operators may not see PINs");
  if (auto p = check_number(number)) return *p;
  auto tx = store_->begin();
  auto card = tx->find_card(number, with_pin);
  tx->commit();
  if (!card) return refuse(ErrorCode::not_found, "no card " + std::string(number));
  return *card;
}

Result<LedgerEntry> CardService::recharge(const Actor& actor, std::string_view number,
                                          const rating::Amount& amount, std::string_view reason) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  if (amount.money <= Money() || amount.money > max_amount())
    return refuse(ErrorCode::invalid_argument,
                  "recharge amount must be > 0 and <= " + max_amount().to_string())
        .about("amount");
  if (auto p = check_minor_unit(amount.money, amount.currency.code(), "amount", "amount"))
    return *p;
  if (!is_printable(reason, 255))
    return refuse(ErrorCode::invalid_argument, "reason must be at most 255 printable characters")
        .about("reason");
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<LedgerEntry> {
    auto card = tx.lock_card(number);
    if (!card) return refuse(ErrorCode::not_found, "no card " + std::string(number));
    if (card->status == CardStatus::dropped || card->status == CardStatus::disabled)
      return refuse(ErrorCode::failed_precondition,
                    "card " + card->number + " is " + std::string(to_string(card->status)));
    const std::string before = audit_json(*card);
    if (auto p = add_to_balance(*card, amount)) return *p;
    card->last_recharged_at = now;
    card->expires_at = card->computed_expiry();
    if (card->status == CardStatus::expired) card->status = CardStatus::active;
    LedgerEntry e =
        ledger_entry_for(*card, now, LedgerKind::recharge, amount.money, actor.name,
                         reason.empty() ? std::string("recharge") : std::string(reason), "");
    tx.insert_ledger(e);
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.recharge", object_of(*card), before, audit_json(*card));
    return e;
  });
}

Result<LedgerEntry> CardService::adjust(const Actor& actor, std::string_view number,
                                        LedgerKind kind, const rating::Amount& amount,
                                        std::string_view reason) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  if (kind != LedgerKind::refund && kind != LedgerKind::adjustment)
    return refuse(ErrorCode::invalid_argument,
                  "only refunds and adjustments may be entered by hand")
        .about("kind");
  if (kind == LedgerKind::refund && amount.money <= Money())
    return refuse(ErrorCode::invalid_argument, "a refund must be > 0").about("amount");
  if (amount.money.is_zero() || amount.money > max_amount() || amount.money < -max_amount())
    return refuse(ErrorCode::invalid_argument,
                  "amount must be non-zero and at most " + max_amount().to_string() + " either way")
        .about("amount");
  if (auto p = check_minor_unit(amount.money, amount.currency.code(), "amount", "amount"))
    return *p;
  if (reason.empty() || !is_printable(reason, 255))
    return refuse(ErrorCode::invalid_argument, "a reason (1..255 printable characters) is required")
        .about("reason");
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<LedgerEntry> {
    auto card = lock_kept_card(tx, number);
    if (!card) return card.problem();
    const std::string before = audit_json(*card);
    if (auto p = add_to_balance(*card, amount)) return *p;
    LedgerEntry e =
        ledger_entry_for(*card, now, kind, amount.money, actor.name, std::string(reason), "");
    tx.insert_ledger(e);
    tx.update_card(*card);
    record_audit(tx, actor, now, "card." + std::string(to_string(kind)), object_of(*card), before,
                 audit_json(*card));
    return e;
  });
}

Result<std::vector<Card>> CardService::set_status(const Actor& actor,
                                                  const std::vector<std::string>& numbers,
                                                  StatusChange change) {
  if (auto p = require_admin(actor)) return *p;
  if (numbers.empty())
    return refuse(ErrorCode::invalid_argument, "no cards given").about("numbers");
  if (numbers.size() > kMaxBatch)
    return refuse(ErrorCode::invalid_argument,
                  "at most " + std::to_string(kMaxBatch) + " cards at once")
        .about("numbers");
  for (const auto& n : numbers)
    if (auto p = check_number(n, "numbers")) return *p;
  // Locked in one order, so two selections never deadlock each other.
  std::vector<std::string> sorted(numbers.begin(), numbers.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  const Instant now = clock_->now();
  const char* action = change == StatusChange::enable    ? "card.enable"
                       : change == StatusChange::disable ? "card.disable"
                                                         : "card.drop";
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<std::vector<Card>> {
    std::vector<Card> out;
    for (const auto& number : sorted) {
      auto card = tx.lock_card(number);
      if (!card) return refuse(ErrorCode::not_found, "no card " + number + " (nothing changed)");
      if (card->status == CardStatus::dropped)
        return refuse(ErrorCode::failed_precondition,
                      "card " + number + " is dropped (nothing changed)");
      const std::string before = audit_json(*card);
      switch (change) {
        case StatusChange::enable:
          if (card->status == CardStatus::disabled)
            card->status = card->activated_at ? CardStatus::active : CardStatus::new_;
          break;
        case StatusChange::disable:
          card->status = CardStatus::disabled;
          break;
        case StatusChange::drop:
          card->status = CardStatus::dropped;
          break;
      }
      tx.update_card(*card);
      record_audit(tx, actor, now, action, object_of(*card), before, audit_json(*card));
      card->pin.clear();
      out.push_back(std::move(*card));
    }
    return out;
  });
}

Result<IssuedCard> CardService::set_pin(const Actor& actor, std::string_view number,
                                        std::optional<std::string> pin,
                                        std::uint32_t random_length) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  if (pin && !is_digits(*pin, 4, 12))
    return refuse(ErrorCode::invalid_argument, "a PIN must be 4..12 digits").about("pin");
  if (!pin && (random_length < 4 || random_length > 12))
    return refuse(ErrorCode::invalid_argument, "PIN length must be 4..12 digits")
        .about("random_length");
  const std::string new_pin = pin ? *pin : random_digits(random_length);
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<IssuedCard> {
    auto card = lock_kept_card(tx, number);
    if (!card) return card.problem();
    card->pin = new_pin;
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.set_pin", object_of(*card), R"({"pin":"***"})",
                 R"({"pin":"***"})");
    return IssuedCard{card->number, new_pin};
  });
}

Result<Card> CardService::activate(const Actor& actor, std::string_view number) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Card> {
    auto card = tx.lock_card(number);
    if (!card) return refuse(ErrorCode::not_found, "no card " + std::string(number));
    if (card->status != CardStatus::new_)
      return refuse(
          ErrorCode::failed_precondition,
          "card " + card->number + " is " + std::string(to_string(card->status)) + ", not new");
    const std::string before = audit_json(*card);
    card->status = CardStatus::active;
    card->activated_at = now;
    card->expires_at = card->computed_expiry();
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.activate", object_of(*card), before, audit_json(*card));
    card->pin.clear();
    return *card;
  });
}

Result<Card> CardService::touch(const Actor& actor, std::string_view number) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Card> {
    auto card = lock_kept_card(tx, number);
    if (!card) return card.problem();
    const std::string before = audit_json(*card);
    card->last_recharged_at = now;
    card->expires_at = card->computed_expiry();
    if (card->status == CardStatus::expired) card->status = CardStatus::active;
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.touch", object_of(*card), before, audit_json(*card));
    card->pin.clear();
    return *card;
  });
}

Result<Card> CardService::unlock(const Actor& actor, std::string_view number) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Card> {
    auto card = lock_kept_card(tx, number);
    if (!card) return card.problem();
    const std::string before = audit_json(*card);
    card->pin_failures = 0;
    card->pin_failed_at.reset();
    card->locked_until.reset();
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.unlock", object_of(*card), before, audit_json(*card));
    card->pin.clear();
    return *card;
  });
}

Result<Card> CardService::configure(const Actor& actor, std::string_view number,
                                    const CardSettings& s) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  if (s.tariff)
    if (auto p = check_label(*s.tariff, "a tariff name", "tariff")) return *p;
  if (s.credit_limit && (s.credit_limit->is_negative() || *s.credit_limit > max_amount()))
    return refuse(ErrorCode::invalid_argument,
                  "credit limit must be 0.." + max_amount().to_string())
        .about("credit_limit");
  if (s.max_concurrent && (*s.max_concurrent < 1 || *s.max_concurrent > 1000))
    return refuse(ErrorCode::invalid_argument, "concurrent calls must be 1..1000")
        .about("max_concurrent");
  if (s.validity_days && *s.validity_days > 36500)
    return refuse(ErrorCode::invalid_argument, "validity must be 0..36500 days")
        .about("validity_days");
  const Instant now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Card> {
    auto card = lock_kept_card(tx, number);
    if (!card) return card.problem();
    const std::string before = audit_json(*card);
    if (s.tariff) {
      auto tariff = tx.find_tariff(*s.tariff);
      if (!tariff)
        return refuse(ErrorCode::not_found, "no tariff named '" + *s.tariff + "'").about("tariff");
      if (tariff->currency != card->currency)
        return refuse(ErrorCode::currency_mismatch, "tariff '" + *s.tariff + "' is in " +
                                                        tariff->currency + ", the card in " +
                                                        card->currency)
            .about("tariff");
      card->tariff = *s.tariff;
    }
    if (s.credit_limit) {
      if (auto p =
              check_minor_unit(*s.credit_limit, card->currency, "credit limit", "credit_limit"))
        return *p;
      card->credit_limit = *s.credit_limit;
    }
    if (s.max_concurrent) card->max_concurrent = *s.max_concurrent;
    if (s.validity_days) {
      card->validity_days = *s.validity_days;
      card->expires_at = card->computed_expiry();
    }
    tx.update_card(*card);
    record_audit(tx, actor, now, "card.configure", object_of(*card), before, audit_json(*card));
    card->pin.clear();
    return *card;
  });
}

Result<std::vector<LedgerEntry>> CardService::ledger(const Actor& actor, std::string_view number,
                                                     const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_number(number)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  auto card = tx->find_card(number, false);
  if (!card) return refuse(ErrorCode::not_found, "no card " + std::string(number));
  auto rows = tx->list_ledger(card->id, page);
  tx->commit();
  return rows;
}

Result<LedgerCheck> CardService::check_ledger(const Actor& actor) {
  if (auto p = require_admin(actor)) return *p;
  auto tx = store_->begin();
  LedgerCheck out;
  out.cards = tx->count_cards(CardFilter{});
  out.mismatches = tx->ledger_mismatches();
  tx->commit();
  return out;
}

}  // namespace prepaid::billing

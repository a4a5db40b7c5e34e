// The in-memory Store: one store-wide mutex per transaction, an undo log for rollback.
#include "billing/memory_store.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace prepaid::billing {

using rating::Instant;
using rating::Money;

struct MemoryStore::State {
  std::mutex mutex;
  bool unavailable = false;
  std::int64_t next_id = 1;  // one sequence for every table: ids never repeat

  std::map<CardId, Card> cards;
  std::map<std::string, CardId, std::less<>> card_by_number;
  std::map<BatchId, Batch> batches;
  std::map<LedgerEntryId, LedgerEntry> ledger;
  std::map<ReservationId, Reservation> reservations;
  std::map<std::pair<std::string, std::string>, ReservationId> reservation_by_key;
  std::map<CdrId, Cdr> cdrs;
  std::map<std::pair<std::string, std::string>, CdrId> cdr_by_key;
  std::map<TariffId, TariffRecord> tariffs;
  // (tariff, list name) -> rates by prefix
  std::map<std::pair<TariffId, std::string>, std::map<std::string, rating::Rate>> lists;
  std::map<TariffId, std::vector<rating::PriceRule>> rules;
  std::map<TariffId, std::vector<rating::Holiday>> holidays;
  std::map<std::string, Operator, std::less<>> operators;
  std::map<std::int64_t, ApiToken> tokens;
  std::map<std::int64_t, AuditEntry> audit;
};

namespace {

using Key = std::pair<std::string, std::string>;
Key key_of(const SessionKey& k) { return {k.nas, k.session_id}; }

bool is_open(const Reservation& r, Instant now) { return r.open_at(now); }

template <class T>
std::vector<T> page_of(const std::vector<T>& all, const Page& page) {
  std::vector<T> out;
  for (std::uint64_t i = page.offset; i < all.size() && out.size() < page.limit; ++i)
    out.push_back(all[i]);
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

class MemoryTransaction final : public Transaction {
 public:
  explicit MemoryTransaction(MemoryStore::State& s) : s_(s), lock_(s.mutex) {
    if (s_.unavailable) throw StoreUnavailable("memory store: marked unavailable");
  }
  ~MemoryTransaction() override {
    if (!committed_) rollback();
  }

  void commit() override {
    if (s_.unavailable) {
      rollback();
      throw StoreUnavailable("memory store: marked unavailable");
    }
    committed_ = true;
    undo_.clear();
  }

  // ---- call path

  std::optional<CardState> card_for_call(std::string_view number, const SessionKey& key,
                                         Instant now, RowLock lock) override {
    auto it = s_.card_by_number.find(number);
    if (it == s_.card_by_number.end()) return std::nullopt;
    return card_for_call(it->second, key, now, lock);
  }

  std::optional<CardState> card_for_call(CardId id, const SessionKey& key, Instant now,
                                         RowLock) override {
    auto it = s_.cards.find(id);
    if (it == s_.cards.end()) return std::nullopt;
    CardState st;
    st.card = it->second;
    for (const auto& [rid, r] : s_.reservations) {
      if (r.card_id == id && is_open(r, now)) {
        st.reserved += r.amount;
        ++st.open_calls;
      }
    }
    if (auto t = find_tariff(st.card.tariff)) st.tariff_version = t->version;
    if (auto k = s_.reservation_by_key.find(key_of(key)); k != s_.reservation_by_key.end()) {
      st.existing = k->second;
      st.existing_state = s_.reservations.at(k->second).state;
    }
    return st;
  }

  std::optional<Reservation> find_reservation(const SessionKey& key) override {
    auto k = s_.reservation_by_key.find(key_of(key));
    if (k == s_.reservation_by_key.end()) return std::nullopt;
    return with_number(s_.reservations.at(k->second));
  }

  std::optional<Reservation> find_reservation(ReservationId id) override {
    auto it = s_.reservations.find(id);
    if (it == s_.reservations.end()) return std::nullopt;
    return with_number(it->second);
  }

  void insert_reservation(Reservation& r) override {
    const Key k = key_of(r.key);
    if (s_.reservation_by_key.count(k))
      throw StoreDuplicate("reservation for this (nas, session_id) exists");
    r.id = s_.next_id++;
    Reservation stored = r;
    stored.card_number.clear();
    s_.reservations.emplace(r.id, stored);
    s_.reservation_by_key.emplace(k, r.id);
    undo_.push_back([this, id = r.id, k] {
      s_.reservations.erase(id);
      s_.reservation_by_key.erase(k);
    });
  }

  bool start_reservation(ReservationId id, Instant started_at, Instant expires_at,
                         Instant now) override {
    auto it = s_.reservations.find(id);
    if (it == s_.reservations.end() || !is_open(it->second, now)) return false;
    save(s_.reservations, id);
    it->second.state = ReservationState::started;
    it->second.started_at = started_at;
    it->second.expires_at = expires_at;
    return true;
  }

  void record_usage(ReservationId id, std::uint32_t usage_s, Instant at) override {
    auto it = s_.reservations.find(id);
    if (it == s_.reservations.end()) return;
    Reservation& r = it->second;
    if (r.state != ReservationState::reserved && r.state != ReservationState::started) return;
    save(s_.reservations, id);
    r.usage_s = usage_s;
    r.last_interim_at = at;
  }

  void close_reservation(ReservationId id, ReservationState state, Instant at) override {
    auto it = s_.reservations.find(id);
    if (it == s_.reservations.end()) return;
    save(s_.reservations, id);
    it->second.state = state;
    it->second.closed_at = at;
  }

  std::vector<Reservation> unclosed_reservations_at(std::string_view nas, Instant before) override {
    std::vector<Reservation> out;
    for (const auto& [id, r] : s_.reservations)
      if (r.key.nas == nas && r.created_at <= before &&
          (r.state == ReservationState::reserved || r.state == ReservationState::started))
        out.push_back(with_number(r));
    return out;
  }

  std::vector<Reservation> open_reservations(Instant now, std::optional<CardId> card,
                                             const Page& page) override {
    std::vector<Reservation> all;
    for (const auto& [id, r] : s_.reservations)
      if (is_open(r, now) && (!card || r.card_id == *card)) {
        Reservation copy = with_number(r);
        copy.tariff_snapshot.clear();
        all.push_back(std::move(copy));
      }
    return page_of(all, page);
  }

  std::uint32_t expire_reservations(Instant now, std::uint32_t limit) override {
    std::uint32_t n = 0;
    for (auto& [id, r] : s_.reservations) {
      if (n >= limit) break;
      if ((r.state == ReservationState::reserved || r.state == ReservationState::started) &&
          r.expires_at <= now) {
        save(s_.reservations, id);
        r.state = ReservationState::expired;
        r.closed_at = now;
        ++n;
      }
    }
    return n;
  }

  bool insert_cdr(Cdr& cdr) override {
    const Key k = key_of(cdr.key);
    if (s_.cdr_by_key.count(k)) return false;
    cdr.id = s_.next_id++;
    s_.cdrs.emplace(cdr.id, cdr);
    s_.cdr_by_key.emplace(k, cdr.id);
    undo_.push_back([this, id = cdr.id, k] {
      s_.cdrs.erase(id);
      s_.cdr_by_key.erase(k);
    });
    return true;
  }

  std::optional<Cdr> find_cdr(const SessionKey& key) override {
    auto k = s_.cdr_by_key.find(key_of(key));
    if (k == s_.cdr_by_key.end()) return std::nullopt;
    return s_.cdrs.at(k->second);
  }

  std::vector<Cdr> list_cdrs(const CdrFilter& f, const Page& page) override {
    std::vector<Cdr> all;
    for (const auto& [id, c] : s_.cdrs) {
      if (f.from && c.call_at < *f.from) continue;
      if (f.to && c.call_at >= *f.to) continue;
      if (f.card && c.card_id != *f.card) continue;
      if (!starts_with(c.digits, f.digits_prefix)) continue;
      all.push_back(c);
    }
    std::sort(all.begin(), all.end(), [](const Cdr& a, const Cdr& b) {
      return a.call_at != b.call_at ? a.call_at > b.call_at : a.id > b.id;
    });
    return page_of(all, page);
  }

  // ---- cards, batches, ledger

  std::optional<Card> lock_card(std::string_view number) override {
    return find_card(number, true);
  }

  std::optional<Card> find_card(std::string_view number, bool with_pin) override {
    auto it = s_.card_by_number.find(number);
    if (it == s_.card_by_number.end()) return std::nullopt;
    return find_card(it->second, with_pin);
  }

  std::optional<Card> find_card(CardId id, bool with_pin) override {
    auto it = s_.cards.find(id);
    if (it == s_.cards.end()) return std::nullopt;
    Card c = it->second;
    if (!with_pin) c.pin.clear();
    return c;
  }

  void insert_card(Card& card) override {
    if (s_.card_by_number.count(card.number))
      throw StoreDuplicate("card number " + card.number + " exists");
    card.id = s_.next_id++;
    s_.cards.emplace(card.id, card);
    s_.card_by_number.emplace(card.number, card.id);
    undo_.push_back([this, id = card.id, number = card.number] {
      s_.cards.erase(id);
      s_.card_by_number.erase(number);
    });
  }

  void insert_cards(std::vector<Card>& cards) override {
    std::set<std::string> seen;
    for (const Card& c : cards)
      if (s_.card_by_number.count(c.number) || !seen.insert(c.number).second)
        throw StoreDuplicate("card number " + c.number + " exists");
    for (Card& c : cards) insert_card(c);
  }

  std::vector<std::string> existing_numbers(const std::vector<std::string>& numbers) override {
    std::vector<std::string> out;
    for (const auto& n : numbers)
      if (s_.card_by_number.count(n)) out.push_back(n);
    return out;
  }

  void update_card(const Card& card) override {
    auto it = s_.cards.find(card.id);
    if (it == s_.cards.end()) return;
    save(s_.cards, card.id);
    Card& c = it->second;
    const std::string number = c.number;
    const Instant created = c.created_at;
    const std::optional<BatchId> batch = c.batch;
    c = card;
    c.number = number;
    c.created_at = created;
    c.batch = batch;
  }

  std::vector<Card> list_cards(const CardFilter& f, const Page& page) override {
    std::vector<Card> all;
    for (const auto& [number, id] : s_.card_by_number) {
      const Card& c = s_.cards.at(id);
      if (!matches(c, f)) continue;
      Card copy = c;
      if (!f.with_pins) copy.pin.clear();
      all.push_back(std::move(copy));
    }
    return page_of(all, page);
  }

  std::uint64_t count_cards(const CardFilter& f) override {
    std::uint64_t n = 0;
    for (const auto& [id, c] : s_.cards)
      if (matches(c, f)) ++n;
    return n;
  }

  std::vector<LedgerMismatch> ledger_mismatches() override {
    std::map<CardId, Money> sums;
    for (const auto& [id, e] : s_.ledger) sums[e.card_id] += e.amount;
    std::vector<LedgerMismatch> out;
    for (const auto& [id, c] : s_.cards) {
      const Money sum = sums.count(id) ? sums[id] : Money();
      if (sum != c.balance) out.push_back(LedgerMismatch{id, c.number, c.balance, sum});
    }
    return out;
  }

  void insert_batch(Batch& batch) override {
    batch.id = s_.next_id++;
    s_.batches.emplace(batch.id, batch);
    undo_.push_back([this, id = batch.id] { s_.batches.erase(id); });
  }

  std::optional<Batch> find_batch(BatchId id) override {
    auto it = s_.batches.find(id);
    if (it == s_.batches.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Batch> list_batches(const Page& page) override {
    std::vector<Batch> all;
    for (auto it = s_.batches.rbegin(); it != s_.batches.rend(); ++it) all.push_back(it->second);
    return page_of(all, page);
  }

  void insert_ledger(LedgerEntry& entry) override {
    entry.id = s_.next_id++;
    s_.ledger.emplace(entry.id, entry);
    undo_.push_back([this, id = entry.id] { s_.ledger.erase(id); });
  }

  void insert_ledger_entries(const std::vector<LedgerEntry>& entries) override {
    for (LedgerEntry e : entries) insert_ledger(e);
  }

  std::vector<LedgerEntry> list_ledger(CardId card, const Page& page) override {
    std::vector<LedgerEntry> all;
    for (const auto& [id, e] : s_.ledger)
      if (e.card_id == card) all.push_back(e);
    return page_of(all, page);
  }

  // ---- tariffs

  std::optional<TariffRecord> find_tariff(std::string_view name) override {
    for (const auto& [id, t] : s_.tariffs)
      if (t.name == name) return t;
    return std::nullopt;
  }

  std::vector<TariffRecord> list_tariffs() override {
    std::vector<TariffRecord> out;
    for (const auto& [id, t] : s_.tariffs) out.push_back(t);
    std::sort(out.begin(), out.end(),
              [](const TariffRecord& a, const TariffRecord& b) { return a.name < b.name; });
    return out;
  }

  void insert_tariff(TariffRecord& t) override {
    if (find_tariff(t.name)) throw StoreDuplicate("tariff " + t.name + " exists");
    t.id = s_.next_id++;
    s_.tariffs.emplace(t.id, t);
    undo_.push_back([this, id = t.id] { s_.tariffs.erase(id); });
  }

  void update_tariff(const TariffRecord& t) override {
    auto it = s_.tariffs.find(t.id);
    if (it == s_.tariffs.end()) return;
    save(s_.tariffs, t.id);
    TariffRecord& stored = it->second;
    stored.time_zone = t.time_zone;
    stored.base_price_list = t.base_price_list;
    stored.rounding = t.rounding;
    stored.international_prefix = t.international_prefix;
    stored.currency = t.currency;
  }

  std::int64_t bump_tariff_version(TariffId id, Instant at) override {
    auto it = s_.tariffs.find(id);
    if (it == s_.tariffs.end()) return 0;
    save(s_.tariffs, id);
    ++it->second.version;
    it->second.updated_at = at;
    return it->second.version;
  }

  std::optional<TariffContent> load_tariff(std::string_view name) override {
    auto t = find_tariff(name);
    if (!t) return std::nullopt;
    TariffContent content;
    content.header = *t;
    for (const auto& [k, rates] : s_.lists) {
      if (k.first != t->id) continue;
      TariffContent::List list{k.second, {}};
      for (const auto& [prefix, rate] : rates) list.rates.push_back(rate);
      content.lists.push_back(std::move(list));
    }
    if (s_.rules.count(t->id)) content.rules = s_.rules.at(t->id);
    if (s_.holidays.count(t->id)) content.holidays = s_.holidays.at(t->id);
    return content;
  }

  std::vector<PriceListInfo> list_price_lists(TariffId tariff) override {
    std::vector<PriceListInfo> out;
    for (const auto& [k, rates] : s_.lists)
      if (k.first == tariff) out.push_back(PriceListInfo{k.second, rates.size()});
    return out;
  }

  std::vector<rating::Rate> list_rates(TariffId tariff, std::string_view list) override {
    std::vector<rating::Rate> out;
    auto it = s_.lists.find({tariff, std::string(list)});
    if (it == s_.lists.end()) return out;
    for (const auto& [prefix, rate] : it->second) out.push_back(rate);
    return out;
  }

  void replace_price_list(TariffId tariff, std::string_view list,
                          const std::vector<rating::Rate>& rates) override {
    const auto k = std::make_pair(tariff, std::string(list));
    save_list(k);
    auto& target = s_.lists[k];
    target.clear();
    for (const auto& r : rates) target[r.prefix] = r;
  }

  bool delete_price_list(TariffId tariff, std::string_view list) override {
    const auto k = std::make_pair(tariff, std::string(list));
    if (!s_.lists.count(k)) return false;
    save_list(k);
    s_.lists.erase(k);
    return true;
  }

  bool upsert_rate(TariffId tariff, std::string_view list, const rating::Rate& rate) override {
    const auto k = std::make_pair(tariff, std::string(list));
    if (!s_.lists.count(k)) return false;
    save_list(k);
    s_.lists[k][rate.prefix] = rate;
    return true;
  }

  bool delete_rate(TariffId tariff, std::string_view list, std::string_view prefix) override {
    const auto k = std::make_pair(tariff, std::string(list));
    auto it = s_.lists.find(k);
    if (it == s_.lists.end() || !it->second.count(std::string(prefix))) return false;
    save_list(k);
    s_.lists[k].erase(std::string(prefix));
    return true;
  }

  void insert_rule(TariffId tariff, const rating::PriceRule& rule) override {
    auto& rules = s_.rules[tariff];
    for (const auto& r : rules)
      if (r.name == rule.name) throw StoreDuplicate("rule " + rule.name + " exists");
    save_rules(tariff);
    rules.push_back(rule);
  }

  bool delete_rule(TariffId tariff, std::string_view name) override {
    auto& rules = s_.rules[tariff];
    auto it = std::find_if(rules.begin(), rules.end(),
                           [&](const rating::PriceRule& r) { return r.name == name; });
    if (it == rules.end()) return false;
    save_rules(tariff);
    s_.rules[tariff].erase(s_.rules[tariff].begin() + (it - rules.begin()));
    return true;
  }

  void insert_holiday(TariffId tariff, const rating::Holiday& holiday) override {
    auto& list = s_.holidays[tariff];
    for (const auto& h : list)
      if (same_date(h, holiday)) throw StoreDuplicate("holiday " + holiday.date_text() + " exists");
    save_holidays(tariff);
    s_.holidays[tariff].push_back(holiday);
  }

  bool delete_holiday(TariffId tariff, const rating::Holiday& date) override {
    auto& list = s_.holidays[tariff];
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const rating::Holiday& h) { return same_date(h, date); });
    if (it == list.end()) return false;
    const auto index = it - list.begin();
    save_holidays(tariff);
    s_.holidays[tariff].erase(s_.holidays[tariff].begin() + index);
    return true;
  }

  // ---- operators, tokens, audit

  std::optional<Operator> find_operator(std::string_view name) override {
    auto it = s_.operators.find(name);
    if (it == s_.operators.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Operator> list_operators() override {
    std::vector<Operator> out;
    for (const auto& [name, op] : s_.operators) out.push_back(op);
    return out;
  }

  void insert_operator(Operator& op) override {
    if (s_.operators.count(op.name)) throw StoreDuplicate("operator " + op.name + " exists");
    op.id = s_.next_id++;
    s_.operators.emplace(op.name, op);
    undo_.push_back([this, name = op.name] { s_.operators.erase(name); });
  }

  void update_operator_role(std::string_view name, Role role) override {
    auto it = s_.operators.find(name);
    if (it == s_.operators.end()) return;
    save(s_.operators, std::string(name));
    it->second.role = role;
  }

  bool delete_operator(std::string_view name, Instant at) override {
    auto it = s_.operators.find(name);
    if (it == s_.operators.end()) return false;
    Operator old = it->second;
    s_.operators.erase(it);
    undo_.push_back([this, old] { s_.operators.emplace(old.name, old); });
    for (auto& [id, t] : s_.tokens)
      if (t.operator_name == name && !t.revoked_at) {
        save(s_.tokens, id);
        t.revoked_at = at;
      }
    return true;
  }

  void insert_token(ApiToken& token) override {
    for (const auto& [id, t] : s_.tokens)
      if (t.sha256_hex == token.sha256_hex) throw StoreDuplicate("token hash exists");
    token.id = s_.next_id++;
    s_.tokens.emplace(token.id, token);
    undo_.push_back([this, id = token.id] { s_.tokens.erase(id); });
  }

  std::optional<ApiToken> find_token(std::string_view sha256_hex) override {
    for (const auto& [id, t] : s_.tokens)
      if (t.sha256_hex == sha256_hex) return t;
    return std::nullopt;
  }

  std::vector<ApiToken> list_tokens(std::string_view operator_name) override {
    std::vector<ApiToken> out;
    for (const auto& [id, t] : s_.tokens)
      if (operator_name.empty() || t.operator_name == operator_name) out.push_back(t);
    return out;
  }

  bool revoke_token(std::int64_t id, Instant at) override {
    auto it = s_.tokens.find(id);
    if (it == s_.tokens.end() || it->second.revoked_at) return false;
    save(s_.tokens, id);
    it->second.revoked_at = at;
    return true;
  }

  void insert_audit(AuditEntry& entry) override {
    entry.id = s_.next_id++;
    s_.audit.emplace(entry.id, entry);
    undo_.push_back([this, id = entry.id] { s_.audit.erase(id); });
  }

  std::vector<AuditEntry> list_audit(const AuditFilter& f, const Page& page) override {
    std::vector<AuditEntry> all;
    for (auto it = s_.audit.rbegin(); it != s_.audit.rend(); ++it) {
      const AuditEntry& e = it->second;
      if (f.from && e.at < *f.from) continue;
      if (f.to && e.at >= *f.to) continue;
      if (!f.actor.empty() && e.actor != f.actor) continue;
      if (!starts_with(e.action, f.action_prefix)) continue;
      if (!f.object.empty() && e.object != f.object) continue;
      all.push_back(e);
    }
    return page_of(all, page);
  }

 private:
  // Remembers the current value of a stored object so that rollback restores it.
  // (Keyed, not by reference: an element may be erased and re-inserted later in the same
  // transaction, and the undo must then write the re-inserted one.)
  template <class Map, class K>
  void save(Map& map, const K& key) {
    undo_.push_back([&map, key, copy = map.find(key)->second] { map[key] = copy; });
  }
  void save_list(const std::pair<TariffId, std::string>& k) {
    auto it = s_.lists.find(k);
    if (it == s_.lists.end()) {
      undo_.push_back([this, k] { s_.lists.erase(k); });
    } else {
      undo_.push_back([this, k, copy = it->second] { s_.lists[k] = copy; });
    }
  }
  void save_rules(TariffId t) {
    undo_.push_back([this, t, copy = s_.rules[t]] { s_.rules[t] = copy; });
  }
  void save_holidays(TariffId t) {
    undo_.push_back([this, t, copy = s_.holidays[t]] { s_.holidays[t] = copy; });
  }
  static bool same_date(const rating::Holiday& a, const rating::Holiday& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }

  Reservation with_number(const Reservation& r) const {
    Reservation copy = r;
    auto c = s_.cards.find(r.card_id);
    if (c != s_.cards.end()) copy.card_number = c->second.number;
    return copy;
  }

  static bool matches(const Card& c, const CardFilter& f) {
    if (f.status && c.effective_status(f.now) != *f.status) return false;
    if (f.batch && c.batch != f.batch) return false;
    if (!starts_with(c.number, f.number_prefix)) return false;
    if (f.kind && c.kind != *f.kind) return false;
    return true;
  }

  void rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
    undo_.clear();
  }

  MemoryStore::State& s_;
  std::unique_lock<std::mutex> lock_;
  std::vector<std::function<void()>> undo_;
  bool committed_ = false;
};

}  // namespace

MemoryStore::MemoryStore() : state_(std::make_unique<State>()) {}
MemoryStore::~MemoryStore() = default;

std::unique_ptr<Transaction> MemoryStore::begin() {
  return std::make_unique<MemoryTransaction>(*state_);
}

void MemoryStore::set_unavailable(bool unavailable) {
  std::lock_guard lock(state_->mutex);
  state_->unavailable = unavailable;
}

}  // namespace prepaid::billing

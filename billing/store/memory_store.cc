// The in-memory Store: one store-wide mutex per transaction, an undo log for rollback.
#include "billing/store/memory_store.h"

#include "billing/calls/call_charge.h"
#include "billing/operators/token_digest.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace prepaid::billing {

using rating::Instant;
using rating::Money;

struct MemoryStore::State {
  std::mutex mutex;
  bool unavailable = false;
  std::uint64_t committed_writes = 0;
  std::int64_t next_id = 1;  // one sequence for every table: ids never repeat

  std::map<CardId, Card> cards;
  std::map<CardId, std::int64_t> card_versions;  // +1 on every update_card
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
  std::map<std::string, std::string, std::less<>> passwords;  // operator name -> hash
  std::map<std::string, std::string, std::less<>> languages;  // operator name -> language
  std::map<std::int64_t, ApiToken> tokens;
  std::map<std::int64_t, AuditEntry> audit;
  std::map<std::string, NasClient, std::less<>> nas_clients;
  std::map<std::int64_t, DisconnectAttempt> disconnect_attempts;
  std::map<ShopId, Shop> shops;
  std::map<CardId, Booth> booths;   // stored fields only (card_id, shop_id, label, created_at)
  std::map<ShiftId, Shift> shifts;  // stored fields only
  std::map<std::int64_t, CashMovement> cash;
  std::map<BoothSessionId, BoothSession> booth_sessions;
  std::map<ShopId, std::uint64_t> last_receipt;  // absent: 0
  std::map<PaymentId, Payment> payments;
  std::map<CdrId, CallMark> call_marks;
  std::map<ShopId, ShopUpstream> upstreams;
  std::map<std::int64_t, UpstreamEntry> upstream_ledger;
  std::map<std::int64_t, CdrId> upstream_after;  // row id -> the shop's last CDR id then
};

namespace {

using Key = std::pair<std::string, std::string>;
Key key_of(const SessionKey& k) {
  return {k.nas, k.session_id};
}

bool is_open(const Reservation& r, Instant now) {
  return r.open_at(now);
}

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
    if (!undo_.empty()) ++s_.committed_writes;
    undo_.clear();
    committed_ = true;
    lock_.unlock();  // the transaction is over: other threads may begin theirs
  }

  // ---- call path

  std::optional<CardState> card_for_call(std::string_view number, const SessionKey& key,
                                         Instant now, RowLock lock) override {
    auto it = st().card_by_number.find(number);
    if (it == st().card_by_number.end()) return std::nullopt;
    return card_for_call(it->second, key, now, lock);
  }

  std::optional<CardState> card_for_call(CardId id, const SessionKey& key, Instant now,
                                         RowLock) override {
    auto it = st().cards.find(id);
    if (it == st().cards.end()) return std::nullopt;
    CardState out;
    out.card = it->second;
    if (auto v = st().card_versions.find(id); v != st().card_versions.end())
      out.card_version = v->second;
    for (const auto& [rid, r] : st().reservations) {
      if (r.card_id == id && is_open(r, now)) {
        out.reserved += r.amount;
        ++out.open_calls;
      }
    }
    if (auto t = find_tariff(out.card.tariff)) out.tariff_version = t->version;
    out.shop_booth = st().booths.count(id) > 0;
    out.booth_open = out.shop_booth && find_open_session(id).has_value();
    if (out.shop_booth) out.upstream = upstream_state(st().booths.at(id).shop_id, now);
    if (auto k = st().reservation_by_key.find(key_of(key)); k != st().reservation_by_key.end()) {
      out.existing = k->second;
      out.existing_state = st().reservations.at(k->second).state;
    }
    return out;
  }

  std::optional<Reservation> find_reservation(const SessionKey& key) override {
    auto k = st().reservation_by_key.find(key_of(key));
    if (k == st().reservation_by_key.end()) return std::nullopt;
    return with_number(st().reservations.at(k->second));
  }

  std::optional<Reservation> find_reservation(ReservationId id) override {
    auto it = st().reservations.find(id);
    if (it == st().reservations.end()) return std::nullopt;
    return with_number(it->second);
  }

  void insert_reservation(Reservation& r) override {
    const Key k = key_of(r.key);
    if (st().reservation_by_key.count(k))
      throw StoreDuplicate("reservation for this (nas, session_id) exists");
    r.id = st().next_id++;
    if (r.snapshot_sha256.empty()) r.snapshot_sha256 = sha256_hex(r.tariff_snapshot);
    Reservation stored = r;
    stored.card_number.clear();
    st().reservations.emplace(r.id, stored);
    st().reservation_by_key.emplace(k, r.id);
    undo_.push_back([this, id = r.id, k] {
      st().reservations.erase(id);
      st().reservation_by_key.erase(k);
    });
  }

  bool redecide_reservation(Reservation& r) override {
    auto it = st().reservations.find(r.id);
    if (it == st().reservations.end() || it->second.state != ReservationState::reserved)
      return false;
    if (r.snapshot_sha256.empty()) r.snapshot_sha256 = sha256_hex(r.tariff_snapshot);
    save(st().reservations, r.id);
    Reservation& stored = it->second;
    stored.calling = r.calling;
    stored.called = r.called;
    stored.digits = r.digits;
    stored.destination = r.destination;
    stored.granted_s = r.granted_s;
    stored.amount = r.amount;
    stored.tariff = r.tariff;
    stored.tariff_version = r.tariff_version;
    stored.tariff_snapshot = r.tariff_snapshot;
    stored.snapshot_sha256 = r.snapshot_sha256;
    stored.upstream_shop = r.upstream_shop;
    stored.upstream_hold = r.upstream_hold;
    stored.upstream_snapshot = r.upstream_snapshot;
    stored.created_at = r.created_at;
    stored.expires_at = r.expires_at;
    stored.usage_s = 0;
    stored.last_interim_at.reset();
    return true;
  }

  bool start_reservation(ReservationId id, Instant started_at, Instant expires_at,
                         Instant now) override {
    auto it = st().reservations.find(id);
    if (it == st().reservations.end() || !is_open(it->second, now)) return false;
    save(st().reservations, id);
    it->second.state = ReservationState::started;
    it->second.started_at = started_at;
    it->second.expires_at = expires_at;
    return true;
  }

  void record_usage(ReservationId id, std::uint32_t usage_s, Instant at) override {
    auto it = st().reservations.find(id);
    if (it == st().reservations.end()) return;
    Reservation& r = it->second;
    if (r.state != ReservationState::reserved && r.state != ReservationState::started) return;
    save(st().reservations, id);
    r.usage_s = usage_s;
    r.last_interim_at = at;
  }

  void close_reservation(ReservationId id, ReservationState state, Instant at) override {
    auto it = st().reservations.find(id);
    if (it == st().reservations.end()) return;
    save(st().reservations, id);
    it->second.state = state;
    it->second.closed_at = at;
  }

  std::vector<Reservation> unclosed_reservations_at(std::string_view nas, Instant before) override {
    std::vector<Reservation> out;
    for (const auto& [id, r] : st().reservations)
      if (r.key.nas == nas && r.created_at <= before &&
          (r.state == ReservationState::reserved || r.state == ReservationState::started))
        out.push_back(with_number(r));
    return out;
  }

  std::vector<Reservation> open_reservations(Instant now, std::optional<CardId> card,
                                             const Page& page) override {
    std::vector<Reservation> all;
    for (const auto& [id, r] : st().reservations)
      if (is_open(r, now) && (!card || r.card_id == *card)) {
        Reservation copy = with_number(r);
        copy.tariff_snapshot.clear();
        copy.snapshot_sha256.clear();
        all.push_back(std::move(copy));
      }
    return page_of(all, page);
  }

  std::uint32_t expire_reservations(Instant now, std::uint32_t limit) override {
    std::uint32_t n = 0;
    for (auto& [id, r] : st().reservations) {
      if (n >= limit) break;
      if ((r.state == ReservationState::reserved || r.state == ReservationState::started) &&
          r.expires_at <= now) {
        save(st().reservations, id);
        r.state = ReservationState::expired;
        r.closed_at = now;
        ++n;
      }
    }
    return n;
  }

  bool insert_cdr(Cdr& cdr) override {
    const Key k = key_of(cdr.key);
    if (st().cdr_by_key.count(k)) return false;
    cdr.id = st().next_id++;
    st().cdrs.emplace(cdr.id, cdr);
    st().cdr_by_key.emplace(k, cdr.id);
    undo_.push_back([this, id = cdr.id, k] {
      st().cdrs.erase(id);
      st().cdr_by_key.erase(k);
    });
    return true;
  }

  std::optional<Cdr> find_cdr(const SessionKey& key) override {
    auto k = st().cdr_by_key.find(key_of(key));
    if (k == st().cdr_by_key.end()) return std::nullopt;
    return st().cdrs.at(k->second);
  }

  static bool matches(const CdrFilter& f, const Cdr& c) {
    if (f.from && c.call_at < *f.from) return false;
    if (f.to && c.call_at >= *f.to) return false;
    if (f.card && c.card_id != *f.card) return false;
    if (!starts_with(c.digits, f.digits_prefix)) return false;
    return !(f.review_only && c.review.empty());
  }

  std::vector<Cdr> list_cdrs(const CdrFilter& f, const Page& page) override {
    std::vector<Cdr> all;
    for (const auto& [id, c] : st().cdrs)
      if (matches(f, c)) all.push_back(c);
    std::sort(all.begin(), all.end(), [](const Cdr& a, const Cdr& b) {
      return a.call_at != b.call_at ? a.call_at > b.call_at : a.id > b.id;
    });
    return page_of(all, page);
  }

  std::vector<CdrSlice> sum_cdrs(const CdrFilter& f, std::uint32_t slice_s) override {
    if (slice_s == 0) throw std::invalid_argument("sum_cdrs: slice_s must be at least 1");
    std::map<std::pair<std::int64_t, std::string>, CdrSlice> sums;
    for (const auto& [id, c] : st().cdrs) {
      if (!matches(f, c)) continue;
      const std::int64_t slice = c.call_at.time_since_epoch().count() / slice_s;
      CdrSlice& s = sums[{slice, c.currency}];
      s.slice = slice;
      s.currency = c.currency;
      ++s.calls;
      s.billed_s += c.billed_s;
      s.price += c.price;
    }
    std::vector<CdrSlice> out;
    for (auto& [key, s] : sums) out.push_back(std::move(s));
    return out;
  }

  // ---- cards, batches, ledger

  std::optional<Card> lock_card(std::string_view number) override {
    return find_card(number, true);
  }

  std::optional<Card> find_card(std::string_view number, bool with_pin) override {
    auto it = st().card_by_number.find(number);
    if (it == st().card_by_number.end()) return std::nullopt;
    return find_card(it->second, with_pin);
  }

  std::optional<Card> find_card(CardId id, bool with_pin) override {
    auto it = st().cards.find(id);
    if (it == st().cards.end()) return std::nullopt;
    Card c = it->second;
    if (!with_pin) c.pin.clear();
    return c;
  }

  void insert_card(Card& card) override {
    if (st().card_by_number.count(card.number))
      throw StoreDuplicate("card number " + card.number + " exists");
    card.id = st().next_id++;
    st().cards.emplace(card.id, card);
    st().card_by_number.emplace(card.number, card.id);
    undo_.push_back([this, id = card.id, number = card.number] {
      st().cards.erase(id);
      st().card_by_number.erase(number);
    });
  }

  void insert_cards(std::vector<Card>& cards) override {
    std::set<std::string> seen;
    for (const Card& c : cards)
      if (st().card_by_number.count(c.number) || !seen.insert(c.number).second)
        throw StoreDuplicate("card number " + c.number + " exists");
    for (Card& c : cards) insert_card(c);
  }

  std::vector<std::string> existing_numbers(const std::vector<std::string>& numbers) override {
    std::vector<std::string> out;
    for (const auto& n : numbers)
      if (st().card_by_number.count(n)) out.push_back(n);
    return out;
  }

  void update_card(const Card& card) override {
    auto it = st().cards.find(card.id);
    if (it == st().cards.end()) return;
    save(st().cards, card.id);
    const auto version = st().card_versions[card.id];
    undo_.push_back([this, id = card.id, version] { st().card_versions[id] = version; });
    st().card_versions[card.id] = version + 1;
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
    for (const auto& [number, id] : st().card_by_number) {
      const Card& c = st().cards.at(id);
      if (!matches(c, f)) continue;
      Card copy = c;
      if (!f.with_pins) copy.pin.clear();
      all.push_back(std::move(copy));
    }
    return page_of(all, page);
  }

  std::uint64_t count_cards(const CardFilter& f) override {
    std::uint64_t n = 0;
    for (const auto& [id, c] : st().cards)
      if (matches(c, f)) ++n;
    return n;
  }

  std::vector<LedgerMismatch> ledger_mismatches() override {
    std::map<CardId, Money> sums;
    for (const auto& [id, e] : st().ledger) sums[e.card_id] += e.amount;
    for (const auto& [id, c] : st().cdrs) sums[c.card_id] -= charged_by_cdr(c);
    std::vector<LedgerMismatch> out;
    for (const auto& [id, c] : st().cards) {
      const Money sum = sums.count(id) ? sums[id] : Money();
      if (sum != c.balance) out.push_back(LedgerMismatch{id, c.number, c.balance, sum});
    }
    return out;
  }

  void insert_batch(Batch& batch) override {
    batch.id = st().next_id++;
    st().batches.emplace(batch.id, batch);
    undo_.push_back([this, id = batch.id] { st().batches.erase(id); });
  }

  std::optional<Batch> find_batch(BatchId id) override {
    auto it = st().batches.find(id);
    if (it == st().batches.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Batch> list_batches(const Page& page) override {
    std::vector<Batch> all;
    for (auto it = st().batches.rbegin(); it != st().batches.rend(); ++it)
      all.push_back(it->second);
    return page_of(all, page);
  }

  void insert_ledger(LedgerEntry& entry) override {
    entry.id = st().next_id++;
    st().ledger.emplace(entry.id, entry);
    undo_.push_back([this, id = entry.id] { st().ledger.erase(id); });
  }

  void insert_ledger_entries(const std::vector<LedgerEntry>& entries) override {
    for (LedgerEntry e : entries) insert_ledger(e);
  }

  std::vector<LedgerEntry> list_ledger(CardId card, const Page& page) override {
    // Every table draws its ids from one sequence: ids are the order of the writes, and a
    // card's writes are made under its lock (the store's): its balance changed in id order.
    std::vector<LedgerEntry> all;
    for (const auto& [id, e] : st().ledger)
      if (e.card_id == card) all.push_back(e);
    for (const auto& [id, c] : st().cdrs) {
      if (c.card_id != card) continue;
      if (auto e = call_charge_entry(c)) all.push_back(std::move(*e));
    }
    std::sort(all.begin(), all.end(),
              [](const LedgerEntry& a, const LedgerEntry& b) { return a.id < b.id; });
    return page_of(all, page);
  }

  // ---- tariffs

  std::optional<TariffRecord> find_tariff(std::string_view name) override {
    for (const auto& [id, t] : st().tariffs)
      if (t.name == name) return t;
    return std::nullopt;
  }

  std::vector<TariffRecord> list_tariffs() override {
    std::vector<TariffRecord> out;
    for (const auto& [id, t] : st().tariffs) out.push_back(t);
    std::sort(out.begin(), out.end(),
              [](const TariffRecord& a, const TariffRecord& b) { return a.name < b.name; });
    return out;
  }

  void insert_tariff(TariffRecord& t) override {
    if (find_tariff(t.name)) throw StoreDuplicate("tariff " + t.name + " exists");
    t.id = st().next_id++;
    st().tariffs.emplace(t.id, t);
    undo_.push_back([this, id = t.id] { st().tariffs.erase(id); });
  }

  void update_tariff(const TariffRecord& t) override {
    auto it = st().tariffs.find(t.id);
    if (it == st().tariffs.end()) return;
    save(st().tariffs, t.id);
    TariffRecord& stored = it->second;
    stored.time_zone = t.time_zone;
    stored.base_price_list = t.base_price_list;
    stored.rounding = t.rounding;
    stored.international_prefix = t.international_prefix;
    stored.currency = t.currency;
  }

  std::int64_t bump_tariff_version(TariffId id, Instant at) override {
    auto it = st().tariffs.find(id);
    if (it == st().tariffs.end()) return 0;
    save(st().tariffs, id);
    ++it->second.version;
    it->second.updated_at = at;
    return it->second.version;
  }

  std::optional<TariffContent> load_tariff(std::string_view name) override {
    auto t = find_tariff(name);
    if (!t) return std::nullopt;
    TariffContent content;
    content.header = *t;
    for (const auto& [k, rates] : st().lists) {
      if (k.first != t->id) continue;
      TariffContent::List list{k.second, {}};
      for (const auto& [prefix, rate] : rates) list.rates.push_back(rate);
      content.lists.push_back(std::move(list));
    }
    if (st().rules.count(t->id)) content.rules = st().rules.at(t->id);
    content.holidays = list_holidays(t->id);
    return content;
  }

  std::vector<PriceListInfo> list_price_lists(TariffId tariff) override {
    std::vector<PriceListInfo> out;
    for (const auto& [k, rates] : st().lists)
      if (k.first == tariff) out.push_back(PriceListInfo{k.second, rates.size()});
    return out;
  }

  std::vector<rating::Rate> list_rates(TariffId tariff, std::string_view list) override {
    std::vector<rating::Rate> out;
    auto it = st().lists.find({tariff, std::string(list)});
    if (it == st().lists.end()) return out;
    for (const auto& [prefix, rate] : it->second) out.push_back(rate);
    return out;
  }

  void replace_price_list(TariffId tariff, std::string_view list,
                          const std::vector<rating::Rate>& rates,
                          const RowsWritten& written) override {
    const auto k = std::make_pair(tariff, std::string(list));
    save_list(k);
    auto& target = st().lists[k];
    target.clear();
    constexpr std::uint64_t kStep = 4096;  // rows between two calls of `written`
    std::uint64_t count = 0;
    for (const auto& r : rates) {
      target[r.prefix] = r;
      if (++count % kStep == 0 && written && count < rates.size()) written(count);
    }
    if (written) written(count);
  }

  bool delete_price_list(TariffId tariff, std::string_view list) override {
    const auto k = std::make_pair(tariff, std::string(list));
    if (!st().lists.count(k)) return false;
    save_list(k);
    st().lists.erase(k);
    return true;
  }

  std::optional<rating::Rate> find_rate(TariffId tariff, std::string_view list,
                                        std::string_view prefix) override {
    auto it = st().lists.find({tariff, std::string(list)});
    if (it == st().lists.end()) return std::nullopt;
    auto r = it->second.find(std::string(prefix));
    if (r == it->second.end()) return std::nullopt;
    return r->second;
  }

  std::vector<rating::PriceRule> list_rules(TariffId tariff) override {
    auto it = st().rules.find(tariff);
    return it == st().rules.end() ? std::vector<rating::PriceRule>{} : it->second;
  }

  std::vector<rating::Holiday> list_holidays(TariffId tariff) override {
    auto it = st().holidays.find(tariff);
    std::vector<rating::Holiday> out =
        it == st().holidays.end() ? std::vector<rating::Holiday>{} : it->second;
    std::sort(out.begin(), out.end(), [](const rating::Holiday& a, const rating::Holiday& b) {
      return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
    });
    return out;
  }

  bool upsert_rate(TariffId tariff, std::string_view list, const rating::Rate& rate) override {
    const auto k = std::make_pair(tariff, std::string(list));
    if (!st().lists.count(k)) return false;
    save_list(k);
    st().lists[k][rate.prefix] = rate;
    return true;
  }

  bool delete_rate(TariffId tariff, std::string_view list, std::string_view prefix) override {
    const auto k = std::make_pair(tariff, std::string(list));
    auto it = st().lists.find(k);
    if (it == st().lists.end() || !it->second.count(std::string(prefix))) return false;
    save_list(k);
    st().lists[k].erase(std::string(prefix));
    return true;
  }

  void insert_rule(TariffId tariff, const rating::PriceRule& rule) override {
    auto& rules = st().rules[tariff];
    for (const auto& r : rules)
      if (r.name == rule.name) throw StoreDuplicate("rule " + rule.name + " exists");
    save_rules(tariff);
    rules.push_back(rule);
  }

  bool delete_rule(TariffId tariff, std::string_view name) override {
    auto& rules = st().rules[tariff];
    auto it = std::find_if(rules.begin(), rules.end(),
                           [&](const rating::PriceRule& r) { return r.name == name; });
    if (it == rules.end()) return false;
    save_rules(tariff);
    st().rules[tariff].erase(st().rules[tariff].begin() + (it - rules.begin()));
    return true;
  }

  void insert_holiday(TariffId tariff, const rating::Holiday& holiday) override {
    auto& list = st().holidays[tariff];
    for (const auto& h : list)
      if (same_date(h, holiday)) throw StoreDuplicate("holiday " + holiday.date_text() + " exists");
    save_holidays(tariff);
    st().holidays[tariff].push_back(holiday);
  }

  bool delete_holiday(TariffId tariff, const rating::Holiday& date) override {
    auto& list = st().holidays[tariff];
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const rating::Holiday& h) { return same_date(h, date); });
    if (it == list.end()) return false;
    const auto index = it - list.begin();
    save_holidays(tariff);
    st().holidays[tariff].erase(st().holidays[tariff].begin() + index);
    return true;
  }

  // ---- operators, tokens, audit

  std::optional<Operator> find_operator(std::string_view name) override {
    auto it = st().operators.find(name);
    if (it == st().operators.end()) return std::nullopt;
    return with_shop(it->second);
  }

  std::vector<Operator> list_operators() override {
    std::vector<Operator> out;
    for (const auto& [name, op] : st().operators) out.push_back(with_shop(op));
    return out;
  }

  void update_operator_shop(std::string_view name, std::optional<ShopId> shop) override {
    auto it = st().operators.find(name);
    if (it == st().operators.end()) return;
    save(st().operators, std::string(name));
    it->second.shop_id = shop;
  }

  // ---- booth sessions

  void insert_booth_session(BoothSession& s) override {
    if (find_open_session(s.card_id)) throw StoreDuplicate("the booth has a session open");
    s.id = st().next_id++;
    st().booth_sessions.emplace(s.id, s);
    undo_.push_back([this, id = s.id] { st().booth_sessions.erase(id); });
  }

  std::optional<BoothSession> open_booth_session(CardId booth) override {
    return find_open_session(booth);
  }

  void close_booth_session(const BoothSession& s) override {
    auto it = st().booth_sessions.find(s.id);
    if (it == st().booth_sessions.end()) return;
    save(st().booth_sessions, s.id);
    it->second.closed_at = s.closed_at;
    it->second.closed_by = s.closed_by;
    it->second.closed_in = s.closed_in;
    it->second.spent = s.spent;
    it->second.settled = s.settled;
  }

  std::vector<BoothSession> booth_sessions_of_shift(ShiftId shift) override {
    std::vector<BoothSession> out;
    for (const auto& [id, s] : st().booth_sessions)
      if (s.shift_id == shift) out.push_back(s);
    return out;
  }

  std::optional<BoothSession> find_booth_session(BoothSessionId id) override {
    auto it = st().booth_sessions.find(id);
    if (it == st().booth_sessions.end()) return std::nullopt;
    return it->second;
  }

  // ---- payments and call marks

  std::optional<Cdr> find_cdr(CdrId id) override {
    auto it = st().cdrs.find(id);
    if (it == st().cdrs.end()) return std::nullopt;
    return it->second;
  }

  std::uint64_t next_receipt_number(ShopId shop) override {
    auto& counters = st().last_receipt;
    const auto it = counters.find(shop);
    const std::uint64_t before = it == counters.end() ? 0 : it->second;
    undo_.push_back([this, shop, before] {
      if (before == 0)
        st().last_receipt.erase(shop);
      else
        st().last_receipt[shop] = before;
    });
    counters[shop] = before + 1;
    return before + 1;
  }

  void insert_payment(Payment& p) override {
    for (const auto& [id, q] : st().payments)
      if (q.shop_id == p.shop_id && q.receipt_number == p.receipt_number)
        throw StoreDuplicate("the shop has a receipt of that number");
    p.id = st().next_id++;
    st().payments.emplace(p.id, p);
    undo_.push_back([this, id = p.id] { st().payments.erase(id); });
  }

  std::optional<Payment> find_payment(PaymentId id) override {
    auto it = st().payments.find(id);
    if (it == st().payments.end()) return std::nullopt;
    return it->second;
  }

  std::optional<Payment> find_receipt(ShopId shop, std::uint64_t number) override {
    for (const auto& [id, p] : st().payments)
      if (p.shop_id == shop && p.receipt_number == number) return p;
    return std::nullopt;
  }

  std::vector<Payment> list_payments(const PaymentFilter& f, const Page& page) override {
    std::vector<Payment> all;
    for (auto it = st().payments.rbegin(); it != st().payments.rend(); ++it) {
      const Payment& p = it->second;
      if (f.shop && p.shop_id != *f.shop) continue;
      if (f.shift && p.shift_id != *f.shift) continue;
      if (f.session && p.session_id != *f.session) continue;
      all.push_back(p);
    }
    return page_of(all, page);
  }

  void mark_payment_undone(const Payment& p) override {
    auto it = st().payments.find(p.id);
    if (it == st().payments.end()) return;
    save(st().payments, p.id);
    it->second.undone_at = p.undone_at;
    it->second.undone_by = p.undone_by;
    it->second.undo_reason = p.undo_reason;
  }

  void insert_call_mark(const CallMark& m) override {
    if (st().call_marks.count(m.cdr_id)) throw StoreDuplicate("the call is paid or unserved");
    st().call_marks.emplace(m.cdr_id, m);
    undo_.push_back([this, id = m.cdr_id] { st().call_marks.erase(id); });
  }

  std::optional<CallMark> find_call_mark(CdrId cdr) override {
    auto it = st().call_marks.find(cdr);
    if (it == st().call_marks.end()) return std::nullopt;
    return it->second;
  }

  std::vector<CallMark> call_marks_of_session(BoothSessionId session) override {
    std::vector<CallMark> out;
    for (const auto& [id, m] : st().call_marks)
      if (m.session_id == session) out.push_back(m);
    return out;
  }

  void delete_call_mark(CdrId cdr) override {
    auto it = st().call_marks.find(cdr);
    if (it == st().call_marks.end()) return;
    undo_.push_back([this, copy = it->second] { st().call_marks.emplace(copy.cdr_id, copy); });
    st().call_marks.erase(it);
  }

  void delete_call_marks_of_payment(PaymentId payment) override {
    std::vector<CdrId> ids;
    for (const auto& [id, m] : st().call_marks)
      if (m.payment_id == payment) ids.push_back(id);
    for (CdrId id : ids) delete_call_mark(id);
  }

  // ---- shifts and cash

  void insert_shift(Shift& shift) override {
    if (open_shift(shift.shop_id, shift.operator_name))
      throw StoreDuplicate("the operator has a shift open at the shop");
    shift.id = st().next_id++;
    Shift stored = shift;
    stored.shop.clear();
    stored.currency.clear();
    st().shifts.emplace(stored.id, stored);
    undo_.push_back([this, id = stored.id] { st().shifts.erase(id); });
  }

  std::optional<Shift> find_shift(ShiftId id, RowLock) override {
    auto it = st().shifts.find(id);
    if (it == st().shifts.end()) return std::nullopt;
    return read_shift(it->second);
  }

  std::optional<Shift> open_shift(ShopId shop, std::string_view operator_name) override {
    for (const auto& [id, s] : st().shifts)
      if (s.shop_id == shop && s.operator_name == operator_name && s.open()) return read_shift(s);
    return std::nullopt;
  }

  void close_shift(const Shift& shift) override {
    auto it = st().shifts.find(shift.id);
    if (it == st().shifts.end()) return;
    save(st().shifts, shift.id);
    it->second.closed_at = shift.closed_at;
    it->second.counted = shift.counted;
    it->second.expected = shift.expected;
  }

  std::vector<Shift> list_shifts(std::optional<ShopId> shop, bool open_only,
                                 const Page& page) override {
    std::vector<Shift> all;
    for (auto it = st().shifts.rbegin(); it != st().shifts.rend(); ++it) {
      if (shop && it->second.shop_id != *shop) continue;
      if (open_only && !it->second.open()) continue;
      all.push_back(read_shift(it->second));
    }
    return page_of(all, page);
  }

  void insert_cash_movement(CashMovement& m) override {
    m.id = st().next_id++;
    st().cash.emplace(m.id, m);
    undo_.push_back([this, id = m.id] { st().cash.erase(id); });
  }

  std::vector<CashMovement> list_cash_movements(ShiftId shift) override {
    std::vector<CashMovement> out;
    for (const auto& [id, m] : st().cash)
      if (m.shift_id == shift) out.push_back(m);
    return out;
  }

  // ---- shops and booths

  std::optional<Shop> find_shop(std::string_view name) override {
    for (const auto& [id, s] : st().shops)
      if (s.name == name) return s;
    return std::nullopt;
  }

  std::optional<Shop> find_shop(ShopId id) override {
    auto it = st().shops.find(id);
    if (it == st().shops.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Shop> list_shops() override {
    std::vector<Shop> out;
    for (const auto& [id, s] : st().shops) out.push_back(s);
    std::sort(out.begin(), out.end(), [](const Shop& a, const Shop& b) { return a.name < b.name; });
    return out;
  }

  void insert_shop(Shop& shop) override {
    if (find_shop(shop.name)) throw StoreDuplicate("shop " + shop.name + " exists");
    shop.id = st().next_id++;
    st().shops.emplace(shop.id, shop);
    undo_.push_back([this, id = shop.id] { st().shops.erase(id); });
  }

  void update_shop(const Shop& shop) override {
    auto it = st().shops.find(shop.id);
    if (it == st().shops.end()) return;
    save(st().shops, shop.id);
    const std::string name = it->second.name;
    const Instant created = it->second.created_at;
    it->second = shop;
    it->second.name = name;
    it->second.created_at = created;
  }

  void insert_booth(Booth& booth) override {
    if (st().booths.count(booth.card_id)) throw StoreDuplicate("the card is a booth already");
    for (const auto& [id, b] : st().booths)
      if (b.shop_id == booth.shop_id && b.label == booth.label)
        throw StoreDuplicate("booth label exists in the shop");
    Booth stored;
    stored.card_id = booth.card_id;
    stored.shop_id = booth.shop_id;
    stored.label = booth.label;
    stored.created_at = booth.created_at;
    st().booths.emplace(stored.card_id, stored);
    undo_.push_back([this, id = stored.card_id] { st().booths.erase(id); });
  }

  std::optional<Booth> find_booth(std::string_view number) override {
    auto c = st().card_by_number.find(number);
    if (c == st().card_by_number.end()) return std::nullopt;
    auto it = st().booths.find(c->second);
    if (it == st().booths.end()) return std::nullopt;
    return read_booth(it->second);
  }

  std::vector<Booth> list_booths(std::optional<ShopId> shop) override {
    std::vector<Booth> out;
    for (const auto& [id, b] : st().booths)
      if (!shop || b.shop_id == *shop) out.push_back(read_booth(b));
    std::sort(out.begin(), out.end(), [](const Booth& a, const Booth& b) {
      return std::tie(a.shop, a.label) < std::tie(b.shop, b.label);
    });
    return out;
  }

  void insert_operator(Operator& op) override {
    if (st().operators.count(op.name)) throw StoreDuplicate("operator " + op.name + " exists");
    op.id = st().next_id++;
    st().operators.emplace(op.name, op);
    undo_.push_back([this, name = op.name] { st().operators.erase(name); });
  }

  void update_operator_role(std::string_view name, Role role) override {
    auto it = st().operators.find(name);
    if (it == st().operators.end()) return;
    save(st().operators, std::string(name));
    it->second.role = role;
  }

  std::optional<std::string> operator_password(std::string_view name) override {
    auto it = st().passwords.find(name);
    if (it == st().passwords.end()) return std::nullopt;
    return it->second;
  }

  void set_operator_password(std::string_view name, std::string_view hash) override {
    if (!st().operators.count(name)) return;
    forget(&MemoryStore::State::passwords, std::string(name));
    st().passwords.emplace(std::string(name), std::string(hash));
  }

  std::string operator_language(std::string_view name) override {
    auto it = st().languages.find(name);
    return it == st().languages.end() ? std::string() : it->second;
  }

  void set_operator_language(std::string_view name, std::string_view language) override {
    if (!st().operators.count(name)) return;
    forget(&MemoryStore::State::languages, std::string(name));
    if (!language.empty()) st().languages.emplace(std::string(name), std::string(language));
  }

  bool delete_operator(std::string_view name, Instant at) override {
    auto it = st().operators.find(name);
    if (it == st().operators.end()) return false;
    Operator old = it->second;
    st().operators.erase(it);
    undo_.push_back([this, old] { st().operators.emplace(old.name, old); });
    forget(&MemoryStore::State::passwords, old.name);
    forget(&MemoryStore::State::languages, old.name);
    for (auto& [id, t] : st().tokens)
      if (t.operator_name == name && !t.revoked_at) {
        save(st().tokens, id);
        t.revoked_at = at;
      }
    return true;
  }

  void insert_token(ApiToken& token) override {
    for (const auto& [id, t] : st().tokens)
      if (t.sha256_hex == token.sha256_hex) throw StoreDuplicate("token hash exists");
    token.id = st().next_id++;
    st().tokens.emplace(token.id, token);
    undo_.push_back([this, id = token.id] { st().tokens.erase(id); });
  }

  std::optional<ApiToken> find_token(std::string_view sha256_hex) override {
    for (const auto& [id, t] : st().tokens)
      if (t.sha256_hex == sha256_hex) return t;
    return std::nullopt;
  }

  std::vector<ApiToken> list_tokens(std::string_view operator_name) override {
    std::vector<ApiToken> out;
    for (const auto& [id, t] : st().tokens)
      if (operator_name.empty() || t.operator_name == operator_name) out.push_back(t);
    return out;
  }

  bool revoke_token(std::int64_t id, Instant at) override {
    auto it = st().tokens.find(id);
    if (it == st().tokens.end() || it->second.revoked_at) return false;
    save(st().tokens, id);
    it->second.revoked_at = at;
    return true;
  }

  std::optional<NasClient> find_nas_client(std::string_view nas) override {
    auto it = st().nas_clients.find(nas);
    if (it == st().nas_clients.end()) return std::nullopt;
    return it->second;
  }

  std::vector<NasClient> list_nas_clients() override {
    std::vector<NasClient> out;
    for (const auto& [nas, n] : st().nas_clients) out.push_back(n);
    return out;
  }

  void insert_nas_client(const NasClient& nas) override {
    if (st().nas_clients.count(nas.nas)) throw StoreDuplicate("nas_client " + nas.nas);
    st().nas_clients.emplace(nas.nas, nas);
    undo_.push_back([this, k = nas.nas] { st().nas_clients.erase(k); });
  }

  void update_nas_client(const NasClient& nas) override {
    auto it = st().nas_clients.find(nas.nas);
    if (it == st().nas_clients.end()) return;
    save(st().nas_clients, nas.nas);
    const auto created = it->second.created_at;
    it->second = nas;
    it->second.created_at = created;
  }

  bool delete_nas_client(std::string_view nas) override {
    auto it = st().nas_clients.find(nas);
    if (it == st().nas_clients.end()) return false;
    undo_.push_back([this, copy = it->second] { st().nas_clients.emplace(copy.nas, copy); });
    st().nas_clients.erase(it);
    return true;
  }

  void insert_disconnect_attempt(DisconnectAttempt& attempt) override {
    attempt.id = st().next_id++;
    st().disconnect_attempts.emplace(attempt.id, attempt);
    undo_.push_back([this, id = attempt.id] { st().disconnect_attempts.erase(id); });
  }

  std::vector<DisconnectAttempt> list_disconnect_attempts(const DisconnectFilter& f,
                                                          const Page& page) override {
    std::vector<DisconnectAttempt> all;
    for (auto it = st().disconnect_attempts.rbegin(); it != st().disconnect_attempts.rend(); ++it) {
      const DisconnectAttempt& a = it->second;
      if (!f.nas.empty() && a.key.nas != f.nas) continue;
      if (!f.session_id.empty() && a.key.session_id != f.session_id) continue;
      if (!f.card_number.empty() && a.card_number != f.card_number) continue;
      all.push_back(a);
    }
    return page_of(all, page);
  }

  // ---- shops' upstream accounts

  std::optional<ShopUpstream> find_shop_upstream(ShopId shop, RowLock) override {
    auto it = st().upstreams.find(shop);
    if (it == st().upstreams.end()) return std::nullopt;
    return it->second;
  }

  void insert_shop_upstream(const ShopUpstream& account) override {
    if (st().upstreams.count(account.shop_id))
      throw StoreDuplicate("the shop has an upstream account");
    st().upstreams.emplace(account.shop_id, account);
    undo_.push_back([this, id = account.shop_id] { st().upstreams.erase(id); });
  }

  void update_shop_upstream(const ShopUpstream& account) override {
    auto it = st().upstreams.find(account.shop_id);
    if (it == st().upstreams.end()) return;
    save(st().upstreams, account.shop_id);
    it->second.balance = account.balance;
    it->second.warn_below = account.warn_below;
    it->second.updated_at = account.updated_at;
  }

  void insert_shop_upstream_entry(UpstreamEntry& entry) override {
    entry.id = st().next_id++;
    st().upstream_ledger.emplace(entry.id, entry);
    CdrId after = 0;
    for (const auto& [id, c] : st().cdrs)
      if (c.upstream_shop == entry.shop_id && c.upstream_cost) after = id;
    st().upstream_after.emplace(entry.id, after);
    undo_.push_back([this, id = entry.id] {
      st().upstream_ledger.erase(id);
      st().upstream_after.erase(id);
    });
  }

  std::vector<UpstreamEntry> list_shop_upstream_ledger(ShopId shop, const Page& page) override {
    // In the order the balance changed: a row after the CDRs it came after (as MySQL's).
    struct Placed {
      std::tuple<CdrId, int, std::int64_t> place;
      UpstreamEntry entry;
    };
    std::vector<Placed> placed;
    for (const auto& [id, e] : st().upstream_ledger)
      if (e.shop_id == shop) placed.push_back({{st().upstream_after.at(id), 1, id}, e});
    const auto account = st().upstreams.find(shop);
    const std::string currency = account == st().upstreams.end() ? "" : account->second.currency;
    for (const auto& [id, c] : st().cdrs)
      if (c.upstream_shop == shop && c.upstream_cost)
        placed.push_back({{id, 0, id}, cost_entry(c, currency)});
    std::sort(placed.begin(), placed.end(),
              [](const Placed& a, const Placed& b) { return a.place < b.place; });
    std::vector<UpstreamEntry> all;
    for (auto& p : placed) all.push_back(std::move(p.entry));
    return page_of(all, page);
  }

  Money shop_upstream_held(ShopId shop, Instant now) override {
    Money held;
    for (const auto& [id, r] : st().reservations)
      if (r.upstream_shop == shop && is_open(r, now)) held += r.upstream_hold;
    return held;
  }

  std::uint64_t count_shop_upstreams() override { return st().upstreams.size(); }

  std::vector<UpstreamMismatch> shop_upstream_mismatches() override {
    std::map<ShopId, Money> sums;
    for (const auto& [id, e] : st().upstream_ledger) sums[e.shop_id] += e.amount;
    for (const auto& [id, c] : st().cdrs)
      if (c.upstream_shop && c.upstream_cost) sums[*c.upstream_shop] -= *c.upstream_cost;
    std::vector<UpstreamMismatch> out;
    for (const auto& [id, a] : st().upstreams) {
      const Money sum = sums.count(id) ? sums[id] : Money();
      if (sum != a.balance) {
        auto s = st().shops.find(id);
        out.push_back(
            UpstreamMismatch{id, s == st().shops.end() ? "" : s->second.name, a.balance, sum});
      }
    }
    return out;
  }

  void debit_shop_upstream(ShopId shop, Money cost) override {
    auto it = st().upstreams.find(shop);
    if (it == st().upstreams.end()) return;
    save(st().upstreams, shop);
    it->second.balance = it->second.balance - cost;
  }

  void insert_audit(AuditEntry& entry) override {
    entry.id = st().next_id++;
    st().audit.emplace(entry.id, entry);
    undo_.push_back([this, id = entry.id] { st().audit.erase(id); });
  }

  std::vector<AuditEntry> list_audit(const AuditFilter& f, const Page& page) override {
    std::vector<AuditEntry> all;
    for (auto it = st().audit.rbegin(); it != st().audit.rend(); ++it) {
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
  // An operator's entry in one of the per-operator maps (password hashes, languages),
  // removed; rollback puts back what was there (or removes what the transaction adds later).
  // Keyed, not by reference: an entry may be erased and re-inserted later in the same
  // transaction, and the undo must then write the re-inserted one.
  using OperatorTexts = std::map<std::string, std::string, std::less<>> MemoryStore::State::*;
  void forget(OperatorTexts texts, const std::string& name) {
    auto it = (st().*texts).find(name);
    if (it == (st().*texts).end()) {
      undo_.push_back([this, texts, name] { (st().*texts).erase(name); });
      return;
    }
    undo_.push_back([this, texts, name, old = it->second] { (st().*texts)[name] = old; });
    (st().*texts).erase(it);
  }

  // What card_for_call reads of a booth's shop: its upstream account when the shop has one
  // and a cost tariff.
  std::optional<UpstreamState> upstream_state(ShopId shop_id, Instant now) {
    auto u = st().upstreams.find(shop_id);
    auto s = st().shops.find(shop_id);
    if (u == st().upstreams.end() || s == st().shops.end() || !s->second.cost_tariff)
      return std::nullopt;
    UpstreamState out;
    out.shop_id = shop_id;
    out.balance = u->second.balance;
    out.currency = u->second.currency;
    out.held = shop_upstream_held(shop_id, now);
    out.cost_tariff = *s->second.cost_tariff;
    if (auto t = find_tariff(out.cost_tariff)) out.cost_version = t->version;
    return out;
  }

  static UpstreamEntry cost_entry(const Cdr& c, const std::string& currency) {
    UpstreamEntry e;
    e.id = c.id;
    e.shop_id = *c.upstream_shop;
    e.at = c.recorded_at;
    e.kind = UpstreamEntryKind::call_cost;
    e.amount = Money() - *c.upstream_cost;
    e.currency = currency;
    e.actor = "radius";
    e.reason = "call from " + c.card_number + " to " + c.called;
    e.reference = "cdr:" + std::to_string(c.id);
    return e;
  }

  template <class Map, class K>
  void save(Map& map, const K& key) {
    undo_.push_back([&map, key, copy = map.find(key)->second] { map[key] = copy; });
  }
  void save_list(const std::pair<TariffId, std::string>& k) {
    auto it = st().lists.find(k);
    if (it == st().lists.end()) {
      undo_.push_back([this, k] { st().lists.erase(k); });
    } else {
      undo_.push_back([this, k, copy = it->second] { st().lists[k] = copy; });
    }
  }
  void save_rules(TariffId t) {
    undo_.push_back([this, t, copy = st().rules[t]] { st().rules[t] = copy; });
  }
  void save_holidays(TariffId t) {
    undo_.push_back([this, t, copy = st().holidays[t]] { st().holidays[t] = copy; });
  }
  static bool same_date(const rating::Holiday& a, const rating::Holiday& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }

  std::optional<BoothSession> find_open_session(CardId booth) const {
    for (const auto& [id, s] : st().booth_sessions)
      if (s.card_id == booth && s.open()) return s;
    return std::nullopt;
  }

  Shift read_shift(Shift s) const {
    const Shop& shop = st().shops.at(s.shop_id);
    s.shop = shop.name;
    s.currency = shop.currency;
    return s;
  }

  Operator with_shop(Operator op) const {
    op.shop.clear();
    if (op.shop_id)
      if (auto it = st().shops.find(*op.shop_id); it != st().shops.end()) op.shop = it->second.name;
    return op;
  }

  Booth read_booth(Booth b) const {
    b.shop = st().shops.at(b.shop_id).name;
    const Card& card = st().cards.at(b.card_id);
    b.number = card.number;
    b.status = card.status;
    return b;
  }

  Reservation with_number(const Reservation& r) const {
    Reservation copy = r;
    auto c = st().cards.find(r.card_id);
    if (c != st().cards.end()) copy.card_number = c->second.number;
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

  // The state, while this transaction is in progress (after commit() it may not be used).
  MemoryStore::State& st() {
    if (committed_) throw std::logic_error("memory store: transaction used after commit");
    return s_;
  }
  const MemoryStore::State& st() const {
    if (committed_) throw std::logic_error("memory store: transaction used after commit");
    return s_;
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

// The single steps of the call path: each is one transaction (the reference implementations).

std::optional<CardState> MemoryStore::read_card_for_call(std::string_view number,
                                                         const SessionKey& key, Instant now) {
  auto tx = begin();
  auto st = tx->card_for_call(number, key, now, RowLock::none);
  tx->commit();
  return st;
}

ReserveOutcome MemoryStore::reserve(Reservation& r, const GrantBasis& basis) {
  auto tx = begin();
  return reserve_in(*tx, r, basis);
}

std::optional<LockedVerdict> MemoryStore::decide_and_reserve(std::string_view number,
                                                             const SessionKey& key,
                                                             rating::Instant now,
                                                             const CallDecider& decide,
                                                             Reservation& r) {
  auto tx = begin();
  return decide_and_reserve_in(*tx, number, key, now, decide, r);
}

std::optional<Reservation> MemoryStore::read_reservation(const SessionKey& key) {
  auto tx = begin();
  auto r = tx->find_reservation(key);
  tx->commit();
  return r;
}

SettleResult MemoryStore::settle(Settlement& s) {
  auto tx = begin();
  return settle_in(*tx, s);
}

std::optional<SettleResult> MemoryStore::rate_and_settle(const SessionKey& key, Instant now,
                                                         const StopRater& rate, Settlement& s) {
  auto tx = begin();
  return rate_and_settle_in(*tx, key, now, rate, s);
}

StartOutcome MemoryStore::start_call(const SessionKey& key, Instant started_at,
                                     std::uint32_t grace_s, Instant now) {
  auto tx = begin();
  return start_call_in(*tx, key, started_at, grace_s, now);
}

UsageOutcome MemoryStore::record_call_usage(const SessionKey& key, std::uint32_t usage_s,
                                            Instant at) {
  auto tx = begin();
  return record_call_usage_in(*tx, key, usage_s, at);
}

std::string MemoryStore::state_fingerprint() {
  std::lock_guard lock(state_->mutex);
  return "writes:" + std::to_string(state_->committed_writes);
}

void MemoryStore::set_unavailable(bool unavailable) {
  std::lock_guard lock(state_->mutex);
  state_->unavailable = unavailable;
}

}  // namespace prepaid::billing

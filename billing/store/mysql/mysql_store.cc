// MySqlStore: a connection pool, and MySqlTransaction, the Transaction on one borrowed
// connection. Every statement comes from statements.cc and is bound through Binder.
#include "billing/store/mysql/mysql_store.h"

#include <cppconn/resultset_metadata.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "billing/csprng.h"
#include "billing/operators/token_digest.h"
#include "billing/store/mysql/call_group.h"
#include "billing/store/mysql/connection.h"
#include "billing/store/mysql/group_commit.h"
#include "billing/store/mysql/row_mapper.h"
#include "billing/store/mysql/schema.h"
#include "billing/store/mysql/settle_batch.h"

namespace prepaid::mysql {

using billing::CardState;
using billing::RowLock;
using billing::StoreDuplicate;
using billing::StoreUnavailable;
using rating::Instant;
using S = StatementId;

struct MySqlStore::Pool {
  explicit Pool(ConnectionOptions o) : options(std::move(o)) {}

  std::unique_ptr<Connection> acquire() {
    Connection::attach_thread();
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return !idle.empty() || open < options.max_connections; });
    if (!idle.empty()) {
      auto c = std::move(idle.back());
      idle.pop_back();
      return c;
    }
    ++open;
    lock.unlock();
    try {
      return std::make_unique<Connection>(options, true);
    } catch (...) {
      lock.lock();
      --open;
      cv.notify_one();
      throw;
    }
  }

  void release(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mutex);
    if (c->broken()) {
      --open;
    } else {
      idle.push_back(std::move(c));
    }
    cv.notify_one();
  }

  // Drops every idle connection (they may all be dead after a server restart).
  void drop_idle() {
    std::lock_guard lock(mutex);
    open -= idle.size();
    idle.clear();
    cv.notify_all();
  }

  // Tariff snapshots known to be stored (content-addressed, never deleted): their text is not
  // sent again. A cache of immutable content, not of money state.
  bool snapshot_known(const std::string& sha256) {
    std::lock_guard lock(snapshot_mutex);
    return known_snapshots.count(sha256) != 0;
  }
  void remember_snapshot(const std::string& sha256) {
    std::lock_guard lock(snapshot_mutex);
    if (known_snapshots.size() >= kMaxKnownSnapshots) known_snapshots.clear();
    known_snapshots.insert(sha256);
  }

  static constexpr std::size_t kMaxKnownSnapshots = 100000;

  // The call path's steps of the RADIUS threads that ask at the same moment are done together
  // (group_commit.h, call_group.h, settle_batch.h): one statement for the reads of a group,
  // one transaction for its reservations or its Stops. One group of each kind runs at a time
  // (of the rated Stops, up to two: rated_settles), on that kind's own connection (its
  // generated statements are prepared there only), while the next forms, up to 64 requests
  // per group; a request that arrives when nothing runs goes alone, at once, through the
  // single-step statements on a pooled connection.
  /// A Stop to book, with its answer.
  struct CallSettle {
    billing::Settlement* settlement = nullptr;
    billing::SettleResult result;
  };
  template <class Item>
  struct Job : GroupJob {
    Item item;
  };
  /// A kind of step's groups (GroupCommit), each running group on the connection of its slot
  /// (used by that group's leader only). One group at a time unless `max_running` says more.
  template <class Item>
  struct Lane {
    explicit Lane(std::size_t max_running = 1, std::size_t min_overlap = 1)
        : groups(kMaxGroupRows, max_running, min_overlap), conns(groups.max_running()) {}
    GroupCommit<Job<Item>> groups;
    std::vector<std::unique_ptr<Connection>> conns;  ///< one per slot
  };
  Lane<CallRead> reads;
  Lane<CallReserve> reserves;
  Lane<CallDecide> decides;
  Lane<ReservationRead> reservation_reads;
  Lane<CallSettle> settles;
  /// Stops rated under the lock (rate_and_settle), booked in groups of which two may run at
  /// once, each on its own connection, the second only once kSettleOverlapAt Stops wait
  /// (GroupCommit). A group's fixed cost (about 430 µs of the machine's CPU with groups of one:
  /// the statement, the commit, two round trips' wake-ups) is paid once for all its Stops, so
  /// one group at a time books the cheapest Stops (groups of ~31 at 64 requests in flight);
  /// but while its statement runs in MariaDB the other core idles (28 % of the machine). Two
  /// groups started as soon as either could (the lanes of stops 29–31, by session key) keep
  /// the cores busy with groups of ~15. Measured (docs/radius-benchmarks.md, "Stop 32"): the
  /// second group waiting for 24 Stops books ~23 a group, idle 12 %, and 8 % more Stops/s than
  /// the two lanes (higher in 8 of 8 alternating pairs). Two groups may lock the same card:
  /// each locks its cards in ascending id order in one statement, so neither can wait for the
  /// other in a cycle, and whatever the database refuses (a deadlock) is redone one Stop at a
  /// time, as in any group. A retransmitted Stop whose first copy is in the other group finds
  /// no copy of its reservation: its group reads the rows, which waits for that group's commit
  /// and finds the call charged.
  static constexpr std::size_t kSettleGroupsAtOnce = 2;
  static constexpr std::size_t kSettleOverlapAt = 24;
  Lane<RatedStop> rated_settles{kSettleGroupsAtOnce, kSettleOverlapAt};

  ConnectionOptions options;
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::unique_ptr<Connection>> idle;
  std::size_t open = 0;
  std::mutex snapshot_mutex;
  std::unordered_set<std::string> known_snapshots;
  CardIdCache card_ids;  ///< for decide_together's locks in id order
  /// The reservations this node inserted (decide_and_reserve), following its own Starts and
  /// Interim-Updates: their Stops are booked without a read (settle_known_together).
  ReservationCopies copies;
  std::atomic<std::uint64_t> stops_on_copies{0};  ///< Stops booked on copies
  std::atomic<std::uint64_t> stale_groups{0};     ///< groups whose copies a row had moved past
  /// A refused group costs a round trip for nothing, and where the calls' Starts or Stops
  /// often reach another node (a load balancer alternating radiusd nodes) most groups would be.
  /// So after a refusal the next `copy_backoff` groups are read without trying their copies;
  /// the backoff doubles with each refusal (up to kMaxCopyBackoff) and halves with each group
  /// booked on copies. (Approximate across the lanes: a heuristic, never a correctness rule.)
  static constexpr std::uint32_t kMaxCopyBackoff = 256;
  std::atomic<std::uint32_t> copy_backoff{0};
  std::atomic<std::int64_t> copy_skip{0};  ///< groups still to read without trying copies
  bool try_copies() { return copy_skip.fetch_sub(1) <= 0; }
  void copies_booked() {
    copy_skip.store(0);
    copy_backoff.store(copy_backoff.load() / 2);
  }
  void copies_refused() {
    ++stale_groups;
    const std::uint32_t b = std::min(kMaxCopyBackoff, std::max(1u, copy_backoff.load() * 2));
    copy_backoff.store(b);
    copy_skip.store(b);
  }
};

namespace {

constexpr std::size_t kCardRowsPerInsert = 500;
constexpr std::size_t kLedgerRowsPerInsert = 500;
constexpr std::size_t kRateRowsPerInsert = 5000;  // × 11 placeholders: under MariaDB's 65,535
constexpr std::size_t kNumbersPerQuery = 1000;

using ResultPtr = std::unique_ptr<sql::ResultSet>;

// The parameters and the row of the card.for_call_* statements (see statements.cc on why
// their subqueries are all correlated with the card row).
void bind_for_call(Binder& b, const billing::SessionKey& key, Instant now) {
  b.instant(now).instant(now).text(key.nas).text(key.session_id).text(key.nas).text(key.session_id);
  b.instant(now);  // the open reservations of the booth's shop (UPSTREAM_FOR_CALL)
}

// CDR_FILTER's parameters (statements.cc): the calls list's and their sums'.
void bind_cdr_filter(Binder& b, const billing::CdrFilter& f) {
  b.opt_instant(f.from).opt_instant(f.from).opt_instant(f.to).opt_instant(f.to);
  b.opt_i64(f.card).opt_i64(f.card).text(like_prefix(f.digits_prefix));
  b.boolean(f.review_only);
}

CardState map_for_call(RowMapper& m) {
  return m.card_for_call();
}

std::string snapshot_key(const billing::Reservation& r) {
  return r.snapshot_sha256.empty() ? billing::sha256_hex(r.tariff_snapshot) : r.snapshot_sha256;
}

// One statement in autocommit mode on a borrowed connection: a single step of the call path
// (an atomic read, UPDATE or procedure call). A pooled connection found dead is replaced and
// the statement run again, once: every single step is idempotent for a retransmitted request
// (a repeated reservation or settlement answers `duplicate`).
class SingleStep {
 public:
  explicit SingleStep(std::shared_ptr<MySqlStore::Pool> pool)
      : pool_(std::move(pool)), conn_(pool_->acquire()) {}
  ~SingleStep() {
    if (!conn_) return;              // the server was still down when replacing a dead connection
    if (failed_) conn_->rollback();  // whatever a failed step may have left open
    pool_->release(std::move(conn_));
  }
  SingleStep(const SingleStep&) = delete;
  SingleStep& operator=(const SingleStep&) = delete;

  template <class Work>
  auto run(StatementId id, Work&& work) -> std::invoke_result_t<Work&, sql::PreparedStatement&> {
    for (int attempt = 0;; ++attempt) {
      try {
        conn_->set_autocommit(true);
        sql::PreparedStatement& ps = conn_->prepared(id);
        return conn_->guard(statement(id).tag, [&] { return work(ps); });
      } catch (const StoreUnavailable&) {
        failed_ = true;
        if (attempt > 0) throw;
        pool_->release(std::move(conn_));
        pool_->drop_idle();
        conn_ = pool_->acquire();
        failed_ = false;
      } catch (...) {
        failed_ = true;
        throw;
      }
    }
  }

  // The first row of a query (or of a procedure's one result set), mapped.
  template <class Bind, class Map>
  auto row(StatementId id, Bind&& bind, Map&& map)
      -> std::optional<std::invoke_result_t<Map&, RowMapper&>> {
    return run(id, [&](sql::PreparedStatement& ps) {
      Binder b(ps);
      bind(b);
      std::optional<std::invoke_result_t<Map&, RowMapper&>> out;
      {
        ResultPtr rs(ps.executeQuery());
        if (rs->next()) {
          RowMapper m(*rs);
          out = map(m);
        }
      }
      Connection::drain_results(ps);  // a CALL ends with a status result
      return out;
    });
  }

  template <class Bind>
  int update(StatementId id, Bind&& bind) {
    return run(id, [&](sql::PreparedStatement& ps) {
      Binder b(ps);
      bind(b);
      return ps.executeUpdate();
    });
  }

 private:
  std::shared_ptr<MySqlStore::Pool> pool_;
  std::unique_ptr<Connection> conn_;
  bool failed_ = false;
};

class MySqlTransaction final : public billing::Transaction {
 public:
  explicit MySqlTransaction(std::shared_ptr<MySqlStore::Pool> pool)
      : pool_(std::move(pool)), conn_(pool_->acquire()) {}

  ~MySqlTransaction() override {
    if (!conn_) return;  // reconnect() found the server still down: no connection to return
    if (!committed_) conn_->rollback();
    pool_->release(std::move(conn_));
  }

  void commit() override {
    conn_->commit();
    committed_ = true;
    for (const std::string& sha256 : new_snapshots_) pool_->remember_snapshot(sha256);
    purge_old_rates();
  }

  // ---- call path

  std::optional<CardState> card_for_call(std::string_view number, const billing::SessionKey& key,
                                         Instant now, RowLock lock) override {
    return for_call(
        lock == RowLock::exclusive ? S::card_for_call_by_number_lock : S::card_for_call_by_number,
        key, now, [&](Binder& b) { b.text(number); });
  }

  std::optional<CardState> card_for_call(billing::CardId id, const billing::SessionKey& key,
                                         Instant now, RowLock lock) override {
    return for_call(
        lock == RowLock::exclusive ? S::card_for_call_by_id_lock : S::card_for_call_by_id, key, now,
        [&](Binder& b) { b.i64(id); });
  }

  std::optional<billing::Reservation> find_reservation(const billing::SessionKey& key) override {
    return one(
        S::reservation_by_key, [&](Binder& b) { b.text(key.nas).text(key.session_id); },
        [](RowMapper& m) { return m.reservation(); });
  }

  std::optional<billing::Reservation> find_reservation(billing::ReservationId id) override {
    return one(
        S::reservation_by_id, [&](Binder& b) { b.i64(id); },
        [](RowMapper& m) { return m.reservation(); });
  }

  void insert_reservation(billing::Reservation& r) override {
    store_snapshot(r);
    r.id = insert_returning_id(S::reservation_insert, [&](Binder& b) { b.reservation(r); });
  }

  bool redecide_reservation(billing::Reservation& r) override {
    store_snapshot(r);
    return update(S::reservation_redecide, [&](Binder& b) {
             b.text(r.calling)
                 .text(r.called)
                 .text(r.digits)
                 .text(r.destination)
                 .u32(r.granted_s)
                 .money(r.amount)
                 .text(r.tariff)
                 .i64(r.tariff_version)
                 .text(r.snapshot_sha256)
                 .opt_i64(r.upstream_shop)
                 .money(r.upstream_hold)
                 .text(r.upstream_snapshot)
                 .instant(r.created_at)
                 .instant(r.expires_at)
                 .i64(r.id);
           }) > 0;
  }

  bool start_reservation(billing::ReservationId id, Instant started_at, Instant expires_at,
                         Instant now) override {
    return update(S::reservation_start, [&](Binder& b) {
             b.instant(started_at).instant(expires_at).i64(id).instant(now);
           }) > 0;
  }

  void record_usage(billing::ReservationId id, std::uint32_t usage_s, Instant at) override {
    update(S::reservation_usage, [&](Binder& b) { b.u32(usage_s).instant(at).i64(id); });
  }

  void close_reservation(billing::ReservationId id, billing::ReservationState state,
                         Instant at) override {
    update(S::reservation_close,
           [&](Binder& b) { b.text(billing::to_string(state)).instant(at).i64(id); });
  }

  std::vector<billing::Reservation> unclosed_reservations_at(std::string_view nas,
                                                             Instant before) override {
    return all(
        S::reservation_unclosed_at_nas, [&](Binder& b) { b.text(nas).instant(before); },
        [](RowMapper& m) { return m.reservation(); });
  }

  std::vector<billing::Reservation> open_reservations(Instant now,
                                                      std::optional<billing::CardId> card,
                                                      const billing::Page& page) override {
    return all(
        S::reservation_open_list,
        [&](Binder& b) {
          b.instant(now)
              .opt_i64(card)
              .opt_i64(card)
              .u32(page.limit)
              .i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.reservation(); });
  }

  std::uint32_t expire_reservations(Instant now, std::uint32_t limit) override {
    return static_cast<std::uint32_t>(
        update(S::reservation_expire, [&](Binder& b) { b.instant(now).instant(now).u32(limit); }));
  }

  bool insert_cdr(billing::Cdr& cdr) override {
    try {
      cdr.id = insert_returning_id(S::cdr_insert, [&](Binder& b) { b.cdr(cdr); });
      return true;
    } catch (const StoreDuplicate&) {
      return false;  // (nas, session_id) already has its CDR
    }
  }

  std::optional<billing::Cdr> find_cdr(const billing::SessionKey& key) override {
    return one(
        S::cdr_by_key, [&](Binder& b) { b.text(key.nas).text(key.session_id); },
        [](RowMapper& m) { return m.cdr(); });
  }

  std::vector<billing::Cdr> list_cdrs(const billing::CdrFilter& f,
                                      const billing::Page& page) override {
    return all(
        S::cdr_list,
        [&](Binder& b) {
          bind_cdr_filter(b, f);
          b.u32(page.limit).i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.cdr(); });
  }

  std::vector<billing::CdrSlice> sum_cdrs(const billing::CdrFilter& f,
                                          std::uint32_t slice_s) override {
    if (slice_s == 0) throw std::invalid_argument("sum_cdrs: slice_s must be at least 1");
    return all(
        S::cdr_sums,
        [&](Binder& b) {
          b.u32(slice_s);
          bind_cdr_filter(b, f);
        },
        [](RowMapper& m) {
          billing::CdrSlice s;
          s.slice = m.i64();
          s.currency = m.text();
          s.calls = static_cast<std::uint64_t>(m.i64());
          s.billed_s = static_cast<std::uint64_t>(m.i64());
          s.price = m.money();
          return s;
        });
  }

  // ---- cards, batches, ledger

  std::optional<billing::Card> lock_card(std::string_view number) override {
    return one(
        S::card_lock, [&](Binder& b) { b.text(number); }, [](RowMapper& m) { return m.card(); });
  }

  std::optional<billing::Card> find_card(std::string_view number, bool with_pin) override {
    return one(
        S::card_by_number, [&](Binder& b) { b.boolean(with_pin).text(number); },
        [](RowMapper& m) { return m.card(); });
  }

  std::optional<billing::Card> find_card(billing::CardId id, bool with_pin) override {
    return one(
        S::card_by_id, [&](Binder& b) { b.boolean(with_pin).i64(id); },
        [](RowMapper& m) { return m.card(); });
  }

  void insert_card(billing::Card& card) override {
    card.id = insert_returning_id(S::card_insert, [&](Binder& b) { b.card(card); });
  }

  void insert_cards(std::vector<billing::Card>& cards) override {
    for (std::size_t start = 0; start < cards.size(); start += kCardRowsPerInsert) {
      const std::size_t n = std::min(kCardRowsPerInsert, cards.size() - start);
      std::map<std::string, billing::CardId> ids;
      exec_text(S::card_insert_many, n, [&](sql::PreparedStatement& ps) {
        Binder b(ps);
        for (std::size_t i = 0; i < n; ++i) b.card(cards[start + i]);
        ResultPtr rs(ps.executeQuery());
        while (rs->next()) {
          RowMapper m(*rs);
          const auto id = m.i64();
          ids[m.text()] = id;
        }
      });
      for (std::size_t i = 0; i < n; ++i) cards[start + i].id = ids.at(cards[start + i].number);
    }
  }

  std::vector<std::string> existing_numbers(const std::vector<std::string>& numbers) override {
    std::vector<std::string> out;
    for (std::size_t start = 0; start < numbers.size(); start += kNumbersPerQuery) {
      const std::size_t n = std::min(kNumbersPerQuery, numbers.size() - start);
      exec_text(S::card_numbers_existing, n, [&](sql::PreparedStatement& ps) {
        Binder b(ps);
        for (std::size_t i = 0; i < n; ++i) b.text(numbers[start + i]);
        ResultPtr rs(ps.executeQuery());
        while (rs->next()) out.push_back(RowMapper(*rs).text());
      });
    }
    return out;
  }

  void update_card(const billing::Card& c) override {
    update(S::card_update, [&](Binder& b) {
      b.text(c.pin)
          .text(billing::to_string(c.kind))
          .text(billing::to_string(c.status))
          .text(c.currency)
          .text(c.tariff)
          .money(c.balance)
          .money(c.credit_limit)
          .u32(c.max_concurrent)
          .text(billing::to_string(c.activation))
          .u32(c.validity_days)
          .opt_instant(c.activated_at)
          .opt_instant(c.last_recharged_at)
          .opt_instant(c.expires_at)
          .u32(c.pin_failures)
          .opt_instant(c.pin_failed_at)
          .opt_instant(c.locked_until)
          .i64(c.id);
    });
  }

  std::vector<billing::Card> list_cards(const billing::CardFilter& f,
                                        const billing::Page& page) override {
    return all(
        S::card_list,
        [&](Binder& b) {
          b.boolean(f.with_pins);
          bind_card_filter(b, f);
          b.u32(page.limit).i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.card(); });
  }

  std::uint64_t count_cards(const billing::CardFilter& f) override {
    auto n = one(
        S::card_count, [&](Binder& b) { bind_card_filter(b, f); },
        [](RowMapper& m) { return m.i64(); });
    return static_cast<std::uint64_t>(n.value_or(0));
  }

  std::vector<billing::LedgerMismatch> ledger_mismatches() override {
    return all(
        S::ledger_mismatches, [](Binder&) {},
        [](RowMapper& m) {
          billing::LedgerMismatch x;
          x.card_id = m.i64();
          x.number = m.text();
          x.balance = m.money();
          x.ledger_sum = m.money();
          return x;
        });
  }

  void insert_batch(billing::Batch& batch) override {
    batch.id = insert_returning_id(S::batch_insert, [&](Binder& b) {
      b.instant(batch.created_at)
          .u32(batch.card_count)
          .money(batch.amount)
          .text(batch.currency)
          .text(batch.tariff)
          .text(billing::to_string(batch.kind))
          .text(billing::to_string(batch.activation))
          .u32(batch.validity_days)
          .text(batch.actor)
          .text(batch.note);
    });
  }

  std::optional<billing::Batch> find_batch(billing::BatchId id) override {
    return one(
        S::batch_by_id, [&](Binder& b) { b.i64(id); }, [](RowMapper& m) { return m.batch(); });
  }

  std::vector<billing::Batch> list_batches(const billing::Page& page) override {
    return all(
        S::batch_list,
        [&](Binder& b) { b.u32(page.limit).i64(static_cast<std::int64_t>(page.offset)); },
        [](RowMapper& m) { return m.batch(); });
  }

  void insert_ledger(billing::LedgerEntry& e) override {
    e.id = insert_returning_id(S::ledger_insert, [&](Binder& b) { b.ledger_entry(e); });
  }

  void insert_ledger_entries(const std::vector<billing::LedgerEntry>& entries) override {
    for (std::size_t start = 0; start < entries.size(); start += kLedgerRowsPerInsert) {
      const std::size_t n = std::min(kLedgerRowsPerInsert, entries.size() - start);
      exec_text(S::ledger_insert_many, n, [&](sql::PreparedStatement& ps) {
        Binder b(ps);
        for (std::size_t i = 0; i < n; ++i) b.ledger_entry(entries[start + i]);
        ps.executeUpdate();
      });
    }
  }

  std::vector<billing::LedgerEntry> list_ledger(billing::CardId card,
                                                const billing::Page& page) override {
    return all(
        S::ledger_list,
        [&](Binder& b) {
          b.i64(card).i64(card).u32(page.limit).i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.ledger_entry(); });
  }

  // ---- tariffs

  std::optional<billing::TariffRecord> find_tariff(std::string_view name) override {
    return one(
        S::tariff_by_name, [&](Binder& b) { b.text(name); },
        [](RowMapper& m) { return m.tariff(); });
  }

  std::vector<billing::TariffRecord> list_tariffs() override {
    return all(
        S::tariff_list, [](Binder&) {}, [](RowMapper& m) { return m.tariff(); });
  }

  void insert_tariff(billing::TariffRecord& t) override {
    t.id = insert_returning_id(S::tariff_insert, [&](Binder& b) {
      b.text(t.name)
          .text(t.currency)
          .text(t.time_zone)
          .text(t.base_price_list)
          .text(rating::to_string(t.rounding.method))
          .i32(t.rounding.decimals)
          .text(t.international_prefix)
          .i64(t.version)
          .instant(t.updated_at);
    });
  }

  void update_tariff(const billing::TariffRecord& t) override {
    update(S::tariff_update, [&](Binder& b) {
      b.text(t.currency)
          .text(t.time_zone)
          .text(t.base_price_list)
          .text(rating::to_string(t.rounding.method))
          .i32(t.rounding.decimals)
          .text(t.international_prefix)
          .i64(t.id);
    });
  }

  std::int64_t bump_tariff_version(billing::TariffId id, Instant at) override {
    update(S::tariff_bump_version, [&](Binder& b) { b.instant(at).i64(id); });
    return one(
               S::tariff_version, [&](Binder& b) { b.i64(id); },
               [](RowMapper& m) { return m.i64(); })
        .value_or(0);
  }

  std::optional<billing::TariffContent> load_tariff(std::string_view name) override {
    auto header = find_tariff(name);
    if (!header) return std::nullopt;
    billing::TariffContent content;
    content.header = *header;
    for (const auto& [id, list_name] : list_ids(header->id)) {
      billing::TariffContent::List list{list_name, {}};
      list.rates = all(
          S::rate_of_list, [&](Binder& b) { b.i64(id); }, [](RowMapper& m) { return m.rate(); });
      content.lists.push_back(std::move(list));
    }
    content.rules = all(
        S::rule_of_tariff, [&](Binder& b) { b.i64(header->id); },
        [](RowMapper& m) { return m.price_rule(); });
    content.holidays = all(
        S::holiday_of_tariff, [&](Binder& b) { b.i64(header->id); },
        [](RowMapper& m) { return m.holiday(); });
    return content;
  }

  std::vector<billing::PriceListInfo> list_price_lists(billing::TariffId tariff) override {
    return all(
        S::price_list_of_tariff, [&](Binder& b) { b.i64(tariff); },
        [](RowMapper& m) {
          m.i64();
          billing::PriceListInfo info;
          info.name = m.text();
          info.rate_count = static_cast<std::uint64_t>(m.i64());
          return info;
        });
  }

  std::vector<rating::Rate> list_rates(billing::TariffId tariff, std::string_view list) override {
    auto id = list_id(tariff, list);
    if (!id) return {};
    return all(
        S::rate_of_list, [&](Binder& b) { b.i64(*id); }, [](RowMapper& m) { return m.rate(); });
  }

  void replace_price_list(billing::TariffId tariff, std::string_view list,
                          const std::vector<rating::Rate>& rates,
                          const billing::RowsWritten& written) override {
    // The new rates go under a fresh list row, which then takes the name: one short swap. The
    // old rows are deleted after the commit, in small steps (purge_old_rates).
    const auto old_id = list_id(tariff, list);
    const std::string temporary = "~import-" + billing::random_hex(8);
    const auto new_id = insert_returning_id(S::price_list_insert,
                                            [&](Binder& b) { b.i64(tariff).text(temporary); });
    for (std::size_t start = 0; start < rates.size(); start += kRateRowsPerInsert) {
      const std::size_t n = std::min(kRateRowsPerInsert, rates.size() - start);
      exec_text(S::rate_insert_many, n, [&](sql::PreparedStatement& ps) {
        Binder b(ps);
        for (std::size_t i = 0; i < n; ++i) b.i64(new_id).rate(rates[start + i]);
        ps.executeUpdate();
      });
      if (written) written(start + n);
    }
    if (written && rates.empty()) written(0);
    if (old_id) {
      update(S::price_list_delete, [&](Binder& b) { b.i64(*old_id); });
      purge_.push_back(*old_id);
    }
    update(S::price_list_rename, [&](Binder& b) { b.text(list).i64(new_id); });
  }

  bool delete_price_list(billing::TariffId tariff, std::string_view list) override {
    auto id = list_id(tariff, list);
    if (!id) return false;
    update(S::price_list_delete, [&](Binder& b) { b.i64(*id); });
    purge_.push_back(*id);
    return true;
  }

  std::optional<rating::Rate> find_rate(billing::TariffId tariff, std::string_view list,
                                        std::string_view prefix) override {
    return one(
        S::rate_find, [&](Binder& b) { b.i64(tariff).text(list).text(prefix); },
        [](RowMapper& m) { return m.rate(); });
  }

  std::vector<rating::PriceRule> list_rules(billing::TariffId tariff) override {
    return all(
        S::rule_of_tariff, [&](Binder& b) { b.i64(tariff); },
        [](RowMapper& m) { return m.price_rule(); });
  }

  std::vector<rating::Holiday> list_holidays(billing::TariffId tariff) override {
    return all(
        S::holiday_of_tariff, [&](Binder& b) { b.i64(tariff); },
        [](RowMapper& m) { return m.holiday(); });
  }

  bool upsert_rate(billing::TariffId tariff, std::string_view list,
                   const rating::Rate& rate) override {
    auto id = list_id(tariff, list);
    if (!id) return false;
    update(S::rate_upsert, [&](Binder& b) { b.i64(*id).rate(rate); });
    return true;
  }

  bool delete_rate(billing::TariffId tariff, std::string_view list,
                   std::string_view prefix) override {
    auto id = list_id(tariff, list);
    if (!id) return false;
    return update(S::rate_delete, [&](Binder& b) { b.i64(*id).text(prefix); }) > 0;
  }

  void insert_rule(billing::TariffId tariff, const rating::PriceRule& r) override {
    update(S::rule_insert, [&](Binder& b) {
      b.i64(tariff)
          .text(r.name)
          .text(r.price_list)
          .u32(r.weekdays.bits())
          .u32(r.time.from_s)
          .u32(r.time.to_s)
          .boolean(r.on_holidays)
          .i32(r.priority);
    });
  }

  bool delete_rule(billing::TariffId tariff, std::string_view name) override {
    return update(S::rule_delete, [&](Binder& b) { b.i64(tariff).text(name); }) > 0;
  }

  void insert_holiday(billing::TariffId tariff, const rating::Holiday& h) override {
    update(S::holiday_insert,
           [&](Binder& b) { b.i64(tariff).i32(h.year).u32(h.month).u32(h.day).text(h.name); });
  }

  bool delete_holiday(billing::TariffId tariff, const rating::Holiday& h) override {
    return update(S::holiday_delete,
                  [&](Binder& b) { b.i64(tariff).i32(h.year).u32(h.month).u32(h.day); }) > 0;
  }

  // ---- operators, tokens, audit

  std::optional<billing::Operator> find_operator(std::string_view name) override {
    return one(
        S::operator_by_name, [&](Binder& b) { b.text(name); }, [](RowMapper& m) { return m.op(); });
  }

  std::vector<billing::Operator> list_operators() override {
    return all(
        S::operator_list, [](Binder&) {}, [](RowMapper& m) { return m.op(); });
  }

  void insert_operator(billing::Operator& op) override {
    op.id = insert_returning_id(S::operator_insert, [&](Binder& b) {
      b.text(op.name).text(billing::to_string(op.role)).opt_i64(op.shop_id).instant(op.created_at);
    });
  }

  void update_operator_shop(std::string_view name, std::optional<billing::ShopId> shop) override {
    update(S::operator_update_shop, [&](Binder& b) { b.opt_i64(shop).text(name); });
  }

  std::optional<std::string> operator_password(std::string_view name) override {
    return one(
        S::operator_password_of, [&](Binder& b) { b.text(name); },
        [](RowMapper& m) { return m.text(); });
  }

  void set_operator_password(std::string_view name, std::string_view hash) override {
    update(S::operator_update_password, [&](Binder& b) { b.text(hash).text(name); });
  }

  std::string operator_language(std::string_view name) override {
    return one(
               S::operator_language_of, [&](Binder& b) { b.text(name); },
               [](RowMapper& m) { return m.text(); })
        .value_or(std::string());
  }

  void set_operator_language(std::string_view name, std::string_view language) override {
    update(S::operator_update_language, [&](Binder& b) { b.text(language).text(name); });
  }

  // ---- shops' upstream accounts

  std::optional<billing::ShopUpstream> find_shop_upstream(billing::ShopId shop,
                                                          RowLock lock) override {
    return one(
        lock == RowLock::exclusive ? S::shop_upstream_by_shop_lock : S::shop_upstream_by_shop,
        [&](Binder& b) { b.i64(shop); }, [](RowMapper& m) { return m.shop_upstream(); });
  }

  void insert_shop_upstream(const billing::ShopUpstream& a) override {
    update(S::shop_upstream_insert, [&](Binder& b) {
      b.i64(a.shop_id)
          .text(a.currency)
          .money(a.balance)
          .money(a.warn_below)
          .instant(a.created_at)
          .instant(a.updated_at);
    });
  }

  void update_shop_upstream(const billing::ShopUpstream& a) override {
    update(S::shop_upstream_update, [&](Binder& b) {
      b.money(a.balance).money(a.warn_below).instant(a.updated_at).i64(a.shop_id);
    });
  }

  void insert_shop_upstream_entry(billing::UpstreamEntry& e) override {
    e.id = insert_returning_id(S::shop_upstream_entry_insert, [&](Binder& b) {
      b.i64(e.shop_id)
          .instant(e.at)
          .text(billing::to_string(e.kind))
          .money(e.amount)
          .money(e.balance_after.value_or(rating::Money()))
          .text(e.currency)
          .text(e.actor)
          .text(e.reason)
          .i64(e.shop_id);  // after_cdr: the shop's CDRs so far
    });
  }

  std::vector<billing::UpstreamEntry> list_shop_upstream_ledger(
      billing::ShopId shop, const billing::Page& page) override {
    return all(
        S::shop_upstream_ledger_list,
        [&](Binder& b) {
          b.i64(shop).i64(shop).u32(page.limit).i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.upstream_entry(); });
  }

  rating::Money shop_upstream_held(billing::ShopId shop, Instant now) override {
    return one(
               S::shop_upstream_held, [&](Binder& b) { b.instant(now).i64(shop); },
               [](RowMapper& m) { return m.money(); })
        .value_or(rating::Money());
  }

  std::uint64_t count_shop_upstreams() override {
    auto n = one(
        S::shop_upstream_count, [](Binder&) {}, [](RowMapper& m) { return m.i64(); });
    return static_cast<std::uint64_t>(n.value_or(0));
  }

  std::vector<billing::UpstreamMismatch> shop_upstream_mismatches() override {
    return all(
        S::shop_upstream_mismatches, [](Binder&) {},
        [](RowMapper& m) {
          billing::UpstreamMismatch x;
          x.shop_id = m.i64();
          x.shop = m.text();
          x.balance = m.money();
          x.ledger_sum = m.money();
          return x;
        });
  }

  void debit_shop_upstream(billing::ShopId shop, rating::Money cost) override {
    update(S::shop_upstream_debit, [&](Binder& b) { b.money(cost).i64(shop); });
  }

  // ---- booth sessions

  void insert_booth_session(billing::BoothSession& s) override {
    s.id = insert_returning_id(S::booth_session_insert, [&](Binder& b) {
      b.i64(s.card_id)
          .i64(s.shift_id)
          .text(billing::to_string(s.kind))
          .money(s.amount)
          .instant(s.opened_at)
          .text(s.opened_by);
    });
  }

  std::optional<billing::BoothSession> open_booth_session(billing::CardId booth) override {
    return one(
        S::booth_session_open_of, [&](Binder& b) { b.i64(booth); },
        [](RowMapper& m) { return m.booth_session(); });
  }

  void close_booth_session(const billing::BoothSession& s) override {
    update(S::booth_session_close, [&](Binder& b) {
      b.opt_instant(s.closed_at)
          .text(s.closed_by)
          .opt_i64(s.closed_in)
          .opt_money(s.spent)
          .opt_money(s.settled)
          .i64(s.id);
    });
  }

  std::vector<billing::BoothSession> booth_sessions_of_shift(billing::ShiftId shift) override {
    return all(
        S::booth_session_of_shift, [&](Binder& b) { b.i64(shift); },
        [](RowMapper& m) { return m.booth_session(); });
  }

  std::optional<billing::BoothSession> find_booth_session(billing::BoothSessionId id) override {
    return one(
        S::booth_session_by_id, [&](Binder& b) { b.i64(id); },
        [](RowMapper& m) { return m.booth_session(); });
  }

  // ---- payments and call marks

  std::optional<billing::Cdr> find_cdr(billing::CdrId id) override {
    return one(
        S::cdr_by_id, [&](Binder& b) { b.i64(id); }, [](RowMapper& m) { return m.cdr(); });
  }

  std::uint64_t next_receipt_number(billing::ShopId shop) override {
    update(S::shop_receipt_bump, [&](Binder& b) { b.i64(shop); });
    auto last = one(
        S::shop_receipt_last, [&](Binder& b) { b.i64(shop); },
        [](RowMapper& m) { return m.i64(); });
    if (!last) throw billing::StoreError("no shop " + std::to_string(shop));
    return static_cast<std::uint64_t>(*last);
  }

  void insert_payment(billing::Payment& p) override {
    p.id = insert_returning_id(S::payment_insert, [&](Binder& b) {
      b.i64(p.shop_id)
          .i64(static_cast<std::int64_t>(p.receipt_number))
          .i64(p.shift_id)
          .i64(p.session_id)
          .i64(p.card_id)
          .instant(p.at)
          .text(p.operator_name)
          .text(billing::to_string(p.method))
          .money(p.calls_total)
          .money(p.extras_total)
          .money(p.rounding)
          .money(p.total)
          .money(p.deposit_applied)
          .money(p.deposit_returned)
          .money(p.tendered)
          .money(p.paid)
          .money(p.change)
          .u32(p.call_count)
          .boolean(p.final)
          .text(p.receipt_json)
          .text(p.receipt_text_40)
          .text(p.receipt_text_48);
    });
  }

  std::optional<billing::Payment> find_payment(billing::PaymentId id) override {
    return one(
        S::payment_by_id, [&](Binder& b) { b.i64(id); }, [](RowMapper& m) { return m.payment(); });
  }

  std::optional<billing::Payment> find_receipt(billing::ShopId shop,
                                               std::uint64_t number) override {
    return one(
        S::payment_by_receipt,
        [&](Binder& b) { b.i64(shop).i64(static_cast<std::int64_t>(number)); },
        [](RowMapper& m) { return m.payment(); });
  }

  std::vector<billing::Payment> list_payments(const billing::PaymentFilter& f,
                                              const billing::Page& page) override {
    return all(
        S::payment_list,
        [&](Binder& b) {
          b.opt_i64(f.shop)
              .opt_i64(f.shop)
              .opt_i64(f.shift)
              .opt_i64(f.shift)
              .opt_i64(f.session)
              .opt_i64(f.session)
              .u32(page.limit)
              .i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.payment(); });
  }

  void mark_payment_undone(const billing::Payment& p) override {
    update(S::payment_undo, [&](Binder& b) {
      b.opt_instant(p.undone_at).text(p.undone_by).text(p.undo_reason).i64(p.id);
    });
  }

  void insert_call_mark(const billing::CallMark& m) override {
    update(S::call_mark_insert, [&](Binder& b) {
      b.i64(m.cdr_id)
          .i64(m.session_id)
          .text(billing::to_string(m.state))
          .opt_i64(m.payment_id)
          .text(m.reason)
          .instant(m.at)
          .text(m.operator_name);
    });
  }

  std::optional<billing::CallMark> find_call_mark(billing::CdrId cdr) override {
    return one(
        S::call_mark_by_cdr, [&](Binder& b) { b.i64(cdr); },
        [](RowMapper& m) { return m.call_mark(); });
  }

  std::vector<billing::CallMark> call_marks_of_session(billing::BoothSessionId session) override {
    return all(
        S::call_mark_of_session, [&](Binder& b) { b.i64(session); },
        [](RowMapper& m) { return m.call_mark(); });
  }

  void delete_call_mark(billing::CdrId cdr) override {
    update(S::call_mark_delete, [&](Binder& b) { b.i64(cdr); });
  }

  void delete_call_marks_of_payment(billing::PaymentId payment) override {
    update(S::call_mark_delete_of_payment, [&](Binder& b) { b.i64(payment); });
  }

  // ---- shifts and cash

  void insert_shift(billing::Shift& s) override {
    s.id = insert_returning_id(S::shift_insert, [&](Binder& b) {
      b.i64(s.shop_id).text(s.operator_name).instant(s.opened_at).money(s.opening_float);
    });
  }

  std::optional<billing::Shift> find_shift(billing::ShiftId id, billing::RowLock lock) override {
    return one(
        lock == billing::RowLock::exclusive ? S::shift_by_id_lock : S::shift_by_id,
        [&](Binder& b) { b.i64(id); }, [](RowMapper& m) { return m.shift(); });
  }

  std::optional<billing::Shift> open_shift(billing::ShopId shop,
                                           std::string_view operator_name) override {
    return one(
        S::shift_open_of, [&](Binder& b) { b.i64(shop).text(operator_name); },
        [](RowMapper& m) { return m.shift(); });
  }

  void close_shift(const billing::Shift& s) override {
    update(S::shift_close, [&](Binder& b) {
      b.opt_instant(s.closed_at).opt_money(s.counted).opt_money(s.expected).i64(s.id);
    });
  }

  std::vector<billing::Shift> list_shifts(std::optional<billing::ShopId> shop, bool open_only,
                                          const billing::Page& page) override {
    return all(
        S::shift_list,
        [&](Binder& b) {
          b.opt_i64(shop)
              .opt_i64(shop)
              .boolean(open_only)
              .u32(page.limit)
              .i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.shift(); });
  }

  void insert_cash_movement(billing::CashMovement& c) override {
    c.id = insert_returning_id(S::cash_insert, [&](Binder& b) {
      b.i64(c.shift_id)
          .instant(c.at)
          .money(c.amount)
          .text(billing::to_string(c.reason))
          .text(c.note)
          .text(c.operator_name);
    });
  }

  std::vector<billing::CashMovement> list_cash_movements(billing::ShiftId shift) override {
    return all(
        S::cash_of_shift, [&](Binder& b) { b.i64(shift); },
        [](RowMapper& m) { return m.cash_movement(); });
  }

  // ---- shops and booths

  // A shop's settings, in the order shop.insert and shop.update take them after its currency.
  static void bind_shop_settings(Binder& b, const billing::Shop& s) {
    b.text(s.time_zone)
        .text(s.retail_tariff)
        .opt_text(s.cost_tariff ? std::optional<std::string_view>(*s.cost_tariff) : std::nullopt)
        .text(billing::join_header(s.receipt_header))
        .money(s.rounding_step)
        .text(billing::to_string(s.rounding));
  }

  std::optional<billing::Shop> find_shop(std::string_view name) override {
    return one(
        S::shop_by_name, [&](Binder& b) { b.text(name); }, [](RowMapper& m) { return m.shop(); });
  }

  std::optional<billing::Shop> find_shop(billing::ShopId id) override {
    return one(
        S::shop_by_id, [&](Binder& b) { b.i64(id); }, [](RowMapper& m) { return m.shop(); });
  }

  std::vector<billing::Shop> list_shops() override {
    return all(
        S::shop_list, [](Binder&) {}, [](RowMapper& m) { return m.shop(); });
  }

  void insert_shop(billing::Shop& s) override {
    s.id = insert_returning_id(S::shop_insert, [&](Binder& b) {
      b.text(s.name).text(s.currency);
      bind_shop_settings(b, s);
      b.instant(s.created_at).instant(s.updated_at);
    });
  }

  void update_shop(const billing::Shop& s) override {
    update(S::shop_update, [&](Binder& b) {
      b.text(s.currency);
      bind_shop_settings(b, s);
      b.instant(s.updated_at).i64(s.id);
    });
  }

  void insert_booth(billing::Booth& booth) override {
    update(S::booth_insert, [&](Binder& b) {
      b.i64(booth.card_id).i64(booth.shop_id).text(booth.label).instant(booth.created_at);
    });
  }

  std::optional<billing::Booth> find_booth(std::string_view number) override {
    return one(
        S::booth_by_number, [&](Binder& b) { b.text(number); },
        [](RowMapper& m) { return m.booth(); });
  }

  std::vector<billing::Booth> list_booths(std::optional<billing::ShopId> shop) override {
    return all(
        S::booth_list, [&](Binder& b) { b.opt_i64(shop).opt_i64(shop); },
        [](RowMapper& m) { return m.booth(); });
  }

  void update_operator_role(std::string_view name, billing::Role role) override {
    update(S::operator_update_role,
           [&](Binder& b) { b.text(billing::to_string(role)).text(name); });
  }

  bool delete_operator(std::string_view name, Instant at) override {
    const bool removed = update(S::operator_delete, [&](Binder& b) { b.text(name); }) > 0;
    if (removed) update(S::token_revoke_of_operator, [&](Binder& b) { b.instant(at).text(name); });
    return removed;
  }

  void insert_token(billing::ApiToken& t) override {
    t.id = insert_returning_id(S::token_insert, [&](Binder& b) {
      b.text(t.operator_name)
          .text(t.label)
          .text(t.sha256_hex)
          .instant(t.created_at)
          .opt_instant(t.revoked_at);
    });
  }

  std::optional<billing::ApiToken> find_token(std::string_view sha256_hex) override {
    return one(
        S::token_by_hash, [&](Binder& b) { b.text(sha256_hex); },
        [](RowMapper& m) { return m.token(); });
  }

  std::vector<billing::ApiToken> list_tokens(std::string_view operator_name) override {
    return all(
        S::token_list, [&](Binder& b) { b.text(operator_name).text(operator_name); },
        [](RowMapper& m) { return m.token(); });
  }

  bool revoke_token(std::int64_t id, Instant at) override {
    return update(S::token_revoke, [&](Binder& b) { b.instant(at).i64(id); }) > 0;
  }

  // ---- dynamic authorization

  std::optional<billing::NasClient> find_nas_client(std::string_view nas) override {
    return one(
        S::nas_client_by_nas, [&](Binder& b) { b.text(nas); },
        [](RowMapper& m) { return m.nas_client(); });
  }

  std::vector<billing::NasClient> list_nas_clients() override {
    return all(
        S::nas_client_list, [](Binder&) {}, [](RowMapper& m) { return m.nas_client(); });
  }

  void insert_nas_client(const billing::NasClient& n) override {
    update(S::nas_client_insert, [&](Binder& b) {
      b.text(n.nas)
          .text(n.dae_address)
          .u32(n.dae_port)
          .text(n.secret)
          .instant(n.created_at)
          .instant(n.updated_at);
    });
  }

  void update_nas_client(const billing::NasClient& n) override {
    update(S::nas_client_update, [&](Binder& b) {
      b.text(n.dae_address).u32(n.dae_port).text(n.secret).instant(n.updated_at).text(n.nas);
    });
  }

  bool delete_nas_client(std::string_view nas) override {
    return update(S::nas_client_delete, [&](Binder& b) { b.text(nas); }) > 0;
  }

  void insert_disconnect_attempt(billing::DisconnectAttempt& a) override {
    a.id = insert_returning_id(S::disconnect_attempt_insert,
                               [&](Binder& b) { b.disconnect_attempt(a); });
  }

  std::vector<billing::DisconnectAttempt> list_disconnect_attempts(
      const billing::DisconnectFilter& f, const billing::Page& page) override {
    return all(
        S::disconnect_attempt_list,
        [&](Binder& b) {
          b.text(f.nas).text(f.nas).text(f.session_id).text(f.session_id);
          b.text(f.card_number).text(f.card_number);
          b.u32(page.limit).i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.disconnect_attempt(); });
  }

  void insert_audit(billing::AuditEntry& e) override {
    e.id = insert_returning_id(S::audit_insert, [&](Binder& b) {
      b.instant(e.at)
          .text(e.actor)
          .text(billing::to_string(e.role))
          .text(e.source)
          .text(e.action)
          .text(e.object)
          .text(e.before)
          .text(e.after);
    });
  }

  std::vector<billing::AuditEntry> list_audit(const billing::AuditFilter& f,
                                              const billing::Page& page) override {
    return all(
        S::audit_list,
        [&](Binder& b) {
          b.opt_instant(f.from).opt_instant(f.from).opt_instant(f.to).opt_instant(f.to);
          b.text(f.actor).text(f.actor).text(like_prefix(f.action_prefix));
          b.text(f.object).text(f.object);
          b.u32(page.limit).i64(static_cast<std::int64_t>(page.offset));
        },
        [](RowMapper& m) { return m.audit(); });
  }

 private:
  // Sets r.snapshot_sha256 and stores the snapshot text unless the pool knows it is there.
  void store_snapshot(billing::Reservation& r) {
    r.snapshot_sha256 = snapshot_key(r);
    if (pool_->snapshot_known(r.snapshot_sha256)) return;
    update(S::snapshot_insert, [&](Binder& b) {
      b.text(r.snapshot_sha256).text(r.tariff_snapshot).instant(r.created_at);
    });
    new_snapshots_.push_back(r.snapshot_sha256);
  }

  // Runs `work(prepared statement)` for `id`. If the very first statement of the transaction
  // finds the borrowed connection dead (server restarted since it was pooled), nothing has
  // happened yet: take a fresh connection and run it again, once.
  template <class Work>
  auto exec(StatementId id, Work&& work) -> std::invoke_result_t<Work&, sql::PreparedStatement&> {
    for (int attempt = 0;; ++attempt) {
      try {
        if (done_ == 0) conn_->set_autocommit(false);
        sql::PreparedStatement& ps = conn_->prepared(id);
        if constexpr (std::is_void_v<std::invoke_result_t<Work&, sql::PreparedStatement&>>) {
          conn_->guard(statement(id).tag, [&] { work(ps); });
          ++done_;
          return;
        } else {
          auto result = conn_->guard(statement(id).tag, [&] { return work(ps); });
          ++done_;
          return result;
        }
      } catch (const StoreUnavailable&) {
        if (done_ > 0 || attempt > 0) throw;
        reconnect();
      }
    }
  }

  // The same for a multi-row statement of `rows` rows (prepared once per size and connection).
  template <class Work>
  void exec_text(StatementId id, std::size_t rows, Work&& work) {
    for (int attempt = 0;; ++attempt) {
      try {
        if (done_ == 0) conn_->set_autocommit(false);
        sql::PreparedStatement& ps = conn_->prepared_rows(id, rows);
        conn_->guard(statement(id).tag, [&] { work(ps); });
        ++done_;
        return;
      } catch (const StoreUnavailable&) {
        if (done_ > 0 || attempt > 0) throw;
        reconnect();
      }
    }
  }

  void reconnect() {
    conn_->rollback();
    pool_->release(std::move(conn_));
    pool_->drop_idle();
    conn_ = pool_->acquire();
  }

  template <class Bind, class Map>
  auto one(StatementId id, Bind&& bind, Map&& map)
      -> std::optional<std::invoke_result_t<Map&, RowMapper&>> {
    return exec(
        id,
        [&](sql::PreparedStatement& ps) -> std::optional<std::invoke_result_t<Map&, RowMapper&>> {
          Binder b(ps);
          bind(b);
          ResultPtr rs(ps.executeQuery());
          if (!rs->next()) return std::nullopt;
          RowMapper m(*rs);
          return map(m);
        });
  }

  template <class Bind, class Map>
  auto all(StatementId id, Bind&& bind, Map&& map)
      -> std::vector<std::invoke_result_t<Map&, RowMapper&>> {
    return exec(id, [&](sql::PreparedStatement& ps) {
      Binder b(ps);
      bind(b);
      ResultPtr rs(ps.executeQuery());
      std::vector<std::invoke_result_t<Map&, RowMapper&>> out;
      while (rs->next()) {
        RowMapper m(*rs);
        out.push_back(map(m));
      }
      return out;
    });
  }

  template <class Bind>
  int update(StatementId id, Bind&& bind) {
    return exec(id, [&](sql::PreparedStatement& ps) {
      Binder b(ps);
      bind(b);
      return ps.executeUpdate();
    });
  }

  template <class Bind>
  std::int64_t insert_returning_id(StatementId id, Bind&& bind) {
    return exec(id, [&](sql::PreparedStatement& ps) {
      Binder b(ps);
      bind(b);
      ResultPtr rs(ps.executeQuery());
      if (!rs->next())
        throw billing::StoreError(std::string(statement(id).tag) + ": no id returned");
      return static_cast<std::int64_t>(rs->getInt64(1));
    });
  }

  // One statement, with or without the row lock (see statements.cc on why its subqueries
  // are all correlated with the card row).
  template <class BindKey>
  std::optional<CardState> for_call(StatementId id, const billing::SessionKey& key, Instant now,
                                    BindKey&& bind_key) {
    return one(
        id,
        [&](Binder& b) {
          bind_for_call(b, key, now);
          bind_key(b);
        },
        map_for_call);
  }

  static void bind_card_filter(Binder& b, const billing::CardFilter& f) {
    if (f.status) {
      b.text(billing::to_string(*f.status)).instant(f.now).text(billing::to_string(*f.status));
    } else {
      b.null_i64().instant(f.now).null_i64();
    }
    b.opt_i64(f.batch).opt_i64(f.batch).text(like_prefix(f.number_prefix));
    if (f.kind) {
      b.text(billing::to_string(*f.kind)).text(billing::to_string(*f.kind));
    } else {
      b.null_i64().null_i64();
    }
  }

  std::optional<std::int64_t> list_id(billing::TariffId tariff, std::string_view list) {
    return one(
        S::price_list_id, [&](Binder& b) { b.i64(tariff).text(list); },
        [](RowMapper& m) { return m.i64(); });
  }

  std::vector<std::pair<std::int64_t, std::string>> list_ids(billing::TariffId tariff) {
    return all(
        S::price_list_of_tariff, [&](Binder& b) { b.i64(tariff); },
        [](RowMapper& m) {
          const auto id = m.i64();
          return std::make_pair(id, m.text());
        });
  }

  // Deletes the rates of replaced lists in small committed steps, so that no transaction
  // holds 250k row locks. Best effort: a failure leaves unreachable rows, nothing else.
  void purge_old_rates() {
    try {
      for (std::int64_t id : purge_) {
        while (update(S::rate_purge, [&](Binder& b) { b.i64(id); }) > 0) conn_->commit();
        conn_->commit();
      }
    } catch (const billing::StoreError&) {
      conn_->rollback();
    }
    purge_.clear();
  }

  std::shared_ptr<MySqlStore::Pool> pool_;
  std::unique_ptr<Connection> conn_;
  std::vector<std::int64_t> purge_;
  std::vector<std::string> new_snapshots_;  // stored by this transaction: known once committed
  int done_ = 0;
  bool committed_ = false;
};

}  // namespace

MySqlStore::MySqlStore(ConnectionOptions options)
    : pool_(std::make_shared<Pool>(std::move(options))) {
  Schema(pool_->options).check();
}

MySqlStore::~MySqlStore() = default;

std::unique_ptr<billing::Transaction> MySqlStore::begin() {
  return std::make_unique<MySqlTransaction>(pool_);
}

std::string MySqlStore::describe() const {
  return "mysql " + pool_->options.describe();
}

// ---- The call path: a request alone in single steps (one round trip each), requests that
// wait at the same moment in groups (run_in_lane).

namespace {

// One authorization's read alone: card.for_call_by_number.
std::optional<CardState> read_one(const std::shared_ptr<MySqlStore::Pool>& pool,
                                  const CallRead& read) {
  SingleStep step(pool);
  return step.row(
      S::card_for_call_by_number,
      [&](Binder& b) {
        bind_for_call(b, *read.key, read.now);
        b.text(read.number);
      },
      map_for_call);
}

// One Stop's read alone: reservation.by_key.
std::optional<billing::Reservation> read_reservation_alone(
    const std::shared_ptr<MySqlStore::Pool>& pool, const billing::SessionKey& key) {
  SingleStep step(pool);
  return step.row(
      S::reservation_by_key, [&](Binder& b) { b.text(key.nas).text(key.session_id); },
      [](RowMapper& m) { return m.reservation(); });
}

// Runs `job.item` through `lane`: with the items that wait at the same moment, or alone,
// through `together(connection, items)` on the lane's connection — the one implementation of
// each step on this store. When `together` throws for a group of several (the database
// refused one item, a deadlock, a lost connection), the group is rolled back and each item
// runs again as a group of one, which gives each its own answer or error. A read lane may
// pass `alone(item)`, a single statement that a request alone takes instead.
template <class Item, class Together, class Alone = std::nullptr_t>
void run_in_lane(const std::shared_ptr<MySqlStore::Pool>& pool, MySqlStore::Pool::Lane<Item>& lane,
                 MySqlStore::Pool::Job<Item>& job, Together&& together, Alone&& alone = nullptr) {
  lane.groups.submit(job, [&](std::vector<MySqlStore::Pool::Job<Item>*>& group, std::size_t slot) {
    if constexpr (!std::is_same_v<std::decay_t<Alone>, std::nullptr_t>) {
      if (group.size() == 1) {
        try {
          alone(group.front()->item);
        } catch (...) {
          group.front()->error = std::current_exception();
        }
        return;
      }
    }
    std::unique_ptr<Connection>& conn = lane.conns[slot];
    auto run = [&](std::span<Item* const> items) {
      try {
        Connection::attach_thread();
        if (!conn || conn->broken()) conn = std::make_unique<Connection>(pool->options, true);
        together(*conn, items);
      } catch (...) {
        if (conn) {
          conn->rollback();
          if (conn->broken()) conn.reset();
        }
        throw;
      }
    };
    std::vector<Item*> items;
    items.reserve(group.size());
    for (auto* j : group) items.push_back(&j->item);
    try {
      run(std::span<Item* const>(items));
      return;
    } catch (...) {
      if (group.size() == 1) {
        group.front()->error = std::current_exception();
        return;
      }
    }
    for (auto* j : group) {
      Item* one = &j->item;
      try {
        run(std::span<Item* const>(&one, 1));
      } catch (...) {
        j->error = std::current_exception();
      }
    }
  });
}

// The write steps take session keys the services have checked (SessionKey::valid()); one
// that cannot go into a group's statements is a bug of the caller.
[[noreturn]] void not_groupable(std::string_view step) {
  throw billing::StoreError(std::string(step) +
                            ": the session key or number is not printable ASCII within limits");
}

}  // namespace

std::optional<CardState> MySqlStore::read_card_for_call(std::string_view number,
                                                        const billing::SessionKey& key,
                                                        Instant now) {
  Pool::Job<CallRead> job;
  job.item = CallRead{number, &key, now, {}};
  if (!groupable(job.item)) return read_one(pool_, job.item);
  run_in_lane(pool_, pool_->reads, job, read_for_calls,
              [&](CallRead& r) { r.result = read_one(pool_, r); });
  return std::move(job.item.result);
}

std::optional<billing::LockedVerdict> MySqlStore::decide_and_reserve(
    std::string_view number, const billing::SessionKey& key, Instant now,
    const billing::CallDecider& decide, billing::Reservation& r) {
  Pool::Job<CallDecide> job;
  job.item = CallDecide{number, &key, now, &decide, &r};
  if (!groupable(job.item)) not_groupable("decide_and_reserve");
  // Alone too, a request goes through decide_together (two round trips).
  auto pool = pool_;
  run_in_lane(pool_, pool_->decides, job,
              [pool](Connection& conn, std::span<CallDecide* const> items) {
                decide_together(
                    conn, items,
                    [&pool](const std::string& sha256) { return pool->snapshot_known(sha256); },
                    pool->card_ids);
              });
  if (job.item.found && job.item.verdict == billing::LockedVerdict::reserve) {
    pool_->remember_snapshot(r.snapshot_sha256);
    pool_->copies.remember(r);  // before the Accept goes out: its Start may follow at once
  }
  if (!job.item.found) return std::nullopt;
  return job.item.verdict;
}

billing::ReserveOutcome MySqlStore::reserve(billing::Reservation& r,
                                            const billing::GrantBasis& basis) {
  if (!groupable(r.key)) not_groupable("reserve");
  r.snapshot_sha256 = snapshot_key(r);
  Pool::Job<CallReserve> job;
  job.item.reservation = &r;
  job.item.basis = basis;
  job.item.snapshot_stored = pool_->snapshot_known(r.snapshot_sha256);
  try {
    run_in_lane(pool_, pool_->reserves, job, reserve_together);
  } catch (const billing::StoreDuplicate&) {
    return billing::ReserveOutcome::duplicate;  // its group of one: the key is taken
  }
  if (job.item.outcome == billing::ReserveOutcome::reserved) {
    if (!job.item.snapshot_stored) pool_->remember_snapshot(r.snapshot_sha256);
    pool_->copies.remember(r);  // before the Accept goes out: its Start may follow at once
  }
  return job.item.outcome;
}

std::optional<billing::Reservation> MySqlStore::read_reservation(const billing::SessionKey& key) {
  if (!groupable(key)) return read_reservation_alone(pool_, key);
  Pool::Job<ReservationRead> job;
  job.item.key = &key;
  run_in_lane(pool_, pool_->reservation_reads, job, read_reservations,
              [&](ReservationRead& r) { r.result = read_reservation_alone(pool_, *r.key); });
  return std::move(job.item.result);
}

billing::SettleResult MySqlStore::settle(billing::Settlement& s) {
  if (!groupable(s.cdr.key)) not_groupable("settle");
  Pool::Job<Pool::CallSettle> job;
  job.item.settlement = &s;
  try {
    run_in_lane(pool_, pool_->settles, job,
                [](Connection& conn, std::span<Pool::CallSettle* const> items) {
                  std::vector<billing::Settlement*> settlements;
                  for (auto* item : items) settlements.push_back(item->settlement);
                  const auto results = settle_together(conn, settlements);
                  for (std::size_t i = 0; i < items.size(); ++i) items[i]->result = results[i];
                });
  } catch (const billing::StoreDuplicate&) {
    // Its group of one: the CDR's (nas, session_id) is taken, the call was already charged.
    return billing::SettleResult{billing::SettleOutcome::duplicate, 0, {}};
  }
  return job.item.result;
}

MySqlStore::CopyCounts MySqlStore::copy_counts() const {
  return CopyCounts{pool_->stops_on_copies.load(), pool_->stale_groups.load(),
                    pool_->copies.size()};
}

std::optional<std::pair<billing::Reservation, std::int64_t>> MySqlStore::reservation_copy(
    const billing::SessionKey& key) const {
  auto copy = pool_->copies.find(key);
  if (!copy) return std::nullopt;
  return std::make_pair(std::move(copy->reservation), copy->revision);
}

std::optional<billing::SettleResult> MySqlStore::rate_and_settle(const billing::SessionKey& key,
                                                                 Instant,
                                                                 const billing::StopRater& rate,
                                                                 billing::Settlement& s) {
  if (!groupable(key)) not_groupable("rate_and_settle");
  Pool::Job<RatedStop> job;
  job.item.key = &key;
  job.item.rate = &rate;
  job.item.settlement = &s;
  auto pool = pool_;
  try {
    run_in_lane(pool_, pool_->rated_settles, job,
                [pool](Connection& conn, std::span<RatedStop* const> items) {
                  const std::vector<RatedStop*> list(items.begin(), items.end());
                  // Booked on this node's copies when it has one of every Stop's reservation
                  // (each copy is taken: whichever way the Stop goes, the copy is spent).
                  std::vector<ReservationCopies::Copy> known;
                  bool all_known = true;
                  for (const RatedStop* item : list) {
                    auto copy = pool->copies.take(*item->key);
                    if (!copy) {
                      all_known = false;
                      continue;
                    }
                    known.push_back(std::move(*copy));
                  }
                  if (all_known && pool->try_copies()) {
                    if (settle_known_together(conn, list, known)) {
                      pool->stops_on_copies += list.size();
                      pool->copies_booked();
                      return;
                    }
                    pool->copies_refused();
                  }
                  settle_rated_together(conn, list);
                });
  } catch (const billing::StoreDuplicate&) {
    // Its group of one: the CDR's (nas, session_id) is taken, the call was already charged.
    return billing::SettleResult{billing::SettleOutcome::duplicate, 0, {}};
  }
  return job.item.result;
}

billing::StartOutcome MySqlStore::start_call(const billing::SessionKey& key, Instant started_at,
                                             std::uint32_t grace_s, Instant now) {
  SingleStep step(pool_);
  const auto before = pool_->copies.revision(key);  // the copy's, read before the statement
  const int started = step.update(S::reservation_start_by_key, [&](Binder& b) {
    b.instant(started_at)
        .instant(started_at + std::chrono::seconds(grace_s))
        .text(key.nas)
        .text(key.session_id)
        .instant(now);
  });
  if (started > 0) {
    if (before) pool_->copies.started(key, *before, started_at, std::chrono::seconds(grace_s));
    return billing::StartOutcome::started;
  }
  // Nothing changed: say why (a retransmission, a late or unknown Start).
  auto r = step.row(
      S::reservation_by_key, [&](Binder& b) { b.text(key.nas).text(key.session_id); },
      [](RowMapper& m) { return m.reservation(); });
  if (!r) return billing::StartOutcome::no_reservation;
  if (r->state != billing::ReservationState::reserved) return billing::StartOutcome::not_reserved;
  return billing::StartOutcome::expired;
}

billing::UsageOutcome MySqlStore::record_call_usage(const billing::SessionKey& key,
                                                    std::uint32_t usage_s, Instant at) {
  SingleStep step(pool_);
  const auto before = pool_->copies.revision(key);  // the copy's, read before the statement
  const int updated = step.update(S::reservation_usage_by_key, [&](Binder& b) {
    b.u32(usage_s).instant(at).text(key.nas).text(key.session_id);
  });
  if (updated > 0) {
    if (before) pool_->copies.used(key, *before, usage_s, at);
    return billing::UsageOutcome::recorded;
  }
  auto r = step.row(
      S::reservation_by_key, [&](Binder& b) { b.text(key.nas).text(key.session_id); },
      [](RowMapper& m) { return m.reservation(); });
  return r ? billing::UsageOutcome::closed : billing::UsageOutcome::no_reservation;
}

namespace {
constexpr std::string_view kTables[] = {"schema_version",
                                        "tariff",
                                        "price_list",
                                        "rate",
                                        "price_rule",
                                        "holiday",
                                        "batch",
                                        "card",
                                        "ledger",
                                        "reservation",
                                        "cdr",
                                        "operator",
                                        "api_token",
                                        "audit_log",
                                        "tariff_snapshot",
                                        "nas_client",
                                        "disconnect_attempt",
                                        "shop",
                                        "booth",
                                        "shift",
                                        "cash_movement",
                                        "booth_session",
                                        "payment",
                                        "call_mark",
                                        "shop_upstream",
                                        "shop_upstream_ledger"};

std::string for_table(StatementId id, std::string_view table) {
  std::string text(statement(id).sql);
  text.replace(text.find("{table}"), 7, table);
  return text;
}
}  // namespace

std::uint64_t MySqlStore::row_count(std::string_view table) {
  if (std::find(std::begin(kTables), std::end(kTables), table) == std::end(kTables))
    throw billing::StoreError("no table named '" + std::string(table) + "' in the store");
  auto conn = pool_->acquire();
  const auto n = conn->guard(statement(S::state_table_count).tag, [&] {
    auto ps = conn->prepare_once(for_table(S::state_table_count, table));
    ResultPtr rs(ps->executeQuery());
    rs->next();
    return static_cast<std::uint64_t>(rs->getUInt64(1));
  });
  conn->rollback();
  pool_->release(std::move(conn));
  return n;
}

std::string MySqlStore::state_fingerprint() {
  auto conn = pool_->acquire();
  std::string rows;
  for (std::string_view table : kTables) {
    const std::string text = for_table(S::state_table_rows, table);
    conn->guard(statement(S::state_table_rows).tag, [&] {
      auto ps = conn->prepare_once(text);
      ResultPtr rs(ps->executeQuery());
      const unsigned columns = rs->getMetaData()->getColumnCount();
      rows += table;
      rows += '\n';
      while (rs->next()) {
        for (unsigned i = 1; i <= columns; ++i) {
          sql::SQLString v = rs->getString(i);
          rows += rs->wasNull() ? std::string("\\N") : std::string(v.c_str(), v.length());
          rows += '\t';
        }
        rows += '\n';
      }
    });
  }
  conn->rollback();
  pool_->release(std::move(conn));
  return billing::sha256_hex(rows);
}

std::size_t MySqlStore::open_connections() const {
  std::lock_guard lock(pool_->mutex);
  return pool_->open;
}

}  // namespace prepaid::mysql

#pragma once
/// @file store.h
/// @brief Store and Transaction: the storage interface of the billing core (Kea style: pure
/// virtual here, one implementation per backend elsewhere: MemoryStore, mysql::MySqlStore).
///
/// All work happens inside a Transaction. Money-related decisions are made by the services
/// while they hold the card's row lock (Transaction::card_for_call): that lock — not process
/// memory — is what keeps concurrent calls, threads and RADIUS nodes from spending the same
/// money. Backends throw only the exceptions of store_error.h.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "billing/calls/call_steps.h"
#include "billing/calls/card_state.h"
#include "billing/calls/cdr.h"
#include "billing/calls/reservation.h"
#include "billing/calls/session_key.h"
#include "billing/cards/batch.h"
#include "billing/cards/card.h"
#include "billing/cards/ledger_entry.h"
#include "billing/disconnect/disconnect_attempt.h"
#include "billing/disconnect/nas_client.h"
#include "billing/operators/audit_entry.h"
#include "billing/operators/operator.h"
#include "billing/shops/booth.h"
#include "billing/shops/booth_session.h"
#include "billing/shops/payment.h"
#include "billing/shops/shift.h"
#include "billing/shops/shop.h"
#include "billing/shops/shop_upstream.h"
#include "billing/store/store_error.h"
#include "billing/tariffs/tariff_record.h"
#include "rating/money.h"
#include "rating/rate.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief A window of a listing: rows [offset, offset + limit) in the listing's order.
struct Page {
  std::uint64_t offset = 0;
  std::uint32_t limit = 100;  ///< 1..10000
};

/// @brief Which cards to list (all conditions must hold; empty/absent = any).
struct CardFilter {
  std::optional<CardStatus> status;  ///< compared with the effective status at `now`
  std::optional<BatchId> batch;
  std::string number_prefix;  ///< digits the number starts with
  std::optional<CardKind> kind;
  rating::Instant now{};   ///< for the effective status (active past expiry = expired)
  bool with_pins = false;  ///< read PINs too (administrators only)
};

/// @brief Which CDRs to list, newest first.
struct CdrFilter {
  std::optional<rating::Instant> from;  ///< call_at >= from
  std::optional<rating::Instant> to;    ///< call_at < to
  std::optional<CardId> card;
  std::string digits_prefix;  ///< normalised dialed number starts with
  bool review_only = false;   ///< only calls with a review reason (Cdr::review not empty)
};

/// @brief The CDRs of one slice of UTC in one currency, summed (Transaction::sum_cdrs).
struct CdrSlice {
  std::int64_t slice = 0;  ///< call_at (seconds since the epoch) DIV the slice's length
  std::string currency;
  std::uint64_t calls = 0;
  std::uint64_t billed_s = 0;
  rating::Money price;  ///< the sum of their prices, exact
  bool operator==(const CdrSlice&) const = default;
};

/// @brief Which audit rows to list, newest first.
struct AuditFilter {
  std::optional<rating::Instant> from;
  std::optional<rating::Instant> to;
  std::string actor;          ///< exact operator name
  std::string action_prefix;  ///< "card." matches card.recharge, card.disable…
  std::string object;         ///< exact object ("card:1000…")
};

/// @brief Told how many rows a long write has written so far (Transaction::replace_price_list).
using RowsWritten = std::function<void(std::uint64_t rows_written)>;

/// @brief Whether a read takes the card's row lock.
enum class RowLock {
  none,       ///< plain read of committed data
  exclusive,  ///< SELECT … FOR UPDATE: held until commit or rollback
};

/// @brief One unit of work. Rolled back when destroyed without commit(). Not thread-safe:
/// one thread uses it, then destroys it. Reads see committed data (READ COMMITTED) and
/// their own writes.
class Transaction {
 public:
  virtual ~Transaction() = default;
  /// Makes every write durable and ends the transaction: after it, only destruction is
  /// allowed. Throws StoreConflict / StoreUnavailable on failure.
  virtual void commit() = 0;

  // ---- The call path (kept to a few round trips).

  /// Reads the card `number` and what an authorization needs, in one statement; with
  /// RowLock::exclusive the card's row stays locked until commit or rollback, and the sums are
  /// read after the lock is granted (so they include every committed reservation).
  virtual std::optional<CardState> card_for_call(std::string_view number, const SessionKey& key,
                                                 rating::Instant now, RowLock lock) = 0;
  /// The same by id (the Stop finds the card through its reservation).
  virtual std::optional<CardState> card_for_call(CardId id, const SessionKey& key,
                                                 rating::Instant now, RowLock lock) = 0;
  /// The reservation of a call, with its tariff snapshot; nullopt when none.
  virtual std::optional<Reservation> find_reservation(const SessionKey& key) = 0;
  virtual std::optional<Reservation> find_reservation(ReservationId id) = 0;
  /// Inserts and sets r.id. Throws StoreDuplicate when the key already has one.
  virtual void insert_reservation(Reservation& r) = 0;
  /// A new decision for the session key of reservation r.id, whose call never started: its
  /// decided fields (calling, called, digits, destination, granted_s, amount, tariff, tariff
  /// version and snapshot, created_at, expires_at) become those of `r`, its usage is cleared.
  /// False (nothing changed) when r.id is no longer `reserved`.
  virtual bool redecide_reservation(Reservation& r) = 0;
  /// Accounting-Start: state → started, started_at, expires_at — only if it is still open at
  /// `now` (an expired reservation is never revived). False when nothing changed.
  virtual bool start_reservation(ReservationId id, rating::Instant started_at,
                                 rating::Instant expires_at, rating::Instant now) = 0;
  /// Interim-Update: usage_s and last_interim_at (only while reserved or started).
  virtual void record_usage(ReservationId id, std::uint32_t usage_s, rating::Instant at) = 0;
  /// Closes it (settled, released or expired) at `at`.
  virtual void close_reservation(ReservationId id, ReservationState state, rating::Instant at) = 0;
  /// The reservations of a NAS still reserved or started (open or past expiry) and created
  /// before `before`, oldest first (Accounting-On/Off closes them).
  virtual std::vector<Reservation> unclosed_reservations_at(std::string_view nas,
                                                            rating::Instant before) = 0;
  /// Reservations open at `now` (online sessions), oldest first; `card` narrows to one card.
  virtual std::vector<Reservation> open_reservations(rating::Instant now,
                                                     std::optional<CardId> card,
                                                     const Page& page) = 0;
  /// Marks up to `limit` reservations that are reserved/started but past expires_at as
  /// expired; returns how many.
  virtual std::uint32_t expire_reservations(rating::Instant now, std::uint32_t limit) = 0;

  /// Inserts a CDR and sets cdr.id; false (and nothing written) when (nas, session_id) already
  /// has one — a duplicate Stop, possibly from another RADIUS node.
  virtual bool insert_cdr(Cdr& cdr) = 0;
  virtual std::optional<Cdr> find_cdr(const SessionKey& key) = 0;
  virtual std::vector<Cdr> list_cdrs(const CdrFilter& filter, const Page& page) = 0;
  /// The CDRs matching `filter` counted and summed (calls, billed seconds, prices) per slice
  /// of `slice_s` seconds of UTC (call_at DIV slice_s, slice_s >= 1) and currency, in slice
  /// then currency order; only slices with calls. Computed by the database, not by reading
  /// the CDRs.
  virtual std::vector<CdrSlice> sum_cdrs(const CdrFilter& filter, std::uint32_t slice_s) = 0;

  // ---- Cards, batches, ledger.

  /// Locks a card for an update (SELECT … FOR UPDATE), with its PIN.
  virtual std::optional<Card> lock_card(std::string_view number) = 0;
  /// Reads a card without locking; the PIN only when `with_pin`.
  virtual std::optional<Card> find_card(std::string_view number, bool with_pin) = 0;
  virtual std::optional<Card> find_card(CardId id, bool with_pin) = 0;
  /// Inserts and sets card.id. Throws StoreDuplicate when the number exists.
  virtual void insert_card(Card& card) = 0;
  /// Inserts many (a batch) and sets their ids; throws StoreDuplicate when any number exists.
  virtual void insert_cards(std::vector<Card>& cards) = 0;
  /// Which of `numbers` are already taken.
  virtual std::vector<std::string> existing_numbers(const std::vector<std::string>& numbers) = 0;
  /// Writes every mutable field of the card with this id (not number, created_at, batch).
  virtual void update_card(const Card& card) = 0;
  /// Cards matching the filter, by number.
  virtual std::vector<Card> list_cards(const CardFilter& filter, const Page& page) = 0;
  virtual std::uint64_t count_cards(const CardFilter& filter) = 0;
  /// Every card whose balance differs from the sum of its ledger (empty = books balance): its
  /// ledger rows' amounts minus the prices of its CDRs that are ledger entries (call_charge.h).
  virtual std::vector<LedgerMismatch> ledger_mismatches() = 0;

  virtual void insert_batch(Batch& batch) = 0;  ///< sets batch.id
  virtual std::optional<Batch> find_batch(BatchId id) = 0;
  virtual std::vector<Batch> list_batches(const Page& page) = 0;  ///< newest first

  /// Inserts a ledger row and sets entry.id. The card must be locked in this transaction (or
  /// new): the row's place among the card's CDRs is fixed when it is written.
  virtual void insert_ledger(LedgerEntry& entry) = 0;
  /// Inserts many (a batch load); ids are not read back.
  virtual void insert_ledger_entries(const std::vector<LedgerEntry>& entries) = 0;
  /// The card's ledger, oldest first, in the order its balance changed: its ledger rows and
  /// the CDRs that are ledger entries (call_charge_entry()), merged.
  virtual std::vector<LedgerEntry> list_ledger(CardId card, const Page& page) = 0;

  // ---- Tariffs.

  virtual std::optional<TariffRecord> find_tariff(std::string_view name) = 0;
  virtual std::vector<TariffRecord> list_tariffs() = 0;
  /// Inserts and sets id. Throws StoreDuplicate when the name exists.
  virtual void insert_tariff(TariffRecord& tariff) = 0;
  /// Writes the header fields (not name, not version) of the tariff with this id.
  virtual void update_tariff(const TariffRecord& tariff) = 0;
  /// version := version + 1; returns the new version. Call it in every transaction that
  /// changes a tariff or its contents.
  virtual std::int64_t bump_tariff_version(TariffId id, rating::Instant at) = 0;
  /// Everything of a tariff (lists with all their rates, rules, holidays).
  virtual std::optional<TariffContent> load_tariff(std::string_view name) = 0;
  virtual std::vector<PriceListInfo> list_price_lists(TariffId tariff) = 0;
  virtual std::vector<rating::Rate> list_rates(TariffId tariff, std::string_view list) = 0;
  /// Replaces the whole list (creating it when absent) with `rates` (already validated,
  /// prefixes unique). Sized for 250k+ rates. `written`, when set, is called after each step
  /// of the write with the rows written so far, the last time with rates.size() (once with 0
  /// for an empty list); the count is of rows written in this transaction, not yet committed.
  /// (The default argument is the interface's: overrides declare none, callers go through
  /// Transaction.)
  virtual void replace_price_list(TariffId tariff, std::string_view list,
                                  const std::vector<rating::Rate>& rates,
                                  const RowsWritten& written = {}) = 0;
  /// Removes a list and its rates; false when absent.
  virtual bool delete_price_list(TariffId tariff, std::string_view list) = 0;
  /// One rate of a list by its exact prefix; nullopt when the list or the rate is absent.
  virtual std::optional<rating::Rate> find_rate(TariffId tariff, std::string_view list,
                                                std::string_view prefix) = 0;
  /// Inserts or replaces one rate of an existing list; false when the list is absent.
  virtual bool upsert_rate(TariffId tariff, std::string_view list, const rating::Rate& rate) = 0;
  virtual bool delete_rate(TariffId tariff, std::string_view list, std::string_view prefix) = 0;
  virtual std::vector<rating::PriceRule> list_rules(TariffId tariff) = 0;   ///< definition order
  virtual std::vector<rating::Holiday> list_holidays(TariffId tariff) = 0;  ///< by date
  /// Throws StoreDuplicate when a rule of that name exists in the tariff.
  virtual void insert_rule(TariffId tariff, const rating::PriceRule& rule) = 0;
  virtual bool delete_rule(TariffId tariff, std::string_view name) = 0;
  /// Throws StoreDuplicate when the tariff has a holiday on that date.
  virtual void insert_holiday(TariffId tariff, const rating::Holiday& holiday) = 0;
  virtual bool delete_holiday(TariffId tariff, const rating::Holiday& date) = 0;

  // ---- Operators, API tokens, audit.

  virtual std::optional<Operator> find_operator(std::string_view name) = 0;
  virtual std::vector<Operator> list_operators() = 0;
  /// Inserts and sets id. Throws StoreDuplicate when the name exists.
  virtual void insert_operator(Operator& op) = 0;
  virtual void update_operator_role(std::string_view name, Role role) = 0;
  /// The shop whose counter the operator works (nullopt: none).
  virtual void update_operator_shop(std::string_view name, std::optional<ShopId> shop) = 0;
  /// The operator's console password hash (an Argon2id string); nullopt when none is set.
  virtual std::optional<std::string> operator_password(std::string_view name) = 0;
  /// Sets the operator's console password hash (no-op when the operator is absent).
  virtual void set_operator_password(std::string_view name, std::string_view hash) = 0;
  /// The operator's console language ("en", "bg", "pt-BR"; "": the browser's, or no operator).
  virtual std::string operator_language(std::string_view name) = 0;
  /// Sets the operator's console language (no-op when the operator is absent).
  virtual void set_operator_language(std::string_view name, std::string_view language) = 0;
  /// Removes the operator and revokes its tokens; false when absent.
  virtual bool delete_operator(std::string_view name, rating::Instant at) = 0;
  virtual void insert_token(ApiToken& token) = 0;  ///< sets id
  /// The token with this SHA-256 (hex), revoked or not.
  virtual std::optional<ApiToken> find_token(std::string_view sha256_hex) = 0;
  virtual std::vector<ApiToken> list_tokens(std::string_view operator_name) = 0;
  /// Sets revoked_at; false when absent or already revoked.
  virtual bool revoke_token(std::int64_t id, rating::Instant at) = 0;

  // ---- Dynamic authorization (RFC 5176).

  /// The settings of NAS `nas` (with its secret); nullopt when none.
  virtual std::optional<NasClient> find_nas_client(std::string_view nas) = 0;
  virtual std::vector<NasClient> list_nas_clients() = 0;  ///< by nas, with secrets
  /// Throws StoreDuplicate when the NAS has settings.
  virtual void insert_nas_client(const NasClient& nas) = 0;
  virtual void update_nas_client(const NasClient& nas) = 0;  ///< every field but created_at
  virtual bool delete_nas_client(std::string_view nas) = 0;  ///< false when absent
  virtual void insert_disconnect_attempt(DisconnectAttempt& attempt) = 0;  ///< sets id
  /// Newest first.
  virtual std::vector<DisconnectAttempt> list_disconnect_attempts(const DisconnectFilter& filter,
                                                                  const Page& page) = 0;
  // ---- Shops and booths (billing/shops/).
  virtual std::optional<Shop> find_shop(std::string_view name) = 0;
  virtual std::optional<Shop> find_shop(ShopId id) = 0;
  virtual std::vector<Shop> list_shops() = 0;  ///< by name
  /// Inserts and sets shop.id. Throws StoreDuplicate when the name exists.
  virtual void insert_shop(Shop& shop) = 0;
  /// Writes every field of the shop with this id but its name and created_at.
  virtual void update_shop(const Shop& shop) = 0;
  /// Inserts the booth row of an existing card (card_id, shop_id, label, created_at). Throws
  /// StoreDuplicate when the shop has a booth of that label, or the card is a booth already.
  virtual void insert_booth(Booth& booth) = 0;
  /// The booth whose account has this number, with its shop's name and its account's status.
  virtual std::optional<Booth> find_booth(std::string_view number) = 0;
  /// The booths of one shop (nullopt: of every shop), by shop name then label.
  virtual std::vector<Booth> list_booths(std::optional<ShopId> shop) = 0;
  // ---- Shifts and the cash register (billing/shops/shift.h).
  /// Inserts an open shift and sets shift.id. Throws StoreDuplicate when its operator has a
  /// shift open at its shop.
  virtual void insert_shift(Shift& shift) = 0;
  /// A shift with its shop's name and currency; with RowLock::exclusive its row (and its
  /// shop's) stays locked until commit or rollback.
  virtual std::optional<Shift> find_shift(ShiftId id, RowLock lock) = 0;
  /// The shift `operator_name` has open at `shop`, if any.
  virtual std::optional<Shift> open_shift(ShopId shop, std::string_view operator_name) = 0;
  /// Writes closed_at, counted and expected of the shift with this id.
  virtual void close_shift(const Shift& shift) = 0;
  /// Shifts of one shop (nullopt: of all), only open ones when `open_only`, newest first.
  virtual std::vector<Shift> list_shifts(std::optional<ShopId> shop, bool open_only,
                                         const Page& page) = 0;
  virtual void insert_cash_movement(CashMovement& movement) = 0;             ///< sets movement.id
  virtual std::vector<CashMovement> list_cash_movements(ShiftId shift) = 0;  ///< oldest first
  // ---- Booth sessions (billing/shops/booth_session.h). card_for_call reads whether the card
  // is a shop's booth and whether it has one open (CardState::shop_booth, booth_open).
  /// Inserts an open session and sets its id. Throws StoreDuplicate when the booth has one.
  virtual void insert_booth_session(BoothSession& session) = 0;
  /// The booth's open session, if any.
  virtual std::optional<BoothSession> open_booth_session(CardId booth) = 0;
  /// Writes closed_at, closed_by, closed_in, spent and settled of the session with this id.
  virtual void close_booth_session(const BoothSession& session) = 0;
  /// The sessions opened in shift `shift`, by id.
  virtual std::vector<BoothSession> booth_sessions_of_shift(ShiftId shift) = 0;
  /// A session by id, open or closed.
  virtual std::optional<BoothSession> find_booth_session(BoothSessionId id) = 0;
  // ---- The counter's payments and call marks (billing/shops/payment.h).
  /// A CDR by id.
  virtual std::optional<Cdr> find_cdr(CdrId id) = 0;
  /// Takes the shop's next receipt number (last + 1, from 1) in this transaction: a rollback
  /// gives it back, so numbers have no gaps. Locks the shop's row until commit or rollback.
  virtual std::uint64_t next_receipt_number(ShopId shop) = 0;
  /// Inserts and sets payment.id. Throws StoreDuplicate when its shop has that receipt number.
  virtual void insert_payment(Payment& payment) = 0;
  virtual std::optional<Payment> find_payment(PaymentId id) = 0;
  /// The payment of receipt `number` of `shop`.
  virtual std::optional<Payment> find_receipt(ShopId shop, std::uint64_t number) = 0;
  /// Payments matching the filter, newest first.
  virtual std::vector<Payment> list_payments(const PaymentFilter& filter, const Page& page) = 0;
  /// Writes undone_at, undone_by and undo_reason of the payment with this id.
  virtual void mark_payment_undone(const Payment& payment) = 0;
  /// Inserts a call's mark. Throws StoreDuplicate when the call has one (paid or unserved).
  virtual void insert_call_mark(const CallMark& mark) = 0;
  /// The mark of call `cdr`, if it has one.
  virtual std::optional<CallMark> find_call_mark(CdrId cdr) = 0;
  /// The marks of a session's calls, by CDR id.
  virtual std::vector<CallMark> call_marks_of_session(BoothSessionId session) = 0;
  /// Removes a call's mark (it is unpaid again).
  virtual void delete_call_mark(CdrId cdr) = 0;
  /// Removes the marks of a payment's calls (they are unpaid again).
  virtual void delete_call_marks_of_payment(PaymentId payment) = 0;

  // ---- Shops' upstream accounts (billing/shops/shop_upstream.h). card_for_call reads a booth's
  // with its card (CardState::upstream).
  /// The shop's account; with RowLock::exclusive its row stays locked until commit.
  virtual std::optional<ShopUpstream> find_shop_upstream(ShopId shop, RowLock lock) = 0;
  /// Throws StoreDuplicate when the shop has one.
  virtual void insert_shop_upstream(const ShopUpstream& account) = 0;
  /// Writes balance, warn_below and updated_at of the shop's account.
  virtual void update_shop_upstream(const ShopUpstream& account) = 0;
  virtual void insert_shop_upstream_entry(UpstreamEntry& entry) = 0;  ///< a row; sets entry.id
  /// The shop's upstream ledger in the order the balance changed: its rows and its CDRs'
  /// costs (a row after the CDRs written before it, both under the account's row lock).
  virtual std::vector<UpstreamEntry> list_shop_upstream_ledger(ShopId shop, const Page& page) = 0;
  /// What the open reservations (at `now`) of the shop's booths hold on its upstream.
  virtual rating::Money shop_upstream_held(ShopId shop, rating::Instant now) = 0;
  virtual std::uint64_t count_shop_upstreams() = 0;
  /// Accounts whose balance differs from SUM(rows) − SUM(their CDRs' upstream_cost).
  virtual std::vector<UpstreamMismatch> shop_upstream_mismatches() = 0;
  /// balance := balance − cost (a booth call's cost, booked with its CDR: book_call).
  virtual void debit_shop_upstream(ShopId shop, rating::Money cost) = 0;

  virtual void insert_audit(AuditEntry& entry) = 0;  ///< sets id
  virtual std::vector<AuditEntry> list_audit(const AuditFilter& filter, const Page& page) = 0;
};

/// @brief A database (or an in-memory stand-in) that opens transactions. Thread-safe: each
/// thread opens its own transactions.
class Store {
 public:
  virtual ~Store() = default;
  /// Starts a transaction. Throws StoreUnavailable when the database cannot be reached.
  virtual std::unique_ptr<Transaction> begin() = 0;
  /// "memory", "mysql unix:///run/mysqld/mysqld.sock/prepaid", … (no password).
  virtual std::string describe() const = 0;

  // ---- The call path in single steps (call_steps.h). Each is atomic on its own, outside any
  // Transaction; on MySQL each is one round trip (an autocommit statement or a procedure).
  // They throw what begin() and Transaction do (StoreConflict: nothing was written, retry).

  /// Transaction::card_for_call(number, key, now, RowLock::none) as one committed read.
  virtual std::optional<CardState> read_card_for_call(std::string_view number,
                                                      const SessionKey& key,
                                                      rating::Instant now) = 0;
  /// Inserts `r` (state reserved, r.tariff_snapshot stored once per distinct text) and sets
  /// r.id — if, under the card's row lock, the card's version is still basis.card_version,
  /// its tariff's version still r.tariff_version, fewer than max_concurrent reservations are
  /// open at basis.now, and balance + credit_limit − their amounts >= r.amount. Otherwise
  /// writes nothing and answers `changed` (or `duplicate` when r.key has a reservation).
  virtual ReserveOutcome reserve(Reservation& r, const GrantBasis& basis) = 0;
  /// An authorization decided under the card's row lock and reserved in the same transaction
  /// (for a request whose PIN is known before the card is read, e.g. RADIUS PAP): reads the
  /// card `number` as Transaction::card_for_call(number, key, now, RowLock::exclusive) does,
  /// hands it to `decide` and, when it answers reserve, inserts the Reservation it filled in
  /// `r` (r.tariff_snapshot stored once per distinct text), sets r.id and commits. Writes
  /// nothing for the other answers, nor when the key got a reservation meanwhile (then
  /// `elsewhere`). nullopt when there is no such card.
  virtual std::optional<LockedVerdict> decide_and_reserve(std::string_view number,
                                                          const SessionKey& key,
                                                          rating::Instant now,
                                                          const CallDecider& decide,
                                                          Reservation& r) = 0;
  /// Transaction::find_reservation(key) as one committed read (with the tariff snapshot).
  virtual std::optional<Reservation> read_reservation(const SessionKey& key) = 0;
  /// Books a rated call atomically under the card's row lock: unless s.reservation is already
  /// settled or s.cdr.key already has a CDR (`duplicate`), inserts the CDR (sets s.cdr.id and
  /// s.cdr.balance_after, computed under the lock: the CDR is the call's ledger row,
  /// call_charge.h), debits the balance when the price is not zero, and closes s.reservation
  /// as settled at s.at.
  virtual SettleResult settle(Settlement& s) = 0;
  /// A Stop rated and booked in one atomic step (one wait for a group where read_reservation
  /// then settle take two): locks the card of `key`'s reservation, reads the reservation there
  /// (with its tariff snapshot) and, unless it is settled (`duplicate`), hands it to `rate`;
  /// when that answers book, books `s` as settle() does (its card and reservation those of the
  /// reservation; sets s.cdr.id and s.cdr.balance_after; `duplicate` when s.cdr.key already
  /// has a CDR). nullopt, nothing written, when the key has no reservation or `rate` answered
  /// elsewhere. `now` is the instant of the card's read.
  virtual std::optional<SettleResult> rate_and_settle(const SessionKey& key, rating::Instant now,
                                                      const StopRater& rate, Settlement& s) = 0;
  /// Accounting-Start: the reservation of `key`, if still reserved and open at `now`, becomes
  /// started at `started_at`, expiring at started_at + granted_s + grace_s.
  virtual StartOutcome start_call(const SessionKey& key, rating::Instant started_at,
                                  std::uint32_t grace_s, rating::Instant now) = 0;
  /// Interim-Update: usage_s and last_interim_at of the reservation of `key`, while it is
  /// reserved or started.
  virtual UsageOutcome record_call_usage(const SessionKey& key, std::uint32_t usage_s,
                                         rating::Instant at) = 0;

  /// A fingerprint of everything stored: unchanged by an operation that wrote nothing, changed
  /// by any committed write (tests of refusals compare it before and after). MySQL: SHA-256
  /// over every row of every table; memory: the count of committed writing transactions.
  virtual std::string state_fingerprint() = 0;
};

/// Whether run_transaction() commits what `work` returned: yes, unless it is a refused
/// billing::Result (result.h overloads this), so that a refusal changes nothing even if the
/// work wrote something before deciding to refuse.
template <class R>
bool commits(const R&) {
  return true;
}

/// @brief Runs one single-step store operation (Store::settle, Store::start_call, ...), again
/// on StoreConflict (nothing was written), up to `max_attempts` times in all.
template <class Step>
auto retry_step(int max_attempts, Step&& step) -> decltype(step()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return step();
    } catch (const StoreConflict&) {
      if (attempt >= max_attempts) throw;
    }
  }
}

/// @brief Runs `work(tx)` in a transaction and commits it, retrying the whole transaction on
/// StoreConflict (deadlock, lock-wait timeout) up to `max_attempts` times in all (a result for
/// which commits() is false is rolled back instead). Other
/// exceptions roll back and propagate. `work` must not keep side effects outside the
/// transaction (it may run more than once).
template <class Work>
auto run_transaction(Store& store, int max_attempts, Work&& work)
    -> std::invoke_result_t<Work&, Transaction&> {
  for (int attempt = 1;; ++attempt) {
    try {
      auto tx = store.begin();
      if constexpr (std::is_void_v<std::invoke_result_t<Work&, Transaction&>>) {
        work(*tx);
        tx->commit();
        return;
      } else {
        auto result = work(*tx);
        if (commits(result)) tx->commit();
        return result;
      }
    } catch (const StoreConflict&) {
      if (attempt >= max_attempts) throw;
    }
  }
}

}  // namespace prepaid::billing

// All SQL of the MySQL store, keyed by StatementId. Column lists are written out in the order
// the row mapper (row_mapper.cc) reads them: change both together.
#include "billing/store/mysql/statements.h"

#include <array>
#include <cstddef>
#include <string>

namespace prepaid::mysql {
namespace {

using S = StatementId;

// clang-format off
// The statements are composed of the named fragments below, one clause per line, so that a
// column added to a table is added in one place. Column lists are in the order row_mapper.cc
// reads (RowMapper) and binds (Binder) them.

// ---- Cards

// A card's stored columns after its PIN (RowMapper::card reads id, number, PIN, then these).
#define CARD_AFTER_PIN                                                               \
  "c.kind, c.status, c.currency, c.tariff, c.balance, c.credit_limit, "             \
  "c.max_concurrent, c.activation, c.validity_days, c.batch_id, c.created_at, "     \
  "c.activated_at, c.last_recharged_at, c.expires_at, c.pin_failures, c.pin_failed_at, " \
  "c.locked_until"
#define CARD_COLUMNS "c.id, c.number, c.pin, " CARD_AFTER_PIN
// The PIN only when the first parameter is true (reads for people: lists, show).
#define CARD_COLUMNS_PIN_IF "c.id, c.number, IF(?, c.pin, ''), " CARD_AFTER_PIN
// Binder::card's order, for INSERT.
#define CARD_INSERT_COLUMNS                                                          \
  "number, pin, kind, status, currency, tariff, balance, credit_limit, "            \
  "max_concurrent, activation, validity_days, batch_id, created_at, activated_at, " \
  "last_recharged_at, expires_at, pin_failures, pin_failed_at, locked_until"
#define CARD_INSERT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
// A card's status as of the bound instant: an active card past expires_at is expired.
#define CARD_EFFECTIVE_STATUS                                                             \
  "(CASE WHEN c.status = 'active' AND c.expires_at IS NOT NULL AND c.expires_at <= ? " \
  "THEN 'expired' ELSE c.status END)"
// card.list's and card.count's filters: status (at an instant), batch, number, kind.
#define CARD_FILTER                                                         \
  " WHERE (? IS NULL OR " CARD_EFFECTIVE_STATUS " = ?)"                     \
  " AND (? IS NULL OR c.batch_id = ?)"                                      \
  " AND c.number LIKE ?"                                                    \
  " AND (? IS NULL OR c.kind = ?)"
// Locks the cards whose `column` is in the {rows} list, in that column's order (an IN list
// on a unique key is read in key order, so two groups never wait for each other in a cycle).
// The first statement of a compound statement; the reads that follow see every commit made
// before the locks were granted (READ COMMITTED).
#define LOCK_CARDS_WHERE(column)                               \
  "DECLARE locked BIGINT;"                                     \
  " SELECT COUNT(c.version) INTO locked FROM card c"           \
  " WHERE c." column " IN ({rows}) FOR UPDATE;"

// ---- Reservations

// Card c's reservations open at an instant, for the statements that sum those of several
// cards in one join: `"LEFT JOIN " OPEN_RESERVATIONS "q.now ..."` (the instant follows) looks
// each card's up by (is_open = 1, card_id) in index reservation_open, which covers the sum
// (sql/003_open_reservations.sql, sql/005_open_reservation_index.sql). Written
// `r.card_id = c.id AND r.state IN (...)`, the join could use only an index's first column
// and read every reservation the card ever had (17 ms per group for an account with 50,000
// past calls, instead of 0.6 ms, while the group's lane waits); a two-row table of the open
// states joined on (card_id, state) avoided that, at two lookups per card and a temporary
// table (the grouped read ~40 % slower than with is_open). The index is forced because, with
// statistics taken while reservations were being added, the optimizer took another index
// (schema 4's reservation_state) and read every open reservation of the system (200,000 rows
// per group in `run.sh --history 100`). tests/billing/store/mysql/call_group_test.cc counts the
// rows each statement reads.
#define OPEN_RESERVATIONS                                                               \
  "reservation r FORCE INDEX (reservation_open) ON r.card_id = c.id AND r.is_open = 1 " \
  "AND r.expires_at > "
// A reservation's columns before and after its snapshot (RowMapper::reservation).
#define RESERVATION_HEAD                                                                  \
  "r.id, r.card_id, c.number, r.nas, r.session_id, r.calling, r.user_name, "              \
  "r.acct_session_id, r.nas_ip_address, r.called, r.digits, r.destination, r.granted_s, "  \
  "r.amount, r.currency, r.tariff, r.tariff_version"
#define RESERVATION_TAIL                                                                      \
  "r.state, r.created_at, r.started_at, r.expires_at, r.usage_s, r.last_interim_at, r.closed_at," \
  " r.upstream_shop_id, r.upstream_hold"
#define RESERVATION_COLUMNS \
  RESERVATION_HEAD ", COALESCE(s.text, ''), r.snapshot_sha256, " RESERVATION_TAIL ", r.upstream_snapshot"
// Without the snapshots (listings).
#define RESERVATION_COLUMNS_NO_SNAPSHOT RESERVATION_HEAD ", '', '', " RESERVATION_TAIL ", ''"
// A reservation with its card's number and its snapshot's text.
#define RESERVATION_JOINS                                                  \
  " JOIN card c ON c.id = r.card_id"                                       \
  " LEFT JOIN tariff_snapshot s ON s.sha256 = r.snapshot_sha256"
// Binder::reservation's order, for INSERT.
#define RESERVATION_INSERT_COLUMNS                                                        \
  "card_id, nas, session_id, calling, user_name, acct_session_id, nas_ip_address, "     \
  "called, digits, destination, granted_s, amount, currency, tariff, tariff_version, "   \
  "snapshot_sha256, state, created_at, started_at, expires_at, usage_s, last_interim_at, " \
  "closed_at, upstream_shop_id, upstream_hold, upstream_snapshot"
#define RESERVATION_INSERT_ROW \
  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

// ---- The authorization's read of a card

// What card.for_call_* read of a booth's shop's upstream account (schema 12), each correlated
// with the card row (b: the card's booth row, a primary-key lookup that finds nothing for a
// card that is not a booth): the shop when it has an upstream account and a cost tariff, the
// balance, its currency, the cost tariff and its version, and what the open reservations of
// every booth of the shop hold on it (through booth_label's shop_id and reservation_open).
// Parameter: the instant of the open reservations.
#define UPSTREAM_FOR_CALL                                                                      \
  " (SELECT u.shop_id FROM booth b JOIN shop sh ON sh.id = b.shop_id"                          \
  " JOIN shop_upstream u ON u.shop_id = b.shop_id"                                             \
  " WHERE b.card_id = c.id AND sh.cost_tariff IS NOT NULL),"                                   \
  " (SELECT u.balance FROM booth b JOIN shop_upstream u ON u.shop_id = b.shop_id"              \
  " WHERE b.card_id = c.id),"                                                                  \
  " (SELECT u.currency FROM booth b JOIN shop_upstream u ON u.shop_id = b.shop_id"             \
  " WHERE b.card_id = c.id),"                                                                  \
  " (SELECT sh.cost_tariff FROM booth b JOIN shop sh ON sh.id = b.shop_id"                     \
  " WHERE b.card_id = c.id),"                                                                  \
  " (SELECT ct.version FROM booth b JOIN shop sh ON sh.id = b.shop_id"                         \
  " JOIN tariff ct ON ct.name = sh.cost_tariff WHERE b.card_id = c.id),"                       \
  " (SELECT COALESCE(SUM(ur.upstream_hold), 0) FROM booth b JOIN booth ub ON ub.shop_id = b.shop_id" \
  " JOIN reservation ur FORCE INDEX (reservation_open) ON ur.card_id = ub.card_id"             \
  " AND ur.is_open = 1 AND ur.expires_at > ? WHERE b.card_id = c.id)"
// The card.for_call_* statements: the card, its open reservations' sum and count (on
// reservation_open through is_open, schema 4), its tariff's version and the reservation of the
// request's session key; the WHERE condition (by number or id, locking or not) follows.
#define CARD_FOR_CALL                                                                      \
  "SELECT " CARD_COLUMNS ","                                                               \
  " (SELECT COALESCE(SUM(r.amount), 0) FROM reservation r"                                 \
  " WHERE r.card_id = c.id AND r.is_open = 1 AND r.expires_at > ?),"                       \
  " (SELECT COUNT(*) FROM reservation r"                                                   \
  " WHERE r.card_id = c.id AND r.is_open = 1 AND r.expires_at > ?),"                       \
  " (SELECT t.version FROM tariff t WHERE t.name = c.tariff),"                             \
  " (SELECT r.id FROM reservation r"                                                       \
  " WHERE r.nas = ? AND r.session_id = ? AND r.card_id = c.id),"                           \
  " (SELECT r.state FROM reservation r"                                                    \
  " WHERE r.nas = ? AND r.session_id = ? AND r.card_id = c.id),"                           \
  " c.version,"                                                                            \
  " (SELECT b.card_id FROM booth b WHERE b.card_id = c.id),"                               \
  " (SELECT bs.id FROM booth_session bs WHERE bs.card_id = c.id AND bs.open_flag = 1)," \
  UPSTREAM_FOR_CALL                                                                          \
  " FROM card c WHERE "
// The requests of a group as rows q: a JSON array of [index, number, now, NAS, session id].
#define CALL_REQUESTS                                                                       \
  "JSON_TABLE(?, '$[*]' COLUMNS ("                                                         \
  "i INT PATH '$[0]',"                                                                      \
  " number VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin PATH '$[1]',"                  \
  " now BIGINT PATH '$[2]',"                                                                \
  " nas VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin PATH '$[3]',"                     \
  " sid VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin PATH '$[4]')) q"
// What card.for_call_by_number reads, for every row of CALL_REQUESTS: the open reservations
// at the row's own `now` are summed and counted by a join grouped by the row, which reads
// them once instead of once per subquery. (ORDER BY NULL: without it MariaDB sorts a GROUP
// BY's rows; they are matched to their requests by index.)
#define CARDS_FOR_CALLS                                                                     \
  "SELECT q.i, " CARD_COLUMNS ","                                                          \
  " COALESCE(SUM(r.amount), 0), COUNT(r.id), t.version, e.id, e.state, c.version,"         \
  " b.card_id, bs.id,"                                                                      \
  " IF(sh.cost_tariff IS NULL, NULL, u.shop_id), u.balance, u.currency, sh.cost_tariff,"    \
  " ct.version,"                                                                            \
  " (SELECT COALESCE(SUM(ur.upstream_hold), 0) FROM booth ub"                               \
  " JOIN reservation ur FORCE INDEX (reservation_open) ON ur.card_id = ub.card_id"          \
  " AND ur.is_open = 1 AND ur.expires_at > q.now WHERE ub.shop_id = u.shop_id)"             \
  " FROM " CALL_REQUESTS                                                                    \
  " JOIN card c ON c.number = q.number"                                                     \
  " LEFT JOIN tariff t ON t.name = c.tariff"                                                \
  " LEFT JOIN booth b ON b.card_id = c.id"                                                  \
  " LEFT JOIN booth_session bs ON bs.card_id = c.id AND bs.open_flag = 1"                   \
  " LEFT JOIN shop sh ON sh.id = b.shop_id"                                                 \
  " LEFT JOIN shop_upstream u ON u.shop_id = b.shop_id"                                     \
  " LEFT JOIN tariff ct ON ct.name = sh.cost_tariff"                                        \
  " LEFT JOIN reservation e ON e.nas = q.nas AND e.session_id = q.sid AND e.card_id = c.id" \
  " LEFT JOIN " OPEN_RESERVATIONS "q.now"                                                   \
  " GROUP BY q.i ORDER BY NULL"
// The session keys of a group as rows q: a JSON array of [index, NAS, session id].
#define SESSION_KEYS                                                                  \
  "JSON_TABLE(?, '$[*]' COLUMNS ("                                                   \
  "i INT PATH '$[0]',"                                                                \
  " nas VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin PATH '$[1]',"               \
  " sid VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin PATH '$[2]')) q"

// ---- CDRs and the ledger

// Binder::cdr's and RowMapper::cdr's order (after the id, when read).
#define CDR_COLUMNS                                                                         \
  "card_id, card_number, nas, session_id, calling, called, digits, destination, prefix, " \
  "price_list, rule, setup_at, connect_at, end_at, call_at, duration_s, billed_s, price, " \
  "currency, rate, rate_unit_s, connect_fee, buy_cost, buy_currency, rating_detail, "     \
  "tariff, "                                                                               \
  "tariff_version, from_snapshot, disconnect_cause, review, unbilled, recorded_at, "       \
  "balance_after, upstream_shop_id, upstream_cost"
#define CDR_INSERT_ROW \
  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
// CDR_INSERT_ROW with the balance it left (balance_after) taken from its card, locked and
// updated earlier in the statement, plus the prices of the group's later Stops on that card.
#define BOOK_KNOWN_CDR_ROW                                                                  \
  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?," \
  " ?, (SELECT b.balance FROM card b WHERE b.id = ?) + ?, ?, ?)"
// A ledger row's columns (RowMapper::ledger_entry reads the id, then these).
#define LEDGER_COLUMNS \
  "card_id, at, kind, amount, balance_after, currency, actor, reason, reference"
// Binder::ledger_entry's order: the columns, then the card id again for after_cdr, the card's
// highest CDR id as the row is written (sql/008_call_charge_in_cdr.sql: where the row goes
// among the card's CDRs, which are ledger entries too). The card is locked by the caller, so
// no CDR of it is being written meanwhile.
#define LEDGER_INSERT_COLUMNS LEDGER_COLUMNS ", after_cdr"
#define LEDGER_INSERT_ROW \
  "(?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(d.id), 0) FROM cdr d WHERE d.card_id = ?))"
// A CDR that is its call's ledger entry (booked since schema 8, a charge), as a ledger row
// (billing/call_charge.h says the same in C++).
#define CDR_AS_LEDGER_COLUMNS                                                              \
  "d.id, d.card_id, d.recorded_at, 'call_charge', -d.price, d.balance_after, d.currency, " \
  "'radius', CONCAT('call to ', d.called), CONCAT('cdr:', d.id)"
#define CDR_IS_LEDGER_ENTRY "d.balance_after IS NOT NULL AND d.price <> 0"

// ---- Tariffs

#define TARIFF_COLUMNS                                                                  \
  "id, name, currency, time_zone, base_price_list, rounding_method, rounding_decimals, " \
  "international_prefix, version, updated_at"
#define RATE_COLUMNS \
  "prefix, destination, rate, rate_unit_s, connect_fee, first_increment_s, increment_s, grace_s, " \
  "buy_rate, buy_currency"
#define RATE_INSERT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

#define BATCH_COLUMNS \
  "id, created_at, card_count, amount, currency, tariff, kind, activation, validity_days, actor, note"
// RowMapper::nas_client's order.
#define NAS_CLIENT_COLUMNS "nas, dae_address, dae_port, secret, created_at, updated_at"
// Binder::disconnect_attempt's and RowMapper::disconnect_attempt's order (after the id).
#define DISCONNECT_ATTEMPT_COLUMNS                                                        \
  "at, actor, reason, nas, session_id, reservation_id, card_number, dae_address, "      \
  "dae_port, outcome, error_cause, attempts, elapsed_ms, detail"
#define TOKEN_COLUMNS "id, operator_name, label, sha256, created_at, revoked_at"
// RowMapper::op's order: an operator and the name of its shop ('' when none).
#define OPERATOR_SELECT                                                          \
  "SELECT o.id, o.name, o.role, o.shop_id, COALESCE(s.name, ''), o.created_at" \
  " FROM operator o LEFT JOIN shop s ON s.id = o.shop_id"

// RowMapper::shop_upstream's order, and shop_upstream.insert's.
#define SHOP_UPSTREAM_COLUMNS "shop_id, currency, balance, warn_below, created_at, updated_at"
// ---- Shops and booths (RowMapper::shop, RowMapper::booth)

#define SHOP_COLUMNS                                                                   \
  "id, name, currency, time_zone, retail_tariff, cost_tariff, receipt_header, "      \
  "rounding_step, rounding_method, created_at, updated_at"
// RowMapper::shift's order: the stored shift, then its shop's name and currency.
#define SHIFT_SELECT                                                                     \
  "SELECT sh.id, sh.shop_id, sh.operator_name, sh.opened_at, sh.opening_float, "       \
  "sh.closed_at, sh.counted, sh.expected, s.name, s.currency"                          \
  " FROM shift sh JOIN shop s ON s.id = sh.shop_id"
#define CASH_COLUMNS "id, shift_id, at, amount, reason, note, operator_name"
// RowMapper::booth_session's order.
#define BOOTH_SESSION_COLUMNS                                                           \
  "id, card_id, shift_id, kind, amount, opened_at, opened_by, closed_at, closed_by, " \
  "closed_in, spent, settled"
// RowMapper::payment's order (Binder::payment binds them after the id).
#define PAYMENT_COLUMNS                                                                       \
  "id, shop_id, receipt_number, shift_id, booth_session_id, card_id, at, operator_name, "   \
  "method, calls_total, extras_total, rounding, total, deposit_applied, deposit_returned, " \
  "tendered, paid, change_given, call_count, final, receipt_json, receipt_text_40, "        \
  "receipt_text_48, undone_at, undone_by, undo_reason"
// RowMapper::call_mark's order.
#define CALL_MARK_COLUMNS "cdr_id, booth_session_id, state, payment_id, reason, at, operator_name"
#define BOOTH_SELECT                                                                   \
  "SELECT b.card_id, b.shop_id, b.label, b.created_at, s.name, c.number, c.status"   \
  " FROM booth b JOIN shop s ON s.id = b.shop_id JOIN card c ON c.id = b.card_id"

// CdrFilter's conditions, for the calls list and their sums. Parameters: from, from, to, to,
// card, card, the digits' LIKE prefix, review only.
#define CDR_FILTER                                                                  \
  " WHERE (? IS NULL OR call_at >= ?) AND (? IS NULL OR call_at < ?)"             \
  " AND (? IS NULL OR card_id = ?) AND digits LIKE ? AND (? = 0 OR review <> '')"

// The parts of the settle batch's booking (settle.book_commit and settle.book_commit_cards):
// the reservations settled and the new balances, then the CDRs and the commit.
#define BOOK_SETTLE_AND_BALANCES                                                    \
  " UPDATE reservation SET state = 'settled', closed_at = CASE id {cases} END,"     \
  " revision = revision + 1 WHERE id IN ({ids});"                                   \
  " UPDATE card SET balance = CASE id {cases} END, version = version + 1"           \
  " WHERE id IN ({ids});"
// The booking of Stops rated on their node's copies of the reservations (settle_batch.h,
// settle_known_together), without a read: the cards' balances lowered by their Stops' prices
// (the cards locked here, in ascending id order as every booking does), the reservations
// settled only where their revision is still the copy's — any other count and nothing is
// written: the client reads and books the group as settle.lock_and_read_keys does — then the
// CDRs, each with the balance it left read from its locked card plus the prices of the
// group's later Stops on that card (BOOK_KNOWN_CDR_ROW).
#define BOOK_KNOWN_BALANCES_AND_SETTLE                                              \
  " UPDATE card SET balance = balance - CASE id {cases} END,"                       \
  " version = version + (CASE id {cases} END <> 0) WHERE id IN ({ids});"            \
  " UPDATE reservation SET state = 'settled', closed_at = CASE id {cases} END,"     \
  " revision = revision + 1 WHERE id IN ({ids}) AND revision = CASE id {cases} END;" \
  " IF ROW_COUNT() <> ? THEN ROLLBACK;"                                             \
  " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" PREPAID_KNOWN_COPY_STALE "'; END IF;"
// Booth calls' costs taken from their shops' upstream balances ([shop id, cost] pairs, then
// the shop ids).
#define BOOK_UPSTREAM_DEBITS                                                        \
  " UPDATE shop_upstream SET balance = balance - CASE shop_id {cases} END"          \
  " WHERE shop_id IN ({ids});"
#define BOOK_CDRS_AND_COMMIT                                                        \
  " INSERT INTO cdr (" CDR_COLUMNS ") VALUES {rows}"                                \
  " RETURNING id, nas, session_id, balance_after;"                                  \
  " COMMIT;"                                                                        \
  " END"

constexpr std::array kStatements = {
    TaggedStatement{S::session_isolation, "session.isolation",
        "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"},
    TaggedStatement{S::session_variables, "session.variables",
        "SET SESSION time_zone = '+00:00',"
        " SESSION innodb_lock_wait_timeout = ?,"
        " SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"},
    TaggedStatement{S::schema_table_count, "schema.table_count",
        "SELECT COUNT(*) FROM information_schema.tables"
        " WHERE table_schema = DATABASE()"},
    TaggedStatement{S::schema_version_table_exists, "schema.version_table_exists",
        "SELECT COUNT(*) FROM information_schema.tables"
        " WHERE table_schema = DATABASE() AND table_name = 'schema_version'"},
    TaggedStatement{S::schema_version_max, "schema.version_max",
        "SELECT COALESCE(MAX(version), 0) FROM schema_version"},
    TaggedStatement{S::schema_version_insert, "schema.version_insert",
        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"},
    TaggedStatement{S::schema_database_exists, "schema.database_exists",
        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?"},
    TaggedStatement{S::schema_create_database, "schema.create_database",
        "CREATE DATABASE IF NOT EXISTS `{db}`"
        " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"},
    TaggedStatement{S::schema_drop_database, "schema.drop_database",
        "DROP DATABASE IF EXISTS `{db}`"},
    // What an authorization reads, in one statement. Every subquery is correlated with the
    // card row, so none can run before the row (and, FOR UPDATE, its lock) is read: a READ
    // COMMITTED statement opens its read view at its first plain read, and an uncorrelated
    // subquery evaluated ahead of the lock wait would make the sums stale (overspend).
    // tests/billing/call_service_concurrency.h proves it holds on this server.
    TaggedStatement{S::card_for_call_by_number, "card.for_call_by_number",
        CARD_FOR_CALL "c.number = ?"},
    TaggedStatement{S::card_for_call_by_number_lock, "card.for_call_by_number_lock",
        CARD_FOR_CALL "c.number = ? FOR UPDATE"},
    TaggedStatement{S::card_for_call_by_id, "card.for_call_by_id",
        CARD_FOR_CALL "c.id = ?"},
    TaggedStatement{S::card_for_call_by_id_lock, "card.for_call_by_id_lock",
        CARD_FOR_CALL "c.id = ? FOR UPDATE"},
    TaggedStatement{S::reservation_by_key, "reservation.by_key",
        "SELECT " RESERVATION_COLUMNS
        " FROM reservation r" RESERVATION_JOINS
        " WHERE r.nas = ? AND r.session_id = ?"},
    TaggedStatement{S::reservation_by_id, "reservation.by_id",
        "SELECT " RESERVATION_COLUMNS
        " FROM reservation r" RESERVATION_JOINS
        " WHERE r.id = ?"},
    TaggedStatement{S::reservation_insert, "reservation.insert",
        "INSERT INTO reservation (" RESERVATION_INSERT_COLUMNS ")"
        " VALUES " RESERVATION_INSERT_ROW
        " RETURNING id"},
    TaggedStatement{S::reservation_redecide, "reservation.redecide",
        "UPDATE reservation"
        " SET calling = ?, called = ?, digits = ?, destination = ?, granted_s = ?, amount = ?,"
        " tariff = ?, tariff_version = ?, snapshot_sha256 = ?, upstream_shop_id = ?,"
        " upstream_hold = ?, upstream_snapshot = ?, created_at = ?, expires_at = ?,"
        " usage_s = 0, last_interim_at = NULL, revision = revision + 1"
        " WHERE id = ? AND state = 'reserved'"},
    TaggedStatement{S::reservation_start, "reservation.start",
        "UPDATE reservation r"
        " SET r.state = 'started', r.started_at = ?, r.expires_at = ?, r.revision = r.revision + 1"
        " WHERE r.id = ? AND r.state IN ('reserved', 'started') AND r.expires_at > ?"},
    TaggedStatement{S::reservation_usage, "reservation.usage",
        "UPDATE reservation r"
        " SET r.usage_s = ?, r.last_interim_at = ?, r.revision = r.revision + 1"
        " WHERE r.id = ? AND r.state IN ('reserved', 'started')"},
    TaggedStatement{S::reservation_close, "reservation.close",
        "UPDATE reservation SET state = ?, closed_at = ?, revision = revision + 1 WHERE id = ?"},
    // A rebooted NAS's unclosed sessions (Accounting-On) are among the open reservations of
    // the system (is_open = 1 in index reservation_open: at most the calls in progress), not
    // the NAS's or its cards' history; forced, because with one busy card MariaDB read all of
    // that card's calls through another index, and read first (STRAIGHT_JOIN), because it
    // otherwise read every card to look up each one's open reservations (mysql_store_test
    // counts the rows read).
    TaggedStatement{S::reservation_unclosed_at_nas, "reservation.unclosed_at_nas",
        "SELECT " RESERVATION_COLUMNS
        " FROM reservation r FORCE INDEX (reservation_open)"
        " STRAIGHT_JOIN card c ON c.id = r.card_id"
        " LEFT JOIN tariff_snapshot s ON s.sha256 = r.snapshot_sha256"
        " WHERE r.nas = ? AND r.is_open = 1 AND r.created_at <= ?"
        " ORDER BY r.id"},
    // The calls in progress (`prepaidctl online`), from the open reservations of the system
    // (is_open = 1 in index reservation_open, read first), not in id order through every past
    // call (forced: MariaDB took the primary key for the ORDER BY ... LIMIT, or read every card
    // first; mysql_store_test counts the rows).
    TaggedStatement{S::reservation_open_list, "reservation.open_list",
        "SELECT " RESERVATION_COLUMNS_NO_SNAPSHOT
        " FROM reservation r FORCE INDEX (reservation_open)"
        " STRAIGHT_JOIN card c ON c.id = r.card_id"
        " WHERE r.is_open = 1 AND r.expires_at > ? AND (? IS NULL OR r.card_id = ?)"
        " ORDER BY r.id LIMIT ? OFFSET ?"},
    TaggedStatement{S::reservation_expire, "reservation.expire",
        "UPDATE reservation r"
        " SET r.state = 'expired', r.closed_at = ?, r.revision = r.revision + 1"
        " WHERE r.is_open = 1 AND r.expires_at <= ?"
        " ORDER BY r.expires_at LIMIT ?"},
    TaggedStatement{S::reservation_start_by_key, "reservation.start_by_key",
        "UPDATE reservation r"
        " SET r.state = 'started', r.started_at = ?, r.expires_at = ? + r.granted_s,"
        " r.revision = r.revision + 1"
        " WHERE r.nas = ? AND r.session_id = ? AND r.state = 'reserved' AND r.expires_at > ?"},
    TaggedStatement{S::reservation_usage_by_key, "reservation.usage_by_key",
        "UPDATE reservation r"
        " SET r.usage_s = ?, r.last_interim_at = ?, r.revision = r.revision + 1"
        " WHERE r.nas = ? AND r.session_id = ? AND r.state IN ('reserved', 'started')"},
    TaggedStatement{S::snapshot_insert, "snapshot.insert",
        "INSERT INTO tariff_snapshot (sha256, text, created_at) VALUES (?, ?, ?)"
        " ON DUPLICATE KEY UPDATE sha256 = sha256"},
    // The call path of several requests at once (billing/store/mysql/call_group.h): what
    // card.for_call_by_number reads, for every request of the group (one statement for any
    // number of requests).
    TaggedStatement{S::card_for_calls, "card.for_calls",
        CARDS_FOR_CALLS},
    // Reserving several calls in one transaction, in two round trips. The first: the row locks
    // of the group's cards (an IN list is read in id order, so that two groups never wait for
    // each other in a cycle), then, in a statement of its own so
    // that it reads every commit made before the locks were granted (READ COMMITTED), each
    // card's figures: version, balance, credit limit, concurrent-call limit, its tariff's
    // version and its open reservations' sum and count at the group's earliest instant (the
    // most that any of its requests can see open). Parameters: the ids, the instant, the ids.
    TaggedStatement{S::cards_lock_and_figures, "cards.lock_and_figures",
        "BEGIN NOT ATOMIC " LOCK_CARDS_WHERE("id")
        " SELECT c.id, c.version, c.balance, c.credit_limit, c.max_concurrent, t.version,"
        " COALESCE(SUM(r.amount), 0), COUNT(r.id)"
        " FROM card c"
        " LEFT JOIN tariff t ON t.name = c.tariff"
        " LEFT JOIN " OPEN_RESERVATIONS "?"
        " WHERE c.id IN ({rows})"
        " GROUP BY c.id ORDER BY NULL;"
        " END",
        "?"},
    // The second: the accepted reservations, the commit, and only then their ids, read by
    // session key (SESSION_KEYS), so that no answer leaves the database before the commit.
    TaggedStatement{S::reservations_insert_commit, "reservations.insert_commit",
        "BEGIN NOT ATOMIC"
        " INSERT INTO reservation (" RESERVATION_INSERT_COLUMNS ") VALUES {rows};"
        " COMMIT;"
        " SELECT q.i, r.id FROM " SESSION_KEYS
        " JOIN reservation r ON r.nas = q.nas AND r.session_id = q.sid;"
        " END",
        RESERVATION_INSERT_ROW},
    // Deciding several calls under their cards' row locks (call_group.h, decide_together):
    // the locks by id (as every group locks) when the store knows every card's id, else by
    // number (read in number order: a first visit); then, in a statement of its own so that it
    // reads every commit made before the locks were granted (READ COMMITTED), what
    // card.for_calls reads. Parameters: the numbers or the ids, then CALL_REQUESTS' array.
    TaggedStatement{S::cards_lock_for_calls, "cards.lock_for_calls",
        "BEGIN NOT ATOMIC " LOCK_CARDS_WHERE("number")
        " " CARDS_FOR_CALLS ";"
        " END",
        "?"},
    TaggedStatement{S::cards_lock_ids_for_calls, "cards.lock_ids_for_calls",
        "BEGIN NOT ATOMIC " LOCK_CARDS_WHERE("id")
        " " CARDS_FOR_CALLS ";"
        " END",
        "?"},
    // reservation.by_key for every row of SESSION_KEYS.
    TaggedStatement{S::reservations_by_keys, "reservations.by_keys",
        "SELECT q.i, " RESERVATION_COLUMNS
        " FROM " SESSION_KEYS
        " JOIN reservation r ON r.nas = q.nas AND r.session_id = q.sid" RESERVATION_JOINS},
    // The settle batch (settle_batch.h): several Stops booked in one transaction, in three
    // round trips, every id list and value bound (no JSON_TABLE: a bound IN list or CASE
    // costs MariaDB less per row than a join on a JSON array). The first locks the cards in
    // id order, then reads their balances and the states of the reservations after the
    // locks. Parameters: the card ids, the card ids, the reservation ids (each list padded to
    // the same length, padded_rows).
    TaggedStatement{S::settle_lock_and_states, "settle.lock_and_states",
        "BEGIN NOT ATOMIC DECLARE locked BIGINT;"
        " SELECT COUNT(c.version) INTO locked FROM card c WHERE c.id IN ({ids}) FOR UPDATE;"
        " SELECT 'card', c.id, c.balance, NULL FROM card c WHERE c.id IN ({ids})"
        " UNION ALL"
        " SELECT 'reservation', r.id, r.card_id, r.state FROM reservation r WHERE r.id IN ({ids});"
        " END"},
    // The second, the booking: the reservations settled ([id, closed at] pairs, then the
    // ids), the new balances ([card id, balance] pairs, then the card ids; padded with the
    // last, or with the id 0 that no card has), the shops' upstream debits ([shop id, cost]
    // pairs, then the shop ids; booth calls' costs, schema 12; the id 0 when none), the CDRs (each the ledger entry of its call,
    // with the balance it left: schema 8), and the commit. Every list has the CDRs' count.
    // The CDRs' ids come back before the COMMIT: settle_together hands none out before
    // Connection::drain_results has seen the commit succeed.
    TaggedStatement{S::settle_book_commit, "settle.book_commit",
        "BEGIN NOT ATOMIC" BOOK_SETTLE_AND_BALANCES
        BOOK_UPSTREAM_DEBITS BOOK_CDRS_AND_COMMIT,
        CDR_INSERT_ROW},
    // The same for a group without booth calls (every Stop on a card): no upstream debit, so
    // no statement on shop_upstream (one statement fewer per group).
    TaggedStatement{S::settle_book_commit_cards, "settle.book_commit_cards",
        "BEGIN NOT ATOMIC" BOOK_SETTLE_AND_BALANCES BOOK_CDRS_AND_COMMIT,
        CDR_INSERT_ROW},
    // The booking on the node's copies (BOOK_KNOWN_BALANCES_AND_SETTLE), with and without the
    // shops' upstream debits. Parameters: [card id, price sum] pairs, the same pairs, the
    // card ids; [reservation id, closed at] pairs, the reservation ids, [reservation id,
    // revision] pairs, their count; the upstream debits as settle.book_commit's; the CDRs.
    TaggedStatement{S::settle_book_known_commit, "settle.book_known_commit",
        "BEGIN NOT ATOMIC" BOOK_KNOWN_BALANCES_AND_SETTLE
        BOOK_UPSTREAM_DEBITS BOOK_CDRS_AND_COMMIT,
        BOOK_KNOWN_CDR_ROW},
    TaggedStatement{S::settle_book_known_commit_cards, "settle.book_known_commit_cards",
        "BEGIN NOT ATOMIC" BOOK_KNOWN_BALANCES_AND_SETTLE BOOK_CDRS_AND_COMMIT,
        BOOK_KNOWN_CDR_ROW},
    // The rated settle batch (settle_rated_together): the cards of the keys' reservations
    // locked in ascending id order (the ids found through the keys and sorted in a derived
    // table, which the LIMIT keeps sorted and STRAIGHT_JOIN makes the outer loop), then the
    // reservations with their snapshots and their cards' balances, read after the locks.
    // Parameters: the keys ([NAS, session id] pairs), twice. The booking is settle.book_commit.
    TaggedStatement{S::settle_lock_and_read_keys, "settle.lock_and_read_keys",
        "BEGIN NOT ATOMIC DECLARE locked BIGINT;"
        " SELECT COUNT(c.version) INTO locked"
        " FROM (SELECT DISTINCT r.card_id FROM reservation r"
        " WHERE (r.nas, r.session_id) IN ({rows}) ORDER BY r.card_id LIMIT 128) k"
        " STRAIGHT_JOIN card c ON c.id = k.card_id FOR UPDATE;"
        " SELECT " RESERVATION_COLUMNS ", c.balance"
        " FROM reservation r" RESERVATION_JOINS
        " WHERE (r.nas, r.session_id) IN ({rows});"
        " END",
        "(?, ?)"},
    TaggedStatement{S::cdr_insert, "cdr.insert",
        "INSERT INTO cdr (" CDR_COLUMNS ")"
        " VALUES " CDR_INSERT_ROW
        " RETURNING id"},
    TaggedStatement{S::cdr_by_key, "cdr.by_key",
        "SELECT id, " CDR_COLUMNS
        " FROM cdr"
        " WHERE nas = ? AND session_id = ?"},
    TaggedStatement{S::cdr_list, "cdr.list",
        "SELECT id, " CDR_COLUMNS
        " FROM cdr"
        CDR_FILTER
        " ORDER BY call_at DESC, id DESC LIMIT ? OFFSET ?"},
    TaggedStatement{S::cdr_sums, "cdr.sums",
        "SELECT call_at DIV ? AS slice, currency, COUNT(*),"
        " CAST(SUM(billed_s) AS SIGNED), CAST(SUM(price) AS SIGNED)"
        " FROM cdr"
        CDR_FILTER
        " GROUP BY slice, currency"
        " ORDER BY slice, currency"},
    TaggedStatement{S::card_lock, "card.lock",
        "SELECT " CARD_COLUMNS
        " FROM card c WHERE c.number = ? FOR UPDATE"},
    TaggedStatement{S::card_by_number, "card.by_number",
        "SELECT " CARD_COLUMNS_PIN_IF
        " FROM card c WHERE c.number = ?"},
    TaggedStatement{S::card_by_id, "card.by_id",
        "SELECT " CARD_COLUMNS_PIN_IF
        " FROM card c WHERE c.id = ?"},
    TaggedStatement{S::card_insert, "card.insert",
        "INSERT INTO card (" CARD_INSERT_COLUMNS ")"
        " VALUES " CARD_INSERT_ROW
        " RETURNING id"},
    TaggedStatement{S::card_insert_many, "card.insert_many",
        "INSERT INTO card (" CARD_INSERT_COLUMNS ")"
        " VALUES {rows}"
        " RETURNING id, number",
        CARD_INSERT_ROW},
    TaggedStatement{S::card_numbers_existing, "card.numbers_existing",
        "SELECT number FROM card WHERE number IN ({rows})",
        "?"},
    TaggedStatement{S::card_update, "card.update",
        "UPDATE card"
        " SET pin = ?, kind = ?, status = ?, currency = ?, tariff = ?, balance = ?,"
        " credit_limit = ?, max_concurrent = ?, activation = ?, validity_days = ?,"
        " activated_at = ?, last_recharged_at = ?, expires_at = ?, pin_failures = ?,"
        " pin_failed_at = ?, locked_until = ?, version = version + 1"
        " WHERE id = ?"},
    TaggedStatement{S::card_list, "card.list",
        "SELECT " CARD_COLUMNS_PIN_IF
        " FROM card c" CARD_FILTER
        " ORDER BY c.number LIMIT ? OFFSET ?"},
    TaggedStatement{S::card_count, "card.count",
        "SELECT COUNT(*)"
        " FROM card c" CARD_FILTER},
    // balance = its ledger rows' amounts - the prices of its CDRs booked since schema 8 (those
    // with balance_after; an earlier CDR's charge is a ledger row).
    TaggedStatement{S::ledger_mismatches, "ledger.mismatches",
        "SELECT c.id, c.number, c.balance, COALESCE(l.total, 0) - COALESCE(d.total, 0)"
        " FROM card c"
        " LEFT JOIN (SELECT card_id, SUM(amount) AS total FROM ledger GROUP BY card_id) l"
        " ON l.card_id = c.id"
        " LEFT JOIN (SELECT card_id, SUM(price) AS total FROM cdr"
        " WHERE balance_after IS NOT NULL GROUP BY card_id) d"
        " ON d.card_id = c.id"
        " WHERE c.balance <> COALESCE(l.total, 0) - COALESCE(d.total, 0)"
        " ORDER BY c.id"},
    TaggedStatement{S::batch_insert, "batch.insert",
        "INSERT INTO batch (created_at, card_count, amount, currency, tariff, kind, activation,"
        " validity_days, actor, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::batch_by_id, "batch.by_id",
        "SELECT " BATCH_COLUMNS " FROM batch WHERE id = ?"},
    TaggedStatement{S::batch_list, "batch.list",
        "SELECT " BATCH_COLUMNS " FROM batch ORDER BY id DESC LIMIT ? OFFSET ?"},
    TaggedStatement{S::ledger_insert, "ledger.insert",
        "INSERT INTO ledger (" LEDGER_INSERT_COLUMNS ")"
        " VALUES " LEDGER_INSERT_ROW
        " RETURNING id"},
    TaggedStatement{S::ledger_insert_many, "ledger.insert_many",
        "INSERT INTO ledger (" LEDGER_INSERT_COLUMNS ") VALUES {rows}",
        LEDGER_INSERT_ROW},
    // A card's ledger rows and the CDRs that are ledger entries, in the order the balance
    // changed: a CDR at its id, a ledger row after the CDRs up to its after_cdr (NULL: written
    // before schema 8, before every CDR that is an entry), then by id. Parameters: the card
    // id twice, the page.
    TaggedStatement{S::ledger_list, "ledger.list",
        "SELECT id, " LEDGER_COLUMNS
        " FROM (SELECT id, " LEDGER_COLUMNS ", COALESCE(after_cdr, -1) AS place, 1 AS src"
        " FROM ledger WHERE card_id = ?"
        " UNION ALL"
        " SELECT " CDR_AS_LEDGER_COLUMNS ", d.id, 0"
        " FROM cdr d WHERE d.card_id = ? AND " CDR_IS_LEDGER_ENTRY ") e"
        " ORDER BY place, src, id LIMIT ? OFFSET ?"},
    TaggedStatement{S::tariff_by_name, "tariff.by_name",
        "SELECT " TARIFF_COLUMNS " FROM tariff WHERE name = ?"},
    TaggedStatement{S::tariff_list, "tariff.list",
        "SELECT " TARIFF_COLUMNS " FROM tariff ORDER BY name"},
    TaggedStatement{S::tariff_insert, "tariff.insert",
        "INSERT INTO tariff (name, currency, time_zone, base_price_list, rounding_method,"
        " rounding_decimals, international_prefix, version, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::tariff_update, "tariff.update",
        "UPDATE tariff"
        " SET currency = ?, time_zone = ?, base_price_list = ?, rounding_method = ?,"
        " rounding_decimals = ?, international_prefix = ?"
        " WHERE id = ?"},
    TaggedStatement{S::tariff_bump_version, "tariff.bump_version",
        "UPDATE tariff SET version = version + 1, updated_at = ? WHERE id = ?"},
    TaggedStatement{S::tariff_version, "tariff.version",
        "SELECT version FROM tariff WHERE id = ?"},
    TaggedStatement{S::price_list_id, "price_list.id",
        "SELECT id FROM price_list WHERE tariff_id = ? AND name = ?"},
    TaggedStatement{S::price_list_of_tariff, "price_list.of_tariff",
        "SELECT p.id, p.name, (SELECT COUNT(*) FROM rate r WHERE r.price_list_id = p.id)"
        " FROM price_list p WHERE p.tariff_id = ?"
        " ORDER BY p.name"},
    TaggedStatement{S::price_list_insert, "price_list.insert",
        "INSERT INTO price_list (tariff_id, name) VALUES (?, ?) RETURNING id"},
    TaggedStatement{S::price_list_rename, "price_list.rename",
        "UPDATE price_list SET name = ? WHERE id = ?"},
    TaggedStatement{S::price_list_delete, "price_list.delete",
        "DELETE FROM price_list WHERE id = ?"},
    TaggedStatement{S::rate_of_list, "rate.of_list",
        "SELECT " RATE_COLUMNS
        " FROM rate WHERE price_list_id = ?"
        " ORDER BY prefix"},
    TaggedStatement{S::rate_find, "rate.find",
        "SELECT r.prefix, r.destination, r.rate, r.rate_unit_s, r.connect_fee,"
        " r.first_increment_s, r.increment_s, r.grace_s, r.buy_rate, r.buy_currency"
        " FROM rate r JOIN price_list p ON p.id = r.price_list_id"
        " WHERE p.tariff_id = ? AND p.name = ? AND r.prefix = ?"},
    TaggedStatement{S::rate_insert_many, "rate.insert_many",
        "INSERT INTO rate (price_list_id, " RATE_COLUMNS ") VALUES {rows}",
        RATE_INSERT_ROW},
    TaggedStatement{S::rate_upsert, "rate.upsert",
        "INSERT INTO rate (price_list_id, " RATE_COLUMNS ")"
        " VALUES " RATE_INSERT_ROW
        " ON DUPLICATE KEY UPDATE destination = VALUES(destination), rate = VALUES(rate),"
        " rate_unit_s = VALUES(rate_unit_s), connect_fee = VALUES(connect_fee),"
        " first_increment_s = VALUES(first_increment_s), increment_s = VALUES(increment_s),"
        " grace_s = VALUES(grace_s), buy_rate = VALUES(buy_rate),"
        " buy_currency = VALUES(buy_currency)"},
    TaggedStatement{S::rate_delete, "rate.delete",
        "DELETE FROM rate WHERE price_list_id = ? AND prefix = ?"},
    TaggedStatement{S::rate_purge, "rate.purge",
        "DELETE FROM rate WHERE price_list_id = ? LIMIT 20000"},
    TaggedStatement{S::rule_of_tariff, "rule.of_tariff",
        "SELECT name, price_list, weekdays, from_s, to_s, on_holidays, priority"
        " FROM price_rule WHERE tariff_id = ?"
        " ORDER BY id"},
    TaggedStatement{S::rule_insert, "rule.insert",
        "INSERT INTO price_rule (tariff_id, name, price_list, weekdays, from_s, to_s,"
        " on_holidays, priority)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
    TaggedStatement{S::rule_delete, "rule.delete",
        "DELETE FROM price_rule WHERE tariff_id = ? AND name = ?"},
    TaggedStatement{S::holiday_of_tariff, "holiday.of_tariff",
        "SELECT year, month, day, name"
        " FROM holiday WHERE tariff_id = ?"
        " ORDER BY year, month, day"},
    TaggedStatement{S::holiday_insert, "holiday.insert",
        "INSERT INTO holiday (tariff_id, year, month, day, name) VALUES (?, ?, ?, ?, ?)"},
    TaggedStatement{S::holiday_delete, "holiday.delete",
        "DELETE FROM holiday WHERE tariff_id = ? AND year = ? AND month = ? AND day = ?"},
    TaggedStatement{S::operator_by_name, "operator.by_name",
        OPERATOR_SELECT " WHERE o.name = ?"},
    TaggedStatement{S::operator_list, "operator.list",
        OPERATOR_SELECT " ORDER BY o.name"},
    TaggedStatement{S::operator_insert, "operator.insert",
        "INSERT INTO operator (name, role, shop_id, created_at) VALUES (?, ?, ?, ?) RETURNING id"},
    TaggedStatement{S::operator_update_role, "operator.update_role",
        "UPDATE operator SET role = ? WHERE name = ?"},
    TaggedStatement{S::operator_delete, "operator.delete",
        "DELETE FROM operator WHERE name = ?"},
    TaggedStatement{S::operator_update_shop, "operator.update_shop",
        "UPDATE operator SET shop_id = ? WHERE name = ?"},
    TaggedStatement{S::operator_password_of, "operator.password_of",
        "SELECT password_hash FROM operator WHERE name = ? AND password_hash IS NOT NULL"},
    TaggedStatement{S::operator_update_password, "operator.update_password",
        "UPDATE operator SET password_hash = ? WHERE name = ?"},
    TaggedStatement{S::operator_language_of, "operator.language_of",
        "SELECT language FROM operator WHERE name = ?"},
    TaggedStatement{S::operator_update_language, "operator.update_language",
        "UPDATE operator SET language = ? WHERE name = ?"},
    TaggedStatement{S::token_revoke_of_operator, "token.revoke_of_operator",
        "UPDATE api_token SET revoked_at = ?"
        " WHERE operator_name = ? AND revoked_at IS NULL"},
    TaggedStatement{S::token_insert, "token.insert",
        "INSERT INTO api_token (operator_name, label, sha256, created_at, revoked_at)"
        " VALUES (?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::token_by_hash, "token.by_hash",
        "SELECT " TOKEN_COLUMNS " FROM api_token WHERE sha256 = ?"},
    TaggedStatement{S::token_list, "token.list",
        "SELECT " TOKEN_COLUMNS
        " FROM api_token WHERE (? = '' OR operator_name = ?)"
        " ORDER BY id"},
    TaggedStatement{S::token_revoke, "token.revoke",
        "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"},
    TaggedStatement{S::nas_client_by_nas, "nas_client.by_nas",
        "SELECT " NAS_CLIENT_COLUMNS
        " FROM nas_client"
        " WHERE nas = ?"},
    TaggedStatement{S::nas_client_list, "nas_client.list",
        "SELECT " NAS_CLIENT_COLUMNS
        " FROM nas_client"
        " ORDER BY nas"},
    TaggedStatement{S::nas_client_insert, "nas_client.insert",
        "INSERT INTO nas_client (" NAS_CLIENT_COLUMNS ")"
        " VALUES (?, ?, ?, ?, ?, ?)"},
    TaggedStatement{S::nas_client_update, "nas_client.update",
        "UPDATE nas_client"
        " SET dae_address = ?, dae_port = ?, secret = ?, updated_at = ?"
        " WHERE nas = ?"},
    TaggedStatement{S::nas_client_delete, "nas_client.delete",
        "DELETE FROM nas_client WHERE nas = ?"},
    TaggedStatement{S::disconnect_attempt_insert, "disconnect_attempt.insert",
        "INSERT INTO disconnect_attempt (" DISCONNECT_ATTEMPT_COLUMNS ")"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::disconnect_attempt_list, "disconnect_attempt.list",
        "SELECT id, " DISCONNECT_ATTEMPT_COLUMNS
        " FROM disconnect_attempt"
        " WHERE (? = '' OR nas = ?) AND (? = '' OR session_id = ?)"
        " AND (? = '' OR card_number = ?)"
        " ORDER BY id DESC LIMIT ? OFFSET ?"},
    TaggedStatement{S::audit_insert, "audit.insert",
        "INSERT INTO audit_log (at, actor, role, source, action, object, before_json,"
        " after_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::audit_list, "audit.list",
        "SELECT id, at, actor, role, source, action, object, before_json, after_json"
        " FROM audit_log"
        " WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) AND (? = '' OR actor = ?)"
        " AND action LIKE ? AND (? = '' OR object = ?)"
        " ORDER BY id DESC LIMIT ? OFFSET ?"},
    TaggedStatement{S::shop_by_name, "shop.by_name",
        "SELECT " SHOP_COLUMNS " FROM shop WHERE name = ?"},
    TaggedStatement{S::shop_by_id, "shop.by_id",
        "SELECT " SHOP_COLUMNS " FROM shop WHERE id = ?"},
    TaggedStatement{S::shop_list, "shop.list",
        "SELECT " SHOP_COLUMNS " FROM shop ORDER BY name"},
    TaggedStatement{S::shop_insert, "shop.insert",
        "INSERT INTO shop (name, currency, time_zone, retail_tariff, cost_tariff, receipt_header,"
        " rounding_step, rounding_method, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::shop_update, "shop.update",
        "UPDATE shop SET currency = ?, time_zone = ?, retail_tariff = ?, cost_tariff = ?,"
        " receipt_header = ?, rounding_step = ?, rounding_method = ?, updated_at = ?"
        " WHERE id = ?"},
    TaggedStatement{S::booth_insert, "booth.insert",
        "INSERT INTO booth (card_id, shop_id, label, created_at) VALUES (?, ?, ?, ?)"},
    TaggedStatement{S::booth_by_number, "booth.by_number",
        BOOTH_SELECT " WHERE c.number = ?"},
    TaggedStatement{S::booth_list, "booth.list",
        BOOTH_SELECT
        " WHERE (? IS NULL OR b.shop_id = ?)"
        " ORDER BY s.name, b.label"},
    TaggedStatement{S::shift_insert, "shift.insert",
        "INSERT INTO shift (shop_id, operator_name, opened_at, opening_float)"
        " VALUES (?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::shift_by_id, "shift.by_id",
        SHIFT_SELECT " WHERE sh.id = ?"},
    TaggedStatement{S::shift_by_id_lock, "shift.by_id_lock",
        SHIFT_SELECT " WHERE sh.id = ? FOR UPDATE"},
    TaggedStatement{S::shift_open_of, "shift.open_of",
        SHIFT_SELECT " WHERE sh.shop_id = ? AND sh.operator_name = ? AND sh.open_flag = 1"},
    TaggedStatement{S::shift_close, "shift.close",
        "UPDATE shift SET closed_at = ?, counted = ?, expected = ? WHERE id = ?"},
    TaggedStatement{S::shift_list, "shift.list",
        SHIFT_SELECT
        " WHERE (? IS NULL OR sh.shop_id = ?) AND (? = 0 OR sh.closed_at IS NULL)"
        " ORDER BY sh.id DESC LIMIT ? OFFSET ?"},
    TaggedStatement{S::cash_insert, "cash.insert",
        "INSERT INTO cash_movement (shift_id, at, amount, reason, note, operator_name)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::cash_of_shift, "cash.of_shift",
        "SELECT " CASH_COLUMNS " FROM cash_movement WHERE shift_id = ? ORDER BY id"},
    TaggedStatement{S::booth_session_insert, "booth_session.insert",
        "INSERT INTO booth_session (card_id, shift_id, kind, amount, opened_at, opened_by)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::booth_session_open_of, "booth_session.open_of",
        "SELECT " BOOTH_SESSION_COLUMNS
        " FROM booth_session WHERE card_id = ? AND open_flag = 1"},
    TaggedStatement{S::booth_session_close, "booth_session.close",
        "UPDATE booth_session SET closed_at = ?, closed_by = ?, closed_in = ?, spent = ?,"
        " settled = ?"
        " WHERE id = ?"},
    TaggedStatement{S::booth_session_by_id, "booth_session.by_id",
        "SELECT " BOOTH_SESSION_COLUMNS " FROM booth_session WHERE id = ?"},
    TaggedStatement{S::booth_session_of_shift, "booth_session.of_shift",
        "SELECT " BOOTH_SESSION_COLUMNS " FROM booth_session WHERE shift_id = ? ORDER BY id"},
    TaggedStatement{S::cdr_by_id, "cdr.by_id",
        "SELECT id, " CDR_COLUMNS
        " FROM cdr"
        " WHERE id = ?"},
    TaggedStatement{S::shop_receipt_bump, "shop.receipt_bump",
        "UPDATE shop SET last_receipt = last_receipt + 1 WHERE id = ?"},
    TaggedStatement{S::shop_receipt_last, "shop.receipt_last",
        "SELECT last_receipt FROM shop WHERE id = ?"},
    TaggedStatement{S::payment_insert, "payment.insert",
        "INSERT INTO payment (shop_id, receipt_number, shift_id, booth_session_id, card_id, at,"
        " operator_name, method, calls_total, extras_total, rounding, total, deposit_applied,"
        " deposit_returned, tendered, paid, change_given, call_count, final, receipt_json,"
        " receipt_text_40, receipt_text_48)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"},
    TaggedStatement{S::payment_by_id, "payment.by_id",
        "SELECT " PAYMENT_COLUMNS " FROM payment WHERE id = ?"},
    TaggedStatement{S::payment_by_receipt, "payment.by_receipt",
        "SELECT " PAYMENT_COLUMNS " FROM payment WHERE shop_id = ? AND receipt_number = ?"},
    TaggedStatement{S::payment_list, "payment.list",
        "SELECT " PAYMENT_COLUMNS
        " FROM payment"
        " WHERE (? IS NULL OR shop_id = ?) AND (? IS NULL OR shift_id = ?)"
        " AND (? IS NULL OR booth_session_id = ?)"
        " ORDER BY id DESC LIMIT ? OFFSET ?"},
    TaggedStatement{S::payment_undo, "payment.undo",
        "UPDATE payment SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?"},
    TaggedStatement{S::call_mark_insert, "call_mark.insert",
        "INSERT INTO call_mark (" CALL_MARK_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?)"},
    TaggedStatement{S::call_mark_by_cdr, "call_mark.by_cdr",
        "SELECT " CALL_MARK_COLUMNS " FROM call_mark WHERE cdr_id = ?"},
    TaggedStatement{S::call_mark_of_session, "call_mark.of_session",
        "SELECT " CALL_MARK_COLUMNS " FROM call_mark WHERE booth_session_id = ? ORDER BY cdr_id"},
    TaggedStatement{S::call_mark_delete, "call_mark.delete",
        "DELETE FROM call_mark WHERE cdr_id = ?"},
    TaggedStatement{S::call_mark_delete_of_payment, "call_mark.delete_of_payment",
        "DELETE FROM call_mark WHERE payment_id = ?"},
    TaggedStatement{S::shop_upstream_by_shop, "shop_upstream.by_shop",
        "SELECT " SHOP_UPSTREAM_COLUMNS " FROM shop_upstream WHERE shop_id = ?"},
    TaggedStatement{S::shop_upstream_by_shop_lock, "shop_upstream.by_shop_lock",
        "SELECT " SHOP_UPSTREAM_COLUMNS " FROM shop_upstream WHERE shop_id = ? FOR UPDATE"},
    TaggedStatement{S::shop_upstream_insert, "shop_upstream.insert",
        "INSERT INTO shop_upstream (" SHOP_UPSTREAM_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?)"},
    TaggedStatement{S::shop_upstream_update, "shop_upstream.update",
        "UPDATE shop_upstream SET balance = ?, warn_below = ?, updated_at = ? WHERE shop_id = ?"},
    TaggedStatement{S::shop_upstream_debit, "shop_upstream.debit",
        "UPDATE shop_upstream SET balance = balance - ? WHERE shop_id = ?"},
    TaggedStatement{S::shop_upstream_entry_insert, "shop_upstream.entry_insert",
        "INSERT INTO shop_upstream_ledger"
        " (shop_id, at, kind, amount, balance_after, currency, actor, reason, after_cdr)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
        " (SELECT COALESCE(MAX(d.id), 0) FROM cdr d WHERE d.upstream_shop_id = ?))"
        " RETURNING id"},
    // A shop's upstream ledger: its rows and its CDRs' costs (RowMapper::upstream_entry), in
    // the order the balance changed: a row after the CDRs it came after (after_cdr).
    TaggedStatement{S::shop_upstream_ledger_list, "shop_upstream.ledger_list",
        "SELECT id, shop_id, at, kind, amount, balance_after, currency, actor, reason, reference"
        " FROM (SELECT l.id, l.shop_id, l.at, l.kind, l.amount, l.balance_after, l.currency,"
        " l.actor, l.reason, '' AS reference, l.after_cdr AS place, 1 AS src"
        " FROM shop_upstream_ledger l WHERE l.shop_id = ?"
        " UNION ALL"
        " SELECT d.id, d.upstream_shop_id, d.recorded_at, 'call_cost', -d.upstream_cost, NULL,"
        " u.currency, 'radius', CONCAT('call from ', d.card_number, ' to ', d.called),"
        " CONCAT('cdr:', d.id), d.id, 0"
        " FROM cdr d JOIN shop_upstream u ON u.shop_id = d.upstream_shop_id"
        " WHERE d.upstream_shop_id = ? AND d.upstream_cost IS NOT NULL) e"
        " ORDER BY place, src, id LIMIT ? OFFSET ?"},
    TaggedStatement{S::shop_upstream_held, "shop_upstream.held",
        "SELECT COALESCE(SUM(r.upstream_hold), 0) FROM booth b"
        " JOIN reservation r FORCE INDEX (reservation_open) ON r.card_id = b.card_id"
        " AND r.is_open = 1 AND r.expires_at > ?"
        " WHERE b.shop_id = ?"},
    TaggedStatement{S::shop_upstream_count, "shop_upstream.count",
        "SELECT COUNT(*) FROM shop_upstream"},
    TaggedStatement{S::shop_upstream_mismatches, "shop_upstream.mismatches",
        "SELECT u.shop_id, s.name, u.balance, COALESCE(l.total, 0) - COALESCE(d.total, 0)"
        " FROM shop_upstream u JOIN shop s ON s.id = u.shop_id"
        " LEFT JOIN (SELECT shop_id, SUM(amount) AS total FROM shop_upstream_ledger"
        " GROUP BY shop_id) l ON l.shop_id = u.shop_id"
        " LEFT JOIN (SELECT upstream_shop_id, SUM(upstream_cost) AS total FROM cdr"
        " WHERE upstream_shop_id IS NOT NULL GROUP BY upstream_shop_id) d"
        " ON d.upstream_shop_id = u.shop_id"
        " WHERE u.balance <> COALESCE(l.total, 0) - COALESCE(d.total, 0)"
        " ORDER BY u.shop_id"},
    TaggedStatement{S::state_table_rows, "state.table_rows",
        "SELECT * FROM `{table}` ORDER BY 1"},
    TaggedStatement{S::state_table_count, "state.table_count",
        "SELECT COUNT(*) FROM `{table}`"},
};
// clang-format on
#undef CARD_AFTER_PIN
#undef CARD_COLUMNS
#undef CARD_COLUMNS_PIN_IF
#undef CARD_INSERT_COLUMNS
#undef CARD_INSERT_ROW
#undef CARD_EFFECTIVE_STATUS
#undef CARD_FILTER
#undef CDR_FILTER
#undef BOOK_SETTLE_AND_BALANCES
#undef BOOK_CDRS_AND_COMMIT
#undef BOOK_KNOWN_BALANCES_AND_SETTLE
#undef BOOK_UPSTREAM_DEBITS
#undef LOCK_CARDS_WHERE
#undef OPEN_RESERVATIONS
#undef RESERVATION_HEAD
#undef RESERVATION_TAIL
#undef RESERVATION_COLUMNS
#undef RESERVATION_COLUMNS_NO_SNAPSHOT
#undef RESERVATION_JOINS
#undef RESERVATION_INSERT_COLUMNS
#undef RESERVATION_INSERT_ROW
#undef CARD_FOR_CALL
#undef CALL_REQUESTS
#undef CARDS_FOR_CALLS
#undef SESSION_KEYS
#undef CDR_COLUMNS
#undef CDR_INSERT_ROW
#undef LEDGER_COLUMNS
#undef LEDGER_INSERT_COLUMNS
#undef LEDGER_INSERT_ROW
#undef CDR_AS_LEDGER_COLUMNS
#undef CDR_IS_LEDGER_ENTRY
#undef TARIFF_COLUMNS
#undef RATE_COLUMNS
#undef RATE_INSERT_ROW
#undef BATCH_COLUMNS
#undef TOKEN_COLUMNS
#undef NAS_CLIENT_COLUMNS
#undef DISCONNECT_ATTEMPT_COLUMNS
#undef OPERATOR_SELECT
#undef SHOP_COLUMNS
#undef BOOTH_SELECT
#undef SHIFT_SELECT
#undef CASH_COLUMNS
#undef BOOTH_SESSION_COLUMNS
#undef PAYMENT_COLUMNS
#undef CALL_MARK_COLUMNS
#undef SHOP_UPSTREAM_COLUMNS
#undef UPSTREAM_FOR_CALL

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kStatements.size(); ++i)
    if (static_cast<std::size_t>(kStatements[i].id) != i) return false;
  return kStatements.size() == static_cast<std::size_t>(S::count_);
}
static_assert(in_enum_order(), "kStatements must list every StatementId, in enum order");

}  // namespace

const TaggedStatement& statement(StatementId id) {
  return kStatements[static_cast<std::size_t>(id)];
}

std::string repeated_statement(StatementId id, std::size_t rows) {
  const TaggedStatement& s = statement(id);
  std::string list;
  list.reserve((s.row.size() + s.separator.size()) * rows);
  for (std::size_t i = 0; i < rows; ++i) {
    if (i) list += s.separator;
    list += s.row;
  }
  std::string ids;
  std::string cases;
  for (std::size_t i = 0; i < rows; ++i) {
    ids += i ? ", ?" : "?";
    cases += i ? " WHEN ? THEN ?" : "WHEN ? THEN ?";
  }
  std::string text(s.sql);
  const auto replace_all = [&text](std::string_view mark, const std::string& with) {
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + with.size()))
      text.replace(at, mark.size(), with);
  };
  replace_all("{rows}", list);
  replace_all("{ids}", ids);
  replace_all("{cases}", cases);
  return text;
}

std::size_t padded_rows(std::size_t n) {
  std::size_t size = 1;
  while (size < n && size < kMaxGroupRows) size *= 2;
  return size;
}

}  // namespace prepaid::mysql

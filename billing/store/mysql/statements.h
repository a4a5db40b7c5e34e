#pragma once
/// @file statements.h
/// @brief Every SQL statement of the MySQL store, in one table, keyed by StatementId.
/// All are executed as server-side prepared statements with bound parameters.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace prepaid::mysql {

/// @brief The statements. The order matches the table in statements.cc (checked at compile
/// time).
enum class StatementId : std::uint16_t {
  session_isolation,
  session_variables,
  schema_table_count,
  schema_version_table_exists,
  schema_version_max,
  schema_version_insert,
  schema_database_exists,
  schema_create_database,
  schema_drop_database,
  card_for_call_by_number,
  card_for_call_by_number_lock,
  card_for_call_by_id,
  card_for_call_by_id_lock,
  reservation_by_key,
  reservation_by_id,
  reservation_insert,
  reservation_redecide,
  reservation_start,
  reservation_usage,
  reservation_close,
  reservation_unclosed_at_nas,
  reservation_open_list,
  reservation_expire,
  reservation_start_by_key,
  reservation_usage_by_key,
  snapshot_insert,
  card_for_calls,
  cards_lock_and_figures,
  reservations_insert_commit,
  cards_lock_for_calls,      // {rows}
  cards_lock_ids_for_calls,  // {rows}
  reservations_by_keys,
  settle_lock_and_states,  // {ids}: the settle batch (settle_batch.h)
  settle_book_commit,      // {cases}, {ids}, {rows}
  settle_book_commit_cards,  // {cases}, {ids}, {rows}: no booth call, no upstream debit
  settle_book_known_commit,        // {cases}, {ids}, {rows}: on the node's copies
  settle_book_known_commit_cards,  // {cases}, {ids}, {rows}: the same, no booth call
  settle_lock_and_read_keys,  // {rows}: the rated settle batch (settle_batch.h)
  cdr_insert,
  cdr_by_key,
  cdr_list,
  cdr_sums,
  card_lock,
  card_by_number,
  card_by_id,
  card_insert,
  card_insert_many,
  card_numbers_existing,
  card_update,
  card_list,
  card_count,
  ledger_mismatches,
  batch_insert,
  batch_by_id,
  batch_list,
  ledger_insert,
  ledger_insert_many,
  ledger_list,
  tariff_by_name,
  tariff_list,
  tariff_insert,
  tariff_update,
  tariff_bump_version,
  tariff_version,
  price_list_id,
  price_list_of_tariff,
  price_list_insert,
  price_list_rename,
  price_list_delete,
  rate_of_list,
  rate_find,
  rate_insert_many,
  rate_upsert,
  rate_delete,
  rate_purge,
  rule_of_tariff,
  rule_insert,
  rule_delete,
  holiday_of_tariff,
  holiday_insert,
  holiday_delete,
  operator_by_name,
  operator_list,
  operator_insert,
  operator_update_role,
  operator_delete,
  operator_update_shop,
  operator_password_of,
  operator_update_password,
  operator_language_of,
  operator_update_language,
  token_revoke_of_operator,
  token_insert,
  token_by_hash,
  token_list,
  token_revoke,
  nas_client_by_nas,
  nas_client_list,
  nas_client_insert,
  nas_client_update,
  nas_client_delete,
  disconnect_attempt_insert,
  disconnect_attempt_list,
  audit_insert,
  audit_list,
  shop_by_name,
  shop_by_id,
  shop_list,
  shop_insert,
  shop_update,
  booth_insert,
  booth_by_number,
  booth_list,
  shift_insert,
  shift_by_id,
  shift_by_id_lock,
  shift_open_of,
  shift_close,
  shift_list,
  cash_insert,
  cash_of_shift,
  booth_session_insert,
  booth_session_open_of,
  booth_session_close,
  booth_session_by_id,
  booth_session_of_shift,
  cdr_by_id,
  shop_receipt_bump,
  shop_receipt_last,
  payment_insert,
  payment_by_id,
  payment_by_receipt,
  payment_list,
  payment_undo,
  call_mark_insert,
  call_mark_by_cdr,
  call_mark_of_session,
  call_mark_delete,
  call_mark_delete_of_payment,
  shop_upstream_by_shop,
  shop_upstream_by_shop_lock,
  shop_upstream_insert,
  shop_upstream_update,
  shop_upstream_debit,
  shop_upstream_entry_insert,
  shop_upstream_ledger_list,
  shop_upstream_held,
  shop_upstream_count,
  shop_upstream_mismatches,
  state_table_rows,   // text has {table}: one of a fixed list of table names
  state_table_count,  // idem
  count_              // number of statements, not a statement
};

/// @brief One entry of the table.
struct TaggedStatement {
  StatementId id;
  std::string_view tag;               ///< short name for error messages ("card.lock_for_call")
  std::string_view sql;               ///< "{rows}" marks where a multi-row statement repeats `row`,
                                      ///< "{ids}" a list of as many "?", "{cases}" as many
                                      ///< "WHEN ? THEN ?"; "{db}" where a validated database
                                      ///< name goes
  std::string_view row = {};          ///< the repeated part of a multi-row statement, else empty
  std::string_view separator = ", ";  ///< between the repeated parts
};

/// The entry of `id`.
const TaggedStatement& statement(StatementId id);

/// The text of multi-row statement `id` with its row repeated `rows` times (rows >= 1) at
/// every "{rows}" of it, and `rows` "?" at every "{ids}", `rows` "WHEN ? THEN ?" at every
/// "{cases}".
std::string repeated_statement(StatementId id, std::size_t rows);

/// The most rows the grouped call path puts in one generated statement (a group's size).
inline constexpr std::size_t kMaxGroupRows = 64;

/// The message of the error settle.book_known_commit[_cards] raise (SQLSTATE 45000, MariaDB
/// error 1644) when a reservation changed since its node's copy: nothing was written.
#define PREPAID_KNOWN_COPY_STALE "prepaid: a reservation changed since this node copied it"
inline constexpr std::string_view kKnownCopyStale = PREPAID_KNOWN_COPY_STALE;

/// The rows of an id list of `n` ids (1 .. kMaxGroupRows): the next power of two, the ids
/// padded by repeating the last (harmless in an IN list; Binder::padded_ids), so that a
/// connection prepares a handful of texts per statement.
std::size_t padded_rows(std::size_t n);

}  // namespace prepaid::mysql

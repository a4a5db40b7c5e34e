#pragma once
/// @file row_mapper.h
/// @brief RowMapper and Binder: domain values from result rows and into statement parameters,
/// in the column orders of statements.cc (internal to the MySQL store).

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "billing/calls/card_state.h"
#include "billing/calls/cdr.h"
#include "billing/calls/reservation.h"
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
#include "billing/tariffs/tariff_record.h"
#include "rating/money.h"
#include "rating/price_rule.h"
#include "rating/rate.h"
#include "rating/time_zone.h"

namespace prepaid::mysql {

/// @brief Reads the columns of the current row left to right. Throws StoreError when a stored
/// value is not one this code can represent (an unknown status text, …).
class RowMapper {
 public:
  explicit RowMapper(sql::ResultSet& rs, unsigned first_column = 1) : rs_(rs), col_(first_column) {}

  std::int64_t i64();
  std::optional<std::int64_t> opt_i64();
  std::uint32_t u32();
  int i32();
  bool boolean();
  std::string text();
  std::optional<std::string> opt_text();
  rating::Money money();
  std::optional<rating::Money> opt_money();
  rating::Instant instant();
  std::optional<rating::Instant> opt_instant();

  billing::Card card();
  /// The columns of the card.for_call* statements after their first: the card, its open
  /// reservations' sum and count, its tariff's version, the request's reservation and its
  /// state, the card's version, the booth row's card id (NULL: not a shop's booth) and its
  /// open session's id (NULL: none).
  billing::CardState card_for_call();
  billing::Reservation reservation();
  billing::Cdr cdr();
  billing::Batch batch();
  billing::LedgerEntry ledger_entry();
  billing::TariffRecord tariff();
  rating::Rate rate();
  rating::PriceRule price_rule();
  rating::Holiday holiday();
  billing::Operator op();  ///< id, name, role, shop_id, shop name, created_at
  billing::Shop shop();
  /// The stored booth, then its shop's name, its account's number and status.
  billing::Booth booth();
  /// The stored shift, then its shop's name and currency.
  billing::Shift shift();
  billing::CashMovement cash_movement();
  billing::BoothSession booth_session();
  billing::Payment payment();
  billing::CallMark call_mark();
  billing::ShopUpstream shop_upstream();    ///< SHOP_UPSTREAM_COLUMNS
  billing::UpstreamEntry upstream_entry();  ///< shop_upstream.ledger_list's columns
  billing::ApiToken token();
  billing::AuditEntry audit();
  billing::NasClient nas_client();
  billing::DisconnectAttempt disconnect_attempt();

 private:
  sql::ResultSet& rs_;
  unsigned col_;
};

/// @brief Binds parameters left to right (1-based), NULL for empty optionals.
class Binder {
 public:
  explicit Binder(sql::PreparedStatement& ps, unsigned first = 1) : ps_(ps), i_(first) {}

  Binder& i64(std::int64_t v);
  Binder& opt_i64(const std::optional<std::int64_t>& v);
  Binder& u32(std::uint32_t v);
  Binder& i32(int v);
  Binder& boolean(bool v);
  Binder& text(std::string_view v);
  Binder& opt_text(const std::optional<std::string_view>& v);
  Binder& money(rating::Money v);
  Binder& opt_money(const std::optional<rating::Money>& v);
  Binder& instant(rating::Instant v);
  Binder& opt_instant(const std::optional<rating::Instant>& v);
  Binder& null_i64();
  /// `ids` as `rows` parameters, the last repeated to fill them (padded_rows); an empty
  /// list as `rows` zeros (no row has id 0: every id comes from AUTO_INCREMENT).
  Binder& padded_ids(std::span<const std::int64_t> ids, std::size_t rows);
  /// `pairs` as `rows` pairs of parameters (a "{cases}" list: WHEN id THEN value), padded as
  /// padded_ids pads, then their ids as `rows` parameters (the "{ids}" list that follows).
  Binder& padded_cases(std::span<const std::pair<std::int64_t, std::int64_t>> pairs,
                       std::size_t rows);
  /// The pairs of padded_cases without the ids (a "{cases}" list with no "{ids}" after it).
  Binder& padded_pairs(std::span<const std::pair<std::int64_t, std::int64_t>> pairs,
                       std::size_t rows);

  Binder& card(const billing::Card& c);  ///< the columns of card.insert, in order
  /// The columns of reservation.insert, in order (the snapshot by its snapshot_sha256).
  Binder& reservation(const billing::Reservation& r);
  Binder& cdr(const billing::Cdr& c);  ///< the columns of cdr.insert, in order
  /// The columns of cdr.insert with balance_after as two parameters, `card`'s id and `later`
  /// (a row of BOOK_KNOWN_CDR_ROW: the balance read from the card plus `later`).
  Binder& cdr_balance_from_card(const billing::Cdr& c, rating::Money later);
  /// The columns of disconnect_attempt.insert, in order.
  Binder& disconnect_attempt(const billing::DisconnectAttempt& a);
  /// A row of ledger.insert: its columns, then the card id again (for after_cdr).
  Binder& ledger_entry(const billing::LedgerEntry& e);
  Binder& rate(const rating::Rate& r);

  unsigned next() const { return i_; }

 private:
  Binder& cdr_head(const billing::Cdr& c);  ///< cdr.insert's columns before balance_after
  sql::PreparedStatement& ps_;
  unsigned i_;
};

/// `text` with LIKE wildcards escaped, followed by '%': a prefix pattern.
std::string like_prefix(std::string_view text);

}  // namespace prepaid::mysql

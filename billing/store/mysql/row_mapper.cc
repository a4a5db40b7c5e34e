#include "billing/store/mysql/row_mapper.h"

#include <algorithm>

#include <cppconn/datatype.h>

#include "billing/store/store_error.h"

namespace prepaid::mysql {

using rating::Instant;
using rating::Money;

namespace {

template <class E>
E parsed(std::optional<E> value, std::string_view what, const std::string& text) {
  if (!value)
    throw billing::StoreError("unexpected " + std::string(what) + " '" + text +
                              "' in the database");
  return *value;
}

Instant at(std::int64_t s) {
  return Instant(std::chrono::seconds(s));
}
std::int64_t seconds_of(Instant t) {
  return t.time_since_epoch().count();
}

}  // namespace

// ---- RowMapper

std::int64_t RowMapper::i64() {
  return rs_.getInt64(col_++);
}
std::optional<std::int64_t> RowMapper::opt_i64() {
  const std::int64_t v = rs_.getInt64(col_++);
  if (rs_.wasNull()) return std::nullopt;
  return v;
}
std::uint32_t RowMapper::u32() {
  return static_cast<std::uint32_t>(rs_.getUInt64(col_++));
}
int RowMapper::i32() {
  return rs_.getInt(col_++);
}
bool RowMapper::boolean() {
  return rs_.getInt(col_++) != 0;
}
std::string RowMapper::text() {
  sql::SQLString s = rs_.getString(col_++);
  return std::string(s.c_str(), s.length());
}
std::optional<std::string> RowMapper::opt_text() {
  sql::SQLString s = rs_.getString(col_++);
  if (rs_.wasNull()) return std::nullopt;
  return std::string(s.c_str(), s.length());
}
Money RowMapper::money() {
  return Money::from_micros(i64());
}
std::optional<Money> RowMapper::opt_money() {
  auto v = opt_i64();
  if (!v) return std::nullopt;
  return Money::from_micros(*v);
}
Instant RowMapper::instant() {
  return at(i64());
}
std::optional<Instant> RowMapper::opt_instant() {
  auto v = opt_i64();
  if (!v) return std::nullopt;
  return at(*v);
}

billing::Card RowMapper::card() {
  billing::Card c;
  c.id = i64();
  c.number = text();
  c.pin = text();
  std::string kind = text();
  c.kind = parsed(billing::parse_card_kind(kind), "card kind", kind);
  std::string status = text();
  c.status = parsed(billing::parse_card_status(status), "card status", status);
  c.currency = text();
  c.tariff = text();
  c.balance = money();
  c.credit_limit = money();
  c.max_concurrent = u32();
  std::string activation = text();
  c.activation = parsed(billing::parse_activation_mode(activation), "activation", activation);
  c.validity_days = u32();
  c.batch = opt_i64();
  c.created_at = instant();
  c.activated_at = opt_instant();
  c.last_recharged_at = opt_instant();
  c.expires_at = opt_instant();
  c.pin_failures = u32();
  c.pin_failed_at = opt_instant();
  c.locked_until = opt_instant();
  return c;
}

billing::CardState RowMapper::card_for_call() {
  billing::CardState st;
  st.card = card();
  st.reserved = money();
  st.open_calls = u32();
  st.tariff_version = opt_i64().value_or(0);
  st.existing = opt_i64();
  if (auto state = opt_text()) st.existing_state = billing::parse_reservation_state(*state);
  st.card_version = i64();
  st.shop_booth = opt_i64().has_value();
  st.booth_open = opt_i64().has_value();
  const auto upstream_shop = opt_i64();
  const auto balance = opt_money();
  const auto currency = opt_text();
  const auto cost_tariff = opt_text();
  const auto cost_version = opt_i64();
  const Money held = money();
  if (upstream_shop && balance && currency && cost_tariff) {
    billing::UpstreamState u;
    u.shop_id = *upstream_shop;
    u.balance = *balance;
    u.held = held;
    u.currency = *currency;
    u.cost_tariff = *cost_tariff;
    u.cost_version = cost_version.value_or(0);
    st.upstream = std::move(u);
  }
  return st;
}

billing::NasClient RowMapper::nas_client() {
  billing::NasClient n;
  n.nas = text();
  n.dae_address = text();
  n.dae_port = static_cast<std::uint16_t>(u32());
  n.secret = text();
  n.created_at = instant();
  n.updated_at = instant();
  return n;
}

billing::DisconnectAttempt RowMapper::disconnect_attempt() {
  billing::DisconnectAttempt a;
  a.id = i64();
  a.at = instant();
  a.actor = text();
  std::string reason = text();
  a.reason = parsed(billing::parse_disconnect_reason(reason), "disconnect reason", reason);
  a.key.nas = text();
  a.key.session_id = text();
  a.reservation_id = opt_i64();
  a.card_number = text();
  a.dae_address = text();
  a.dae_port = static_cast<std::uint16_t>(u32());
  std::string outcome = text();
  a.outcome = parsed(dynauth::parse_outcome(outcome), "disconnect outcome", outcome);
  if (auto cause = opt_i64()) a.error_cause = static_cast<std::uint32_t>(*cause);
  a.attempts = u32();
  a.elapsed_ms = u32();
  a.detail = text();
  return a;
}

billing::Reservation RowMapper::reservation() {
  billing::Reservation r;
  r.id = i64();
  r.card_id = i64();
  r.card_number = text();
  r.key.nas = text();
  r.key.session_id = text();
  r.calling = text();
  r.nas_identity.user_name = text();
  r.nas_identity.acct_session_id = text();
  r.nas_identity.nas_ip_address = text();
  r.called = text();
  r.digits = text();
  r.destination = text();
  r.granted_s = u32();
  r.amount = money();
  r.currency = text();
  r.tariff = text();
  r.tariff_version = i64();
  r.tariff_snapshot = text();
  r.snapshot_sha256 = text();
  std::string state = text();
  r.state = parsed(billing::parse_reservation_state(state), "reservation state", state);
  r.created_at = instant();
  r.started_at = opt_instant();
  r.expires_at = instant();
  r.usage_s = u32();
  r.last_interim_at = opt_instant();
  r.closed_at = opt_instant();
  r.upstream_shop = opt_i64();
  r.upstream_hold = money();
  r.upstream_snapshot = text();
  return r;
}

billing::Cdr RowMapper::cdr() {
  billing::Cdr c;
  c.id = i64();
  c.card_id = i64();
  c.card_number = text();
  c.key.nas = text();
  c.key.session_id = text();
  c.calling = text();
  c.called = text();
  c.digits = text();
  c.destination = text();
  c.prefix = text();
  c.price_list = text();
  c.rule = text();
  c.setup_at = opt_instant();
  c.connect_at = opt_instant();
  c.end_at = opt_instant();
  c.call_at = instant();
  c.duration_s = u32();
  c.billed_s = u32();
  c.price = money();
  c.currency = text();
  c.rate = money();
  c.rate_unit_s = u32();
  c.connect_fee = money();
  c.buy_cost = opt_money();
  c.buy_currency = text();
  c.rating_detail = text();
  c.tariff = text();
  c.tariff_version = i64();
  c.from_snapshot = boolean();
  c.disconnect_cause = text();
  c.review = text();
  c.unbilled = money();
  c.recorded_at = instant();
  c.balance_after = opt_money();
  c.upstream_shop = opt_i64();
  c.upstream_cost = opt_money();
  return c;
}

billing::ShopUpstream RowMapper::shop_upstream() {
  billing::ShopUpstream u;
  u.shop_id = i64();
  u.currency = text();
  u.balance = money();
  u.warn_below = money();
  u.created_at = instant();
  u.updated_at = instant();
  return u;
}

billing::UpstreamEntry RowMapper::upstream_entry() {
  billing::UpstreamEntry e;
  e.id = i64();
  e.shop_id = i64();
  e.at = instant();
  std::string kind = text();
  e.kind = parsed(billing::parse_upstream_entry_kind(kind), "upstream entry kind", kind);
  e.amount = money();
  e.balance_after = opt_money();
  e.currency = text();
  e.actor = text();
  e.reason = text();
  e.reference = text();
  return e;
}

billing::Batch RowMapper::batch() {
  billing::Batch b;
  b.id = i64();
  b.created_at = instant();
  b.card_count = u32();
  b.amount = money();
  b.currency = text();
  b.tariff = text();
  std::string kind = text();
  b.kind = parsed(billing::parse_card_kind(kind), "card kind", kind);
  std::string activation = text();
  b.activation = parsed(billing::parse_activation_mode(activation), "activation", activation);
  b.validity_days = u32();
  b.actor = text();
  b.note = text();
  return b;
}

billing::LedgerEntry RowMapper::ledger_entry() {
  billing::LedgerEntry e;
  e.id = i64();
  e.card_id = i64();
  e.at = instant();
  std::string kind = text();
  e.kind = parsed(billing::parse_ledger_kind(kind), "ledger kind", kind);
  e.amount = money();
  e.balance_after = money();
  e.currency = text();
  e.actor = text();
  e.reason = text();
  e.reference = text();
  return e;
}

billing::TariffRecord RowMapper::tariff() {
  billing::TariffRecord t;
  t.id = i64();
  t.name = text();
  t.currency = text();
  t.time_zone = text();
  t.base_price_list = text();
  std::string method = text();
  t.rounding.method = parsed(rating::parse_rounding_method(method), "rounding method", method);
  t.rounding.decimals = i32();
  t.international_prefix = text();
  t.version = i64();
  t.updated_at = instant();
  return t;
}

rating::Rate RowMapper::rate() {
  rating::Rate r;
  r.prefix = text();
  r.destination = text();
  r.rate = money();
  r.rate_unit_s = u32();
  r.connect_fee = money();
  r.first_increment_s = u32();
  r.increment_s = u32();
  r.grace_s = u32();
  r.buy_rate = opt_money();
  if (auto code = opt_text()) {
    r.buy_currency = parsed(rating::Currency::from_code(*code), "buy currency", *code);
  }
  return r;
}

rating::PriceRule RowMapper::price_rule() {
  rating::PriceRule r;
  r.name = text();
  r.price_list = text();
  r.weekdays = rating::Weekdays::from_bits(static_cast<std::uint8_t>(u32()));
  r.time.from_s = u32();
  r.time.to_s = u32();
  r.on_holidays = boolean();
  r.priority = i32();
  return r;
}

rating::Holiday RowMapper::holiday() {
  rating::Holiday h;
  h.year = i32();
  h.month = u32();
  h.day = u32();
  h.name = text();
  return h;
}

billing::Operator RowMapper::op() {
  billing::Operator o;
  o.id = i64();
  o.name = text();
  std::string role = text();
  o.role = parsed(billing::parse_role(role), "role", role);
  o.shop_id = opt_i64();
  o.shop = text();
  o.created_at = instant();
  return o;
}

billing::Shop RowMapper::shop() {
  billing::Shop s;
  s.id = i64();
  s.name = text();
  s.currency = text();
  s.time_zone = text();
  s.retail_tariff = text();
  s.cost_tariff = opt_text();
  s.receipt_header = billing::split_header(text());
  s.rounding_step = money();
  std::string method = text();
  s.rounding = parsed(billing::parse_cash_rounding_method(method), "rounding_method", method);
  s.created_at = instant();
  s.updated_at = instant();
  return s;
}

billing::Shift RowMapper::shift() {
  billing::Shift s;
  s.id = i64();
  s.shop_id = i64();
  s.operator_name = text();
  s.opened_at = instant();
  s.opening_float = money();
  s.closed_at = opt_instant();
  s.counted = opt_money();
  s.expected = opt_money();
  s.shop = text();
  s.currency = text();
  return s;
}

billing::CashMovement RowMapper::cash_movement() {
  billing::CashMovement m;
  m.id = i64();
  m.shift_id = i64();
  m.at = instant();
  m.amount = money();
  std::string reason = text();
  m.reason = parsed(billing::parse_cash_reason(reason), "reason", reason);
  m.note = text();
  m.operator_name = text();
  return m;
}

billing::BoothSession RowMapper::booth_session() {
  billing::BoothSession s;
  s.id = i64();
  s.card_id = i64();
  s.shift_id = i64();
  std::string kind = text();
  s.kind = parsed(billing::parse_session_kind(kind), "kind", kind);
  s.amount = money();
  s.opened_at = instant();
  s.opened_by = text();
  s.closed_at = opt_instant();
  s.closed_by = text();
  s.closed_in = opt_i64();
  s.spent = opt_money();
  s.settled = opt_money();
  return s;
}

billing::Payment RowMapper::payment() {
  billing::Payment p;
  p.id = i64();
  p.shop_id = i64();
  p.receipt_number = static_cast<std::uint64_t>(i64());
  p.shift_id = i64();
  p.session_id = i64();
  p.card_id = i64();
  p.at = instant();
  p.operator_name = text();
  std::string method = text();
  p.method = parsed(billing::parse_payment_method(method), "method", method);
  p.calls_total = money();
  p.extras_total = money();
  p.rounding = money();
  p.total = money();
  p.deposit_applied = money();
  p.deposit_returned = money();
  p.tendered = money();
  p.paid = money();
  p.change = money();
  p.call_count = u32();
  p.final = boolean();
  p.receipt_json = text();
  p.receipt_text_40 = text();
  p.receipt_text_48 = text();
  p.undone_at = opt_instant();
  p.undone_by = text();
  p.undo_reason = text();
  return p;
}

billing::CallMark RowMapper::call_mark() {
  billing::CallMark m;
  m.cdr_id = i64();
  m.session_id = i64();
  std::string state = text();
  m.state = parsed(billing::parse_call_counter_state(state), "state", state);
  m.payment_id = opt_i64();
  m.reason = text();
  m.at = instant();
  m.operator_name = text();
  return m;
}

billing::Booth RowMapper::booth() {
  billing::Booth b;
  b.card_id = i64();
  b.shop_id = i64();
  b.label = text();
  b.created_at = instant();
  b.shop = text();
  b.number = text();
  std::string status = text();
  b.status = parsed(billing::parse_card_status(status), "status", status);
  return b;
}

billing::ApiToken RowMapper::token() {
  billing::ApiToken t;
  t.id = i64();
  t.operator_name = text();
  t.label = text();
  t.sha256_hex = text();
  t.created_at = instant();
  t.revoked_at = opt_instant();
  return t;
}

billing::AuditEntry RowMapper::audit() {
  billing::AuditEntry e;
  e.id = i64();
  e.at = instant();
  e.actor = text();
  std::string role = text();
  e.role = parsed(billing::parse_role(role), "role", role);
  e.source = text();
  e.action = text();
  e.object = text();
  e.before = text();
  e.after = text();
  return e;
}

// ---- Binder

Binder& Binder::i64(std::int64_t v) {
  ps_.setInt64(i_++, v);
  return *this;
}
Binder& Binder::padded_ids(std::span<const std::int64_t> ids, std::size_t rows) {
  for (std::size_t i = 0; i < rows; ++i) i64(ids.empty() ? 0 : ids[std::min(i, ids.size() - 1)]);
  return *this;
}
Binder& Binder::padded_pairs(std::span<const std::pair<std::int64_t, std::int64_t>> pairs,
                             std::size_t rows) {
  for (std::size_t i = 0; i < rows; ++i) {
    const auto p = pairs.empty() ? std::pair<std::int64_t, std::int64_t>{0, 0}
                                 : pairs[std::min(i, pairs.size() - 1)];
    i64(p.first).i64(p.second);
  }
  return *this;
}
Binder& Binder::padded_cases(std::span<const std::pair<std::int64_t, std::int64_t>> pairs,
                             std::size_t rows) {
  padded_pairs(pairs, rows);
  for (std::size_t i = 0; i < rows; ++i)
    i64(pairs.empty() ? 0 : pairs[std::min(i, pairs.size() - 1)].first);
  return *this;
}
Binder& Binder::opt_i64(const std::optional<std::int64_t>& v) {
  return v ? i64(*v) : null_i64();
}
Binder& Binder::null_i64() {
  ps_.setNull(i_++, sql::DataType::BIGINT);
  return *this;
}
Binder& Binder::u32(std::uint32_t v) {
  ps_.setUInt(i_++, v);
  return *this;
}
Binder& Binder::i32(int v) {
  ps_.setInt(i_++, v);
  return *this;
}
Binder& Binder::boolean(bool v) {
  ps_.setBoolean(i_++, v);
  return *this;
}
Binder& Binder::text(std::string_view v) {
  ps_.setString(i_++, sql::SQLString(v.data(), v.size()));
  return *this;
}
Binder& Binder::opt_text(const std::optional<std::string_view>& v) {
  if (v) return text(*v);
  ps_.setNull(i_++, sql::DataType::VARCHAR);
  return *this;
}
Binder& Binder::money(Money v) {
  return i64(v.micros());
}
Binder& Binder::opt_money(const std::optional<Money>& v) {
  return v ? money(*v) : null_i64();
}
Binder& Binder::instant(Instant v) {
  return i64(seconds_of(v));
}
Binder& Binder::opt_instant(const std::optional<Instant>& v) {
  return v ? instant(*v) : null_i64();
}

Binder& Binder::card(const billing::Card& c) {
  return text(c.number)
      .text(c.pin)
      .text(billing::to_string(c.kind))
      .text(billing::to_string(c.status))
      .text(c.currency)
      .text(c.tariff)
      .money(c.balance)
      .money(c.credit_limit)
      .u32(c.max_concurrent)
      .text(billing::to_string(c.activation))
      .u32(c.validity_days)
      .opt_i64(c.batch)
      .instant(c.created_at)
      .opt_instant(c.activated_at)
      .opt_instant(c.last_recharged_at)
      .opt_instant(c.expires_at)
      .u32(c.pin_failures)
      .opt_instant(c.pin_failed_at)
      .opt_instant(c.locked_until);
}

Binder& Binder::reservation(const billing::Reservation& r) {
  return i64(r.card_id)
      .text(r.key.nas)
      .text(r.key.session_id)
      .text(r.calling)
      .text(r.nas_identity.user_name)
      .text(r.nas_identity.acct_session_id)
      .text(r.nas_identity.nas_ip_address)
      .text(r.called)
      .text(r.digits)
      .text(r.destination)
      .u32(r.granted_s)
      .money(r.amount)
      .text(r.currency)
      .text(r.tariff)
      .i64(r.tariff_version)
      .text(r.snapshot_sha256)
      .text(billing::to_string(r.state))
      .instant(r.created_at)
      .opt_instant(r.started_at)
      .instant(r.expires_at)
      .u32(r.usage_s)
      .opt_instant(r.last_interim_at)
      .opt_instant(r.closed_at)
      .opt_i64(r.upstream_shop)
      .money(r.upstream_hold)
      .text(r.upstream_snapshot);
}

Binder& Binder::disconnect_attempt(const billing::DisconnectAttempt& a) {
  return instant(a.at)
      .text(a.actor)
      .text(billing::to_string(a.reason))
      .text(a.key.nas)
      .text(a.key.session_id)
      .opt_i64(a.reservation_id)
      .text(a.card_number)
      .text(a.dae_address)
      .u32(a.dae_port)
      .text(dynauth::to_string(a.outcome))
      .opt_i64(a.error_cause ? std::optional<std::int64_t>(*a.error_cause) : std::nullopt)
      .u32(a.attempts)
      .u32(a.elapsed_ms)
      .text(a.detail);
}

Binder& Binder::cdr(const billing::Cdr& c) {
  return cdr_head(c).opt_money(c.balance_after).opt_i64(c.upstream_shop).opt_money(c.upstream_cost);
}
Binder& Binder::cdr_balance_from_card(const billing::Cdr& c, rating::Money later) {
  return cdr_head(c)
      .i64(c.card_id)
      .money(later)
      .opt_i64(c.upstream_shop)
      .opt_money(c.upstream_cost);
}
Binder& Binder::cdr_head(const billing::Cdr& c) {
  return i64(c.card_id)
      .text(c.card_number)
      .text(c.key.nas)
      .text(c.key.session_id)
      .text(c.calling)
      .text(c.called)
      .text(c.digits)
      .text(c.destination)
      .text(c.prefix)
      .text(c.price_list)
      .text(c.rule)
      .opt_instant(c.setup_at)
      .opt_instant(c.connect_at)
      .opt_instant(c.end_at)
      .instant(c.call_at)
      .u32(c.duration_s)
      .u32(c.billed_s)
      .money(c.price)
      .text(c.currency)
      .money(c.rate)
      .u32(c.rate_unit_s)
      .money(c.connect_fee)
      .opt_money(c.buy_cost)
      .text(c.buy_currency)
      .text(c.rating_detail)
      .text(c.tariff)
      .i64(c.tariff_version)
      .boolean(c.from_snapshot)
      .text(c.disconnect_cause)
      .text(c.review)
      .money(c.unbilled)
      .instant(c.recorded_at);
}

Binder& Binder::ledger_entry(const billing::LedgerEntry& e) {
  return i64(e.card_id)
      .instant(e.at)
      .text(billing::to_string(e.kind))
      .money(e.amount)
      .money(e.balance_after)
      .text(e.currency)
      .text(e.actor)
      .text(e.reason)
      .text(e.reference)
      .i64(e.card_id);  // after_cdr's subquery (statements.cc, LEDGER_INSERT_ROW)
}

Binder& Binder::rate(const rating::Rate& r) {
  return text(r.prefix)
      .text(r.destination)
      .money(r.rate)
      .u32(r.rate_unit_s)
      .money(r.connect_fee)
      .u32(r.first_increment_s)
      .u32(r.increment_s)
      .u32(r.grace_s)
      .opt_money(r.buy_rate)
      .opt_text(r.buy_currency ? std::optional<std::string_view>(r.buy_currency->code())
                               : std::nullopt);
}

std::string like_prefix(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace prepaid::mysql

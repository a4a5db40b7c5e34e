// Operators, roles and API tokens (stored as SHA-256 only).
#include "billing/operators/operator_service.h"

#include <algorithm>

#include "billing/csprng.h"
#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/console_language.h"
#include "billing/operators/password_hash.h"
#include "billing/operators/permission.h"
#include "billing/operators/token_digest.h"

namespace prepaid::billing {

namespace {

std::optional<Problem> check_login_role(Role role) {
  if (role == Role::system)
    return refuse(ErrorCode::invalid_argument, "role must be operator or administrator")
        .about("role");
  return std::nullopt;
}

std::size_t administrators(Transaction& tx) {
  auto all = tx.list_operators();
  return static_cast<std::size_t>(std::count_if(
      all.begin(), all.end(), [](const Operator& o) { return o.role == Role::administrator; }));
}

}  // namespace

OperatorService::OperatorService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                                 int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(std::max(1, max_attempts)) {}

Result<Operator> OperatorService::add(const Actor& actor, std::string_view name, Role role) {
  if (auto p = require_admin(actor)) return *p;
  if (!is_name(name))
    return refuse(ErrorCode::invalid_argument, "operator names are 1..64 of [A-Za-z0-9._@-]")
        .about("name");
  if (auto p = check_login_role(role)) return *p;
  const auto now = clock_->now();
  try {
    return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Operator> {
      Operator op{0, std::string(name), role, now};
      tx.insert_operator(op);
      record_audit(tx, actor, now, "operator.add", "operator:" + op.name, "{}", audit_json(op));
      return op;
    });
  } catch (const StoreDuplicate&) {
    return refuse(ErrorCode::conflict, "operator '" + std::string(name) + "' exists");
  }
}

Result<Operator> OperatorService::set_role(const Actor& actor, std::string_view name, Role role) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_login_role(role)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Operator> {
    auto op = tx.find_operator(name);
    if (!op) return refuse(ErrorCode::not_found, "no operator '" + std::string(name) + "'");
    if (op->role == Role::administrator && role != Role::administrator && administrators(tx) == 1)
      return refuse(ErrorCode::failed_precondition, "'" + op->name + "' is the last administrator");
    const std::string before = audit_json(*op);
    op->role = role;
    tx.update_operator_role(name, role);
    record_audit(tx, actor, now, "operator.role", "operator:" + op->name, before, audit_json(*op));
    return *op;
  });
}

Result<std::string> OperatorService::remove(const Actor& actor, std::string_view name) {
  if (auto p = require_admin(actor)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<std::string> {
    auto op = tx.find_operator(name);
    if (!op) return refuse(ErrorCode::not_found, "no operator '" + std::string(name) + "'");
    if (op->role == Role::administrator && administrators(tx) == 1)
      return refuse(ErrorCode::failed_precondition, "'" + op->name + "' is the last administrator");
    tx.delete_operator(name, now);
    record_audit(tx, actor, now, "operator.remove", "operator:" + op->name, audit_json(*op), "{}");
    return op->name;
  });
}

Result<std::vector<Operator>> OperatorService::list(const Actor& actor) {
  if (auto p = require_admin(actor)) return *p;
  auto tx = store_->begin();
  auto all = tx->list_operators();
  tx->commit();
  return all;
}

Result<IssuedToken> OperatorService::create_token(const Actor& actor,
                                                  std::string_view operator_name,
                                                  std::string_view label) {
  if (auto p = require_admin(actor)) return *p;
  if (!is_printable(label, 128))
    return refuse(ErrorCode::invalid_argument, "label must be at most 128 printable characters")
        .about("label");
  const auto now = clock_->now();
  const std::string secret = "pp_" + random_hex(32);
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<IssuedToken> {
    auto op = tx.find_operator(operator_name);
    if (!op)
      return refuse(ErrorCode::not_found, "no operator '" + std::string(operator_name) + "'")
          .about("operator");
    ApiToken token{0, op->name, std::string(label), sha256_hex(secret), now, std::nullopt};
    tx.insert_token(token);
    record_audit(tx, actor, now, "token.create", "token:" + std::to_string(token.id), "{}",
                 audit_json(token));
    return IssuedToken{token, secret};
  });
}

Result<ApiToken> OperatorService::revoke_token(const Actor& actor, std::int64_t token_id) {
  if (auto p = require_admin(actor)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<ApiToken> {
    std::optional<ApiToken> token;
    for (auto& t : tx.list_tokens(""))
      if (t.id == token_id) token = t;
    if (!token) return refuse(ErrorCode::not_found, "no token " + std::to_string(token_id));
    if (!tx.revoke_token(token_id, now))
      return refuse(ErrorCode::failed_precondition,
                    "token " + std::to_string(token_id) + " is already revoked");
    const std::string before = audit_json(*token);
    token->revoked_at = now;
    record_audit(tx, actor, now, "token.revoke", "token:" + std::to_string(token_id), before,
                 audit_json(*token));
    return *token;
  });
}

Result<std::vector<ApiToken>> OperatorService::tokens(const Actor& actor,
                                                      std::string_view operator_name) {
  if (auto p = require_admin(actor)) return *p;
  auto tx = store_->begin();
  auto all = tx->list_tokens(operator_name);
  tx->commit();
  for (auto& t : all) t.sha256_hex.clear();
  return all;
}

std::optional<Actor> OperatorService::actor_for_token(std::string_view token,
                                                      std::string_view source) {
  if (token.size() < 16 || token.size() > 256) return std::nullopt;
  auto tx = store_->begin();
  auto stored = tx->find_token(sha256_hex(token));
  if (!stored || stored->revoked_at) return std::nullopt;
  auto op = tx->find_operator(stored->operator_name);
  tx->commit();
  if (!op) return std::nullopt;
  return Actor{op->name, op->role, std::string(source)};
}

Result<Operator> OperatorService::set_password(const Actor& actor, std::string_view name,
                                               std::string_view password) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_new_password(password)) return *p;
  const std::string hash = hash_password(password);  // slow: never under a transaction
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Operator> {
    auto op = tx.find_operator(name);
    if (!op) return refuse(ErrorCode::not_found, "no operator '" + std::string(name) + "'");
    const bool had = tx.operator_password(op->name).has_value();
    tx.set_operator_password(op->name, hash);
    record_audit(tx, actor, now, "operator.password", "operator:" + op->name,
                 had ? R"({"password":"***"})" : "{}", R"({"password":"***"})");
    return *op;
  });
}

Result<Operator> OperatorService::set_language(const Actor& actor, std::string_view name,
                                               std::string_view language) {
  if (actor.role != Role::administrator && actor.name != name)
    return refuse(ErrorCode::forbidden, "an operator sets only its own language");
  if (!is_console_language(language))
    return refuse(ErrorCode::invalid_argument,
                  "language must be en, bg, pt-BR or browser (the browser's own languages)")
        .about("language");
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<Operator> {
    auto op = tx.find_operator(name);
    if (!op) return refuse(ErrorCode::not_found, "no operator '" + std::string(name) + "'");
    const std::string before = tx.operator_language(op->name);
    if (before == language) return *op;  // nothing to change, nothing to audit
    tx.set_operator_language(op->name, language);
    // Both are console languages (checked above, and when stored): nothing to escape.
    record_audit(tx, actor, now, "operator.language", "operator:" + op->name,
                 R"({"language":")" + before + R"("})",
                 R"({"language":")" + std::string(language) + R"("})");
    return *op;
  });
}

std::string OperatorService::language_of(std::string_view name) {
  if (!is_name(name)) return {};
  auto tx = store_->begin();
  std::string language = tx->operator_language(name);
  tx->commit();
  return language;
}

std::optional<Actor> OperatorService::login(std::string_view name, std::string_view password,
                                            std::string_view source) {
  std::optional<Operator> op;
  std::optional<std::string> stored;
  if (is_name(name) && password.size() <= 1024) {
    auto tx = store_->begin();
    op = tx->find_operator(name);
    if (op) stored = tx->operator_password(op->name);
    tx->commit();
  }
  const bool ok = stored ? password_matches(*stored, password) : false;
  if (!stored) spend_password_time(password.substr(0, 128));
  const auto now = clock_->now();
  const std::string who = is_name(name) ? std::string(name) : std::string("?");
  const Actor actor =
      ok ? Actor{op->name, op->role, std::string(source)} : Actor::system(std::string(source));
  run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<bool> {
    record_audit(tx, actor, now, ok ? "session.login" : "session.login_failed", "operator:" + who,
                 "{}", "{}");
    return true;
  });
  if (!ok) return std::nullopt;
  return actor;
}

void OperatorService::record_logout(const Actor& actor) {
  const auto now = clock_->now();
  run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<bool> {
    record_audit(tx, actor, now, "session.logout", "operator:" + actor.name, "{}", "{}");
    return true;
  });
}

std::optional<Actor> OperatorService::actor_for_operator(std::string_view name,
                                                         std::string_view source) {
  if (!is_name(name)) return std::nullopt;
  auto tx = store_->begin();
  auto op = tx->find_operator(name);
  tx->commit();
  if (!op) return std::nullopt;
  return Actor{op->name, op->role, std::string(source)};
}

}  // namespace prepaid::billing

#pragma once
/// @file operator_service.h
/// @brief OperatorService: operators (with roles) and their API tokens.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/operators/actor.h"
#include "billing/operators/operator.h"
#include "billing/result.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief A new API token: its stored record and the token itself (shown once).
struct IssuedToken {
  ApiToken token;
  std::string secret;  ///< "pp_" + 64 hex digits (256 random bits); only its SHA-256 is stored
};

/// @brief Operator and token administration (administrators or the system actor), and the
/// look-ups the CLI and the API use to turn a login into an Actor. Thread-safe.
class OperatorService {
 public:
  explicit OperatorService(std::shared_ptr<Store> store,
                           std::shared_ptr<const Clock> clock = nullptr, int max_attempts = 5);

  Result<Operator> add(const Actor& actor, std::string_view name, Role role);
  Result<Operator> set_role(const Actor& actor, std::string_view name, Role role);
  /// Removes an operator and revokes its tokens. The last administrator cannot be removed.
  Result<std::string> remove(const Actor& actor, std::string_view name);
  Result<std::vector<Operator>> list(const Actor& actor);

  Result<IssuedToken> create_token(const Actor& actor, std::string_view operator_name,
                                   std::string_view label);
  Result<ApiToken> revoke_token(const Actor& actor, std::int64_t token_id);
  /// Tokens of one operator (empty name: all), without secrets.
  Result<std::vector<ApiToken>> tokens(const Actor& actor, std::string_view operator_name);

  /// The Actor of an API request bearing `token` from `source`; nullopt when the token is
  /// unknown, revoked, or its operator was removed. Compares hashes only.
  std::optional<Actor> actor_for_token(std::string_view token, std::string_view source);
  /// Sets (or replaces) an operator's console password (administrators). Refuses a weak
  /// one (check_new_password) and changes nothing then; audited without the password or its
  /// hash ("operator.password").
  Result<Operator> set_password(const Actor& actor, std::string_view name,
                                std::string_view password);
  /// The Actor of a console login by name and password from `source` ("console 10.0.0.5"),
  /// nullopt when the name is unknown, has no password or the password is wrong — the same
  /// answer after the same work (an Argon2id verification) in every case. Audited both ways:
  /// "session.login" by the operator, "session.login_failed" by the system naming the
  /// operator (never the password).
  std::optional<Actor> login(std::string_view name, std::string_view password,
                             std::string_view source);
  /// Sets an operator's console language: "en", "bg", "pt-BR", or "" to follow the browser's
  /// (administrators: anyone's; operators: their own). Anything else is refused (field
  /// "language") and changes nothing; a change is audited ("operator.language").
  Result<Operator> set_language(const Actor& actor, std::string_view name,
                                std::string_view language);
  /// The operator's console language ("" : the browser's, or no such operator).
  std::string language_of(std::string_view name);
  /// Audits a console logout ("session.logout") by `actor`.
  void record_logout(const Actor& actor);
  /// The Actor for a named operator (the CLI's --as NAME); nullopt when unknown.
  std::optional<Actor> actor_for_operator(std::string_view name, std::string_view source);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing

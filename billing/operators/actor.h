#pragma once
/// @file actor.h
/// @brief Actor and Role: who performs a mutation, for permissions, the ledger and the audit log.

#include <optional>
#include <string>
#include <string_view>

namespace prepaid::billing {

/// @brief What an operator may do. Enforced in the services, so the CLI and the API agree.
///
/// - `operator_`: recharge cards, view calls and online sessions, list and show cards (never
///   their PINs), view a card's ledger.
/// - `administrator`: everything.
/// - `system`: the RADIUS path and internal sweeps (not a login role).
enum class Role { operator_, administrator, system };

std::string_view to_string(Role role);                  ///< "operator", "administrator", "system"
std::optional<Role> parse_role(std::string_view text);  ///< inverse of to_string

/// @brief Who does something: an operator's name and role, and where the request came from.
struct Actor {
  std::string name;  ///< operator name ("alice"), or "radius" / "system"
  Role role = Role::operator_;
  std::string
      source;  ///< source address ("127.0.0.1", "cli", "api 10.0.0.5"), never empty in audit

  /// The actor of the RADIUS path and of automatic sweeps.
  static Actor system(std::string source = "system") {
    return Actor{"system", Role::system, std::move(source)};
  }
};

}  // namespace prepaid::billing

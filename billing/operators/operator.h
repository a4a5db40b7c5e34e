#pragma once
/// @file operator.h
/// @brief Operator and ApiToken: the people (and scripts) allowed to manage the system.

#include <cstdint>
#include <optional>
#include <string>

#include "billing/operators/actor.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief A named user of the CLI and the API, with a role.
struct Operator {
  std::int64_t id = 0;
  std::string name;             ///< 1..64 characters [A-Za-z0-9._@-]
  Role role = Role::operator_;  ///< operator_ or administrator
  rating::Instant created_at{};
  /// The shop whose counter the operator works (an id of billing/shops/shop.h), if any, and
  /// its name (read with it).
  std::optional<std::int64_t> shop_id{};
  std::string shop{};
};

/// @brief An API token of an operator. Only the SHA-256 of the token is stored; the token
/// itself is shown once, when created.
struct ApiToken {
  std::int64_t id = 0;
  std::string operator_name;
  std::string label;       ///< what it is for ("billing-web")
  std::string sha256_hex;  ///< 64 lowercase hex digits (never the token)
  rating::Instant created_at{};
  std::optional<rating::Instant> revoked_at;
};

}  // namespace prepaid::billing

#pragma once
/// @file permission.h
/// @brief Who may do what, checked by every admin service (internal): the CLI and the API get
/// the same answers because they call the same services.

#include <optional>
#include <string>

#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/store/store.h"
#include "billing/validation.h"

namespace prepaid::billing {

/// Refuses a malformed actor (empty or overlong name, control characters in the source).
inline std::optional<Problem> check_actor(const Actor& actor) {
  if (actor.name.empty() || !is_printable(actor.name, 64))
    return refuse(ErrorCode::invalid_argument, "actor name must be 1..64 printable characters");
  if (!is_printable(actor.source, 128))
    return refuse(ErrorCode::invalid_argument,
                  "actor source must be at most 128 printable characters");
  return std::nullopt;
}

/// Operators and administrators (and the system).
inline std::optional<Problem> require_staff(const Actor& actor) {
  return check_actor(actor);
}

/// Administrators (and the system) only.
inline std::optional<Problem> require_admin(const Actor& actor) {
  if (auto p = check_actor(actor)) return p;
  if (actor.role == Role::operator_)
    return refuse(ErrorCode::forbidden,
                  "operator '" + actor.name + "' may not do this: administrators only");
  return std::nullopt;
}

/// Refuses pages outside 1..10000 rows (about the "limit" of a listing).
inline std::optional<Problem> check_page(const Page& page) {
  if (page.limit == 0 || page.limit > 10000)
    return refuse(ErrorCode::invalid_argument, "page limit must be 1..10000").about("limit");
  return std::nullopt;
}

}  // namespace prepaid::billing

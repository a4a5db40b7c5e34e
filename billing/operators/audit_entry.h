#pragma once
/// @file audit_entry.h
/// @brief AuditEntry: one mutation, who made it, from where, and the values before and after.

#include <cstdint>
#include <string>

#include "billing/operators/actor.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// @brief An audit row, written in the same transaction as the mutation it records. Secrets
/// (PINs, tokens) appear only as "***".
struct AuditEntry {
  std::int64_t id = 0;
  rating::Instant at{};
  std::string actor;  ///< operator name, "system" or "radius"
  Role role = Role::system;
  std::string source;  ///< source address of the request
  std::string action;  ///< "card.recharge", "batch.create", "tariff.import", …
  std::string object;  ///< what it acted on: "card:100012345678", "tariff:retail", …
  std::string before;  ///< JSON object of the changed values before ("{}" when created)
  std::string after;   ///< JSON object after ("{}" when deleted)
};

}  // namespace prepaid::billing

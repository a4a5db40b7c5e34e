#pragma once
/// @file audit_log.h
/// @brief AuditLog: writing audit rows (inside the mutation's transaction) and listing them.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "billing/operators/actor.h"
#include "billing/operators/audit_entry.h"
#include "billing/clock.h"
#include "billing/result.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// Writes an audit row in `tx`. `before` and `after` are JSON objects ("{}" when nothing):
/// build them with the audit_json helpers, which mask secrets.
void record_audit(Transaction& tx, const Actor& actor, rating::Instant at, std::string_view action,
                  std::string_view object, std::string before, std::string after);

/// @brief Reading the audit log (administrators only).
class AuditLog {
 public:
  explicit AuditLog(std::shared_ptr<Store> store);
  Result<std::vector<AuditEntry>> list(const Actor& actor, const AuditFilter& filter,
                                       const Page& page);

 private:
  std::shared_ptr<Store> store_;
};

}  // namespace prepaid::billing

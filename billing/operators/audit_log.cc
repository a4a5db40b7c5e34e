#include "billing/operators/audit_log.h"

#include "billing/operators/permission.h"

namespace prepaid::billing {

void record_audit(Transaction& tx, const Actor& actor, rating::Instant at, std::string_view action,
                  std::string_view object, std::string before, std::string after) {
  AuditEntry e;
  e.at = at;
  e.actor = actor.name;
  e.role = actor.role;
  e.source = actor.source.empty() ? std::string("unknown") : actor.source;
  e.action = std::string(action);
  e.object = std::string(object);
  e.before = before.empty() ? "{}" : std::move(before);
  e.after = after.empty() ? "{}" : std::move(after);
  tx.insert_audit(e);
}

AuditLog::AuditLog(std::shared_ptr<Store> store) : store_(std::move(store)) {}

Result<std::vector<AuditEntry>> AuditLog::list(const Actor& actor, const AuditFilter& filter,
                                               const Page& page) {
  if (actor.role == Role::operator_)
    return refuse(ErrorCode::forbidden, "the audit log is for administrators");
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  auto rows = tx->list_audit(filter, page);
  tx->commit();
  return rows;
}

}  // namespace prepaid::billing

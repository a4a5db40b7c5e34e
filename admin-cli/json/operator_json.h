#pragma once
/// @file operator_json.h
/// @brief JSON of operators, API tokens (never their hash) and audit rows.

#include <nlohmann/json.hpp>

#include "billing/operators/audit_entry.h"
#include "billing/operators/operator.h"
#include "billing/operators/operator_service.h"

namespace prepaid::cli {

nlohmann::json operator_json(const billing::Operator& op);
/// A token's record: id, operator, label, created_at, revoked_at — never its hash.
nlohmann::json token_json(const billing::ApiToken& token);
/// token_json plus "token": the secret, shown once.
nlohmann::json issued_token_json(const billing::IssuedToken& issued);
/// An audit row; "before" and "after" as JSON objects (as stored, secrets already masked).
nlohmann::json audit_entry_json(const billing::AuditEntry& entry);

}  // namespace prepaid::cli

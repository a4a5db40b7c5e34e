#include "admin-cli/json/operator_json.h"

#include <string>

#include "admin-cli/command/instant_text.h"

namespace prepaid::cli {
namespace {

/// Stored audit JSON as a value; text that does not parse stays a string.
nlohmann::json stored_json(const std::string& text) {
  if (text.empty()) return nlohmann::json::object();
  auto value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? nlohmann::json(text) : value;
}

}  // namespace

nlohmann::json operator_json(const billing::Operator& op) {
  return {{"name", op.name},
          {"role", std::string(to_string(op.role))},
          {"shop", op.shop_id ? nlohmann::json(op.shop) : nlohmann::json(nullptr)},
          {"created_at", instant_text(op.created_at)}};
}

nlohmann::json token_json(const billing::ApiToken& token) {
  return {{"id", token.id},
          {"operator", token.operator_name},
          {"label", token.label},
          {"created_at", instant_text(token.created_at)},
          {"revoked_at", token.revoked_at ? nlohmann::json(instant_text(*token.revoked_at))
                                          : nlohmann::json(nullptr)}};
}

nlohmann::json issued_token_json(const billing::IssuedToken& issued) {
  auto j = token_json(issued.token);
  j["token"] = issued.secret;
  return j;
}

nlohmann::json audit_entry_json(const billing::AuditEntry& entry) {
  return {{"id", entry.id},
          {"at", instant_text(entry.at)},
          {"actor", entry.actor},
          {"role", std::string(to_string(entry.role))},
          {"source", entry.source},
          {"action", entry.action},
          {"object", entry.object},
          {"before", stored_json(entry.before)},
          {"after", stored_json(entry.after)}};
}

}  // namespace prepaid::cli

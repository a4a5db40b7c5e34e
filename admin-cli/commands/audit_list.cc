// `prepaidctl audit list` / GET /v1/audit: the audit log, newest first (AuditLog::list).
#include <chrono>
#include <ostream>
#include <string_view>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/json_text.h"
#include "admin-cli/json/operator_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto zone = kit::read_zone(r.input);
  billing::AuditFilter filter;
  filter.from = r.input.optional_instant("from", zone);
  filter.to = r.input.optional_instant("to", zone);
  filter.actor = r.input.text_or("actor", "");
  filter.action_prefix = r.input.text_or("action", "");
  filter.object = r.input.text_or("object", "");
  return reply_with(r.services.audit().list(r.who(), filter, kit::read_page(r.input)),
                    [](const std::vector<billing::AuditEntry>& entries) {
                      nlohmann::json out = nlohmann::json::array();
                      for (const auto& e : entries) out.push_back(audit_entry_json(e));
                      return nlohmann::json{{"entries", out}};
                    });
}

/// The stored before/after JSON with its instants ("…_at": seconds since 1970, as the API
/// keeps them) shown as times: "2026-03-02T12:00:00Z".
nlohmann::json readable_times(nlohmann::json value) {
  if (value.is_array()) {
    for (auto& item : value) item = readable_times(std::move(item));
  } else if (value.is_object()) {
    for (auto& [key, item] : value.items()) {
      const std::string_view k = key;
      const bool instant = k.size() > 3 && k.substr(k.size() - 3) == "_at";
      if (instant && item.is_number_integer()) {
        item = instant_text(rating::Instant(std::chrono::seconds(item.get<std::int64_t>())));
      } else {
        item = readable_times(std::move(item));
      }
    }
  }
  return value;
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"ID", true}, {"AT"}, {"ACTOR"}, {"SOURCE"}, {"ACTION"}, {"OBJECT"}, {"CHANGE"}});
  for (const auto& e : reply.body["entries"]) {
    table.add(
        {kit::cell(e["id"]), kit::cell(e["at"]), kit::cell(e["actor"]), kit::cell(e["source"]),
         kit::cell(e["action"]), kit::cell(e["object"]),
         json_text(readable_times(e["before"])) + " -> " + json_text(readable_times(e["after"]))});
  }
  table.print(out);
}

}  // namespace

Command audit_list_command() {
  return Command{
      .words = {"audit", "list"},
      .summary = "The audit log, newest first (administrators)",
      .example = "prepaidctl --as alice audit list --actor bob --action card. --from 2026-03-01",
      .method = "GET",
      .path = "/v1/audit",
      .params = kit::with_page({
          Param{.name = "from", .type = ParamType::instant, .help = "rows at or after"},
          Param{.name = "to", .type = ParamType::instant, .help = "rows before"},
          Param{.name = "zone", .help = "IANA zone of local dates and times (default UTC)"},
          Param{.name = "actor", .help = "only this operator"},
          Param{.name = "action", .help = "actions starting with this (card., card.recharge)"},
          Param{.name = "object", .help = "only this object (card:100012345678, tariff:retail)"},
      }),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

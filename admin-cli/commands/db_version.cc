// `prepaidctl db version` / GET /v1/db/version: the database's schema version and the one this
// software expects (mysql::Schema::version).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  auto schema = r.services.schema();
  const int version = schema.version();
  auto reply = Reply::json({{"version", version},
                            {"expected", schema.expected_version()},
                            {"up_to_date", version == schema.expected_version()}});
  if (version != schema.expected_version()) reply.exit = ExitCode::check_failed;
  return reply;
}

void render(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body;
  out << "database schema version " << kit::cell(b["version"]) << ", this software expects "
      << kit::cell(b["expected"]);
  if (b["version"] == 0)
    out << " (no schema: run `prepaidctl db init`)";
  else if (!b["up_to_date"].get<bool>())
    out << " (run `prepaidctl db upgrade`)";
  out << "\n";
}

}  // namespace

Command db_version_command() {
  return Command{
      .words = {"db", "version"},
      .summary = "Show the database's schema version and the expected one (exit 7 if they differ)",
      .example = "prepaidctl db version",
      .method = "GET",
      .path = "/v1/db/version",
      .params = {},
      .needs_actor = false,
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

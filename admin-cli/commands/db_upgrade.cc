// `prepaidctl db upgrade`: applies the migrations the database lacks (mysql::Schema::upgrade).
// Command line only: run it with the database login before starting the new version.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  auto schema = r.services.schema();
  if (schema.version() == 0) {
    return billing::refuse(billing::ErrorCode::failed_precondition,
                           "the database has no prepaid schema: run `prepaidctl db init`");
  }
  const auto applied = schema.upgrade();
  return Reply::json({{"applied", applied}, {"version", schema.version()}});
}

void render(const Reply& reply, std::ostream& out) {
  const auto& applied = reply.body["applied"];
  if (applied.empty()) {
    out << "schema up to date (version " << kit::cell(reply.body["version"]) << ")\n";
  } else {
    out << "applied " << applied.size() << " migration(s); schema now at version "
        << kit::cell(reply.body["version"]) << "\n";
  }
}

}  // namespace

Command db_upgrade_command() {
  return Command{
      .words = {"db", "upgrade"},
      .summary = "Apply the schema migrations the database lacks",
      .example = "prepaidctl --config /etc/prepaid/prepaidctl.conf db upgrade",
      .params = {},
      .needs_actor = false,
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

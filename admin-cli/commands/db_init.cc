// `prepaidctl db init`: creates the schema when the database has none, and the first
// administrator (and a first API token) — the bootstrap. Command line only: it acts with the
// database login, before any operator exists.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  auto schema = r.services.schema();
  nlohmann::json out = {{"created_schema", false}, {"admin", nullptr}, {"token", nullptr}};
  const int version = schema.version();
  if (version == 0) {
    r.progress("creating the schema");
    out["version"] = schema.init();
    out["created_schema"] = true;
  } else if (version != schema.expected_version()) {
    return billing::refuse(billing::ErrorCode::failed_precondition,
                           "the database has schema version " + std::to_string(version) +
                               ", this prepaidctl expects " +
                               std::to_string(schema.expected_version()) +
                               ": run `prepaidctl db upgrade`");
  } else {
    out["version"] = version;
  }
  if (auto name = r.input.optional_text("admin")) {
    // The database login is the root of trust: whoever has it may make an administrator.
    const auto system = billing::Actor::system("cli db init");
    auto added = r.services.operators().add(system, *name, billing::Role::administrator);
    if (!added) return added.problem();
    out["admin"] = operator_json(*added);
    if (r.input.flag("token")) {
      auto token = r.services.operators().create_token(system, *name, "bootstrap");
      if (!token) return token.problem();
      out["token"] = issued_token_json(*token);
    }
  } else if (r.input.flag("token")) {
    throw InputError("token", "--token needs --admin NAME");
  }
  return Reply::json(std::move(out));
}

void render(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body;
  out << (b["created_schema"].get<bool>() ? "created schema version "
                                          : "schema already at version ")
      << kit::cell(b["version"]) << "\n";
  if (!b["admin"].is_null()) out << "administrator " << kit::cell(b["admin"]["name"]) << " added\n";
  if (!b["token"].is_null()) {
    out << "API token (shown once): " << kit::cell(b["token"]["token"]) << "\n";
  }
}

}  // namespace

Command db_init_command() {
  return Command{
      .words = {"db", "init"},
      .summary = "Create the schema (if the database has none) and the first administrator",
      .example = "prepaidctl db init --admin alice --token",
      .params = {Param{.name = "admin",
                       .help = "add this administrator (works on an initialised "
                               "database too: the database login is the root of "
                               "trust)"},
                 Param{.name = "token",
                       .type = ParamType::boolean,
                       .help = "also create an API token for --admin (shown once)"}},
      .needs_actor = false,
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli

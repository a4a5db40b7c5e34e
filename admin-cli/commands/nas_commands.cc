#include "admin-cli/commands/nas_commands.h"

#include <fstream>

#include "admin-cli/command/input.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli::nas_views {

std::optional<std::string> read_secret(const Input& input) {
  auto secret = input.optional_text("secret");
  const auto file = input.optional_text("secret_file");
  if (secret && file) throw InputError("secret", "give --secret or --secret-file, not both");
  if (!file) return secret;
  std::ifstream in(*file);
  std::string line;
  if (!in || !std::getline(in, line))
    throw InputError("secret_file", "cannot read the secret from " + *file);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

std::optional<dynauth::RetryPolicy> read_policy(const Input& input) {
  const auto timeout = input.optional_integer("timeout_ms", 100, 30000);
  const auto tries = input.optional_integer("tries", 1, 10);
  if (!timeout && !tries) return std::nullopt;
  dynauth::RetryPolicy p;
  if (timeout) p.timeout = std::chrono::milliseconds(*timeout);
  if (tries) p.tries = static_cast<unsigned>(*tries);
  return p;
}

std::vector<Param> policy_params() {
  return {Param{.name = "timeout_ms",
                .type = ParamType::integer,
                .help = "wait this long for each answer, 100..30000 ms (default 2000)"},
          Param{.name = "tries",
                .type = ParamType::integer,
                .help = "send the request at most this many times, 1..10 (default 3)"}};
}

std::vector<Param> secret_params() {
  return {Param{.name = "secret",
                .help = "the secret the NAS expects on Disconnect-Requests (prefer --secret-file)"},
          Param{.name = "secret_file",
                .help = "read the secret from the first line of this file",
                .cli_only = true}};
}

void render_nas(const Reply& reply, std::ostream& out) {
  kit::print_object(reply.body, out);
}

void render_attempts(const Reply& reply, std::ostream& out) {
  Table table({{"CARD"},
               {"NAS"},
               {"SESSION"},
               {"OUTCOME"},
               {"ERROR-CAUSE"},
               {"TRIES", true},
               {"MS", true},
               {"DETAIL"}});
  for (const auto& a : reply.body["attempts"]) {
    std::string cause = "-";
    if (!a["error_cause"].is_null())
      cause = kit::cell(a["error_cause"]) + " " + kit::cell(a["error_cause_name"]);
    table.add({kit::cell(a["card"]), kit::cell(a["nas"]), kit::cell(a["session_id"]),
               kit::cell(a["outcome"]), cause, kit::cell(a["attempts"]), kit::cell(a["elapsed_ms"]),
               kit::cell(a["detail"])});
  }
  table.print(out);
}

}  // namespace prepaid::cli::nas_views

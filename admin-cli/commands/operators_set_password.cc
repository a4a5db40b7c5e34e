// `prepaidctl operators set-password NAME` / PUT /v1/operators/{name}/password: an operator's
// console password (OperatorService::set_password). On the command line the password is read
// from the terminal (twice, not echoed) or from standard input, never from the arguments.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "admin-cli/cli/cli_context.h"
#include "admin-cli/cli/direct_command.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"

namespace prepaid::cli {
namespace {

/// One line of standard input without its end of line; echo off when it is a terminal.
std::string read_secret_line(bool terminal) {
  termios saved{};
  const bool quiet = terminal && ::tcgetattr(0, &saved) == 0;
  if (quiet) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(0, TCSAFLUSH, &silent);
  }
  std::string line;
  std::getline(std::cin, line);
  if (quiet) ::tcsetattr(0, TCSAFLUSH, &saved);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

Command operators_set_password_command() {
  return Command{
      .words = {"operators", "set-password"},
      .summary = "Set an operator's web console password (read from standard input)",
      .example = "printf '%s\\n' \"$PASSWORD\" | prepaidctl --as alice operators set-password olga",
      .method = "PUT",
      .path = "/v1/operators/{name}/password",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name", .required = true, .help = "operator name"},
                 Param{.name = "password",
                       .required = true,
                       .help = "the new password (10..128 characters)"}},
      .cli_through = "operators set-password NAME (password on standard input)",
      .run =
          [](const Request& r) {
            return reply_with(r.services.operators().set_password(r.who(), r.input.text("name"),
                                                                  r.input.text("password")),
                              operator_json);
          },
      .render =
          [](const Reply& reply, std::ostream& out) {
            out << "password set for " << reply.body.value("name", "") << '\n';
          },
  };
}

DirectCommand add_set_password_command(CLI::App& app, CliContext& ctx) {
  auto name = std::make_shared<std::string>();
  CLI::App* group = nullptr;
  try {
    group = app.get_subcommand("operators");
  } catch (const CLI::OptionNotFound&) {
    group = app.add_subcommand("operators", "Operators of the CLI and the API, with their roles");
    group->require_subcommand(1);
    group->fallthrough();
  }
  CLI::App* sub = group->add_subcommand(
      "set-password", "Set an operator's web console password (read from standard input)");
  sub->fallthrough();
  sub->add_option("name", *name, "operator name")->required();
  sub->footer(
      "The password is read from the terminal (asked twice, not shown) or, when standard input\n"
      "is not a terminal, as its first line. It is never an argument (ps would show it).\n"
      "Example:\n"
      "  prepaidctl --as alice operators set-password olga\n"
      "  printf '%s\\n' \"$PASSWORD\" | prepaidctl --as alice operators set-password olga\n"
      "API: PUT /v1/operators/{name}/password");
  return DirectCommand{sub, [&ctx, name] {
                         const bool terminal = ::isatty(0) == 1;
                         if (terminal)
                           ctx.err << "new password for " << *name << ": " << std::flush;
                         std::string password = read_secret_line(terminal);
                         if (terminal) {
                           ctx.err << "\nagain: " << std::flush;
                           const std::string again = read_secret_line(true);
                           ctx.err << '\n';
                           if (again != password) {
                             ctx.err << "prepaidctl: the two passwords differ; nothing changed\n";
                             return static_cast<int>(ExitCode::usage);
                           }
                         }
                         nlohmann::json values = {{"name", *name}, {"password", password}};
                         return ctx.run(command_named("operators set-password"), std::move(values));
                       }};
}

}  // namespace prepaid::cli

#include "admin-cli/cli/cli_app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include "admin-cli/cli/cli_context.h"
#include "admin-cli/cli/command_line.h"
#include "admin-cli/cli/command_words.h"
#include "admin-cli/cli/direct_command.h"
#include "admin-cli/cli/progress.h"
#include "admin-cli/command/command.h"
#include "admin-cli/json/json_text.h"
#include "billing/store/store_error.h"

namespace prepaid::cli {
namespace {

/// One table command bound to its CLI11 subcommand and the strings its options fill.
struct Bound {
  const Command* command = nullptr;
  CLI::App* app = nullptr;
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> lists;
  std::map<std::string, bool> flags;
  std::map<std::string, CLI::Option*> options;
};

std::string dashed(std::string name) {
  for (char& c : name)
    if (c == '_') c = '-';
  return name;
}

bool in_path(const Command& c, const Param& p) {
  return c.path.find("{" + p.name + "}") != std::string::npos;
}

std::string type_name(const Param& p) {
  switch (p.type) {
    case ParamType::integer:
      return "N";
    case ParamType::money:
      return "AMOUNT";
    case ParamType::choice:
      return "CHOICE";
    case ParamType::instant:
      return "TIME";
    case ParamType::raw:
      return "FILE";
    default:
      return "TEXT";
  }
}

std::string help_of(const Param& p) {
  std::string help = p.help;
  if (p.type == ParamType::choice) {
    std::string list;
    for (const auto& c : p.choices) list += (list.empty() ? "" : ", ") + c;
    help += " (one of: " + list + ")";
  }
  if (p.type == ParamType::raw) help += " ('-' reads standard input)";
  return help;
}

const char* group_summary(const std::string& word) {
  static const std::map<std::string, const char*> kGroups = {
      {"db", "Create, upgrade and check the database schema"},
      {"cards", "Create, list, recharge, enable/disable/drop cards; PINs; ledgers"},
      {"batches", "Batches of cards created together"},
      {"tariffs", "Tariffs: create, list, import/export whole tariff files"},
      {"pricelists", "Price lists (CSV rate decks) of a tariff: import, export, list, remove"},
      {"rates", "Single rates of a price list: list, set, remove"},
      {"rules", "Price rules of a tariff (time of day, weekdays, holidays)"},
      {"holidays", "Holidays of a tariff"},
      {"calls", "Rated calls (CDRs): list, export as CSV"},
      {"operators", "Operators of the CLI and the API, with their roles"},
      {"tokens", "API tokens of operators"},
      {"audit", "The audit log of every change"},
  };
  const auto it = kGroups.find(word);
  return it == kGroups.end() ? "" : it->second;
}

CLI::App* group(CLI::App& root, const std::vector<std::string>& words, std::size_t depth) {
  CLI::App* at = &root;
  for (std::size_t i = 0; i < depth; ++i) {
    CLI::App* next = nullptr;
    try {
      next = at->get_subcommand(words[i]);
    } catch (const CLI::OptionNotFound&) {
      next = at->add_subcommand(words[i], group_summary(words[i]));
      next->require_subcommand(1);
      next->fallthrough();
    }
    at = next;
  }
  return at;
}

void bind(CLI::App& root, Bound& b) {
  const Command& c = *b.command;
  CLI::App* parent = group(root, c.words, c.words.size() - 1);
  b.app = parent->add_subcommand(c.words.back(), c.summary);
  b.app->fallthrough();
  std::string footer = "Example:\n  " + c.example;
  if (c.has_route()) footer += "\nAPI: " + c.method + " " + c.path;
  b.app->footer(footer + "\n\n" + exit_codes_help());
  for (const auto& p : c.params) {
    const bool positional = p.positional || in_path(c, p) || p.type == ParamType::raw;
    const std::string name = positional ? p.name : "--" + dashed(p.name);
    CLI::Option* opt = nullptr;
    if (p.type == ParamType::boolean) {
      opt = b.app->add_flag(name, b.flags[p.name], help_of(p));
    } else if (p.type == ParamType::list) {
      opt = b.app->add_option(name, b.lists[p.name], help_of(p));
    } else {
      opt = b.app->add_option(name, b.text[p.name], help_of(p))->type_name(type_name(p));
    }
    if (p.required && !(p.type == ParamType::list)) opt->required();
    b.options[p.name] = opt;
  }
}

/// Reads a FILE argument ('-' = standard input).
std::string read_document(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path, "cannot read " + path);
  return text.str();
}

std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  if (!text.empty() && text.back() != '\n') ++n;
  return n;
}

int run_bound(CliContext& ctx, Bound& b) {
  const Command& c = *b.command;
  nlohmann::json values = nlohmann::json::object();
  std::string output_path;
  std::vector<std::string> notes;
  try {
    for (const auto& p : c.params) {
      if (b.options[p.name]->count() == 0) continue;
      if (p.name == "output" && p.cli_only) {
        output_path = b.text[p.name];
        continue;
      }
      switch (p.type) {
        case ParamType::boolean:
          values[p.name] = b.flags[p.name];
          break;
        case ParamType::list:
          values[p.name] = b.lists[p.name];
          break;
        case ParamType::raw: {
          const auto& path = b.text[p.name];
          auto document = read_document(path);
          if (c.cli_prepare) document = c.cli_prepare(path, std::move(document));
          if (ctx.shows_progress(c)) {
            notes.push_back("read " + (path == "-" ? std::string("standard input") : path) + ": " +
                            std::to_string(count_lines(document)) + " lines, " +
                            std::to_string(document.size()) + " bytes");
          }
          values[p.name] = std::move(document);
          break;
        }
        default:
          values[p.name] = b.text[p.name];
      }
    }
  } catch (const InputError& e) {
    return ctx.fail(input_failure(e.field(), e.what()));
  }

  return ctx.run(c, std::move(values), output_path, notes);
}

}  // namespace

bool CliContext::shows_progress(const Command& command) const {
  return command.long_running && (progress || !json || ::isatty(2));
}

Services& CliContext::services() {
  if (injected) return *injected;
  if (!services_) services_ = std::make_shared<Services>(database.connection());  // may throw
  return *services_;
}

int CliContext::run(const Command& c, nlohmann::json values, const std::string& output_path,
                    const std::vector<std::string>& progress_notes) {
  try {
    services();  // builds the connection settings (reads a password file); connects later
  } catch (const InputError& e) {
    return fail(input_failure(e.field(), e.what()));
  }
  std::optional<billing::Actor> actor;
  if (c.needs_actor) {
    if (operator_name.empty()) {
      err << "prepaidctl: say who you are: --as NAME or PREPAID_OPERATOR=NAME (an operator "
             "made by `prepaidctl db init --admin NAME` or `operators add`)\n";
      return static_cast<int>(ExitCode::usage);
    }
    try {
      const char* user = std::getenv("USER");
      actor = services().operators().actor_for_operator(operator_name,
                                                        std::string("cli ") + (user ? user : "?"));
    } catch (const billing::SchemaMismatch& e) {
      return fail(schema_failure(e.what()));
    } catch (const billing::StoreUnavailable& e) {
      return fail(unavailable_failure(std::string("database unavailable: ") + e.what()));
    } catch (const billing::StoreError& e) {
      return fail(database_failure(std::string("database error: ") + e.what()));
    }
    if (!actor) {
      return fail(Failure{"forbidden",
                          "no operator named '" + operator_name +
                              "' (operators list shows them; db init --admin makes the first)",
                          {},
                          {},
                          403,
                          ExitCode::forbidden});
    }
  }

  // Progress goes to stderr (shows_progress: not under --json to a non-terminal, unless
  // --progress asks for it), held during the first second so that a quick refusal prints
  // its message alone.
  std::unique_ptr<Progress> meter;
  if (shows_progress(c)) {
    meter = std::make_unique<Progress>(err);
    for (const auto& note : progress_notes) meter->note(note);
  }
  auto report = [&](std::string_view stage) {
    if (meter) meter->stage(stage);
  };
  auto advance = [&](std::string_view units, std::uint64_t done, std::uint64_t total) {
    if (meter) meter->count(units, done, total);
  };
  Completion done = [&]() -> Completion {
    try {
      return execute(c, services(), actor ? &*actor : nullptr, std::move(values), report, advance);
    } catch (const billing::StoreUnavailable& e) {
      return unavailable_failure(std::string("database unavailable: ") + e.what());
    }
  }();
  if (meter) meter->finish(std::holds_alternative<Reply>(done));

  if (const auto* f = std::get_if<Failure>(&done)) return fail(*f);
  const auto& reply = std::get<Reply>(done);
  if (!reply.content_type.empty()) {
    if (output_path.empty() || output_path == "-") {
      out << reply.text;
    } else {
      std::ofstream file(output_path, std::ios::binary | std::ios::trunc);
      file << reply.text;
      file.close();
      if (!file) {
        return fail(input_failure("output", "cannot write " + output_path));
      }
      err << "prepaidctl: wrote " << output_path << " (" << count_lines(reply.text) << " lines)\n";
    }
  } else if (json || !c.render) {
    out << json_text(reply.body, 2) << '\n';
  } else {
    c.render(reply, out);
  }
  return static_cast<int>(reply.exit);
}

int CliContext::fail(const Failure& f) const {
  if (json) {
    err << json_text(f.to_json(), 2) << '\n';
  } else {
    err << "prepaidctl: " << f.message << '\n';
    for (const auto& d : f.details) err << "  " << d << '\n';
  }
  return static_cast<int>(f.exit);
}

int run_prepaidctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   std::shared_ptr<Services> services) {
  CliContext ctx(out, err);
  ctx.injected = std::move(services);

  for (const auto& a : args) {
    if (a == "--db-password" || a.rfind("--db-password=", 0) == 0) {
      err << "prepaidctl: --db-password on the command line would show in `ps`; use "
             "PREPAID_DB_PASSWORD or db-password in the --config file\n";
      return static_cast<int>(ExitCode::usage);
    }
  }

  CLI::App app{
      "prepaidctl: manage prepaid cards, price lists, calls and operators, and serve "
      "the HTTP API"};
  app.name(args.empty() ? "prepaidctl" : "prepaidctl");
  app.require_subcommand(1);
  app.fallthrough();
  app.allow_config_extras(CLI::config_extras_mode::error);
  app.set_config("--config", "",
                 "read options from a TOML/INI file (db-socket, db-user, db-password, [serve] …); "
                 "default: $PREPAID_CONFIG if set");
  app.add_option("--as", ctx.operator_name, "act as this operator (its role is checked)")
      ->envname("PREPAID_OPERATOR");
  app.add_flag("--json", ctx.json, "print JSON (as the API returns it) instead of tables");
  app.add_flag("--progress", ctx.progress,
               "report the stages and counts of long commands (imports) on stderr, even with "
               "--json when stderr is not a terminal");
  ctx.database.add_to(app);
  app.footer(std::string(exit_codes_help()) +
             "\nExample:\n  PREPAID_OPERATOR=alice prepaidctl cards list --status active");

  std::deque<Bound> bound;
  for (const auto& c : all_commands()) {
    if (!c.cli_through.empty()) continue;
    bound.push_back(Bound{});
    bound.back().command = &c;
    bind(app, bound.back());
  }
  std::vector<DirectCommand> direct = direct_commands(app, ctx);

  std::vector<std::string> argv = args;
  if (const char* config = std::getenv("PREPAID_CONFIG"); config && *config) {
    bool given = false;
    for (const auto& a : argv) given = given || a == "--config" || a.rfind("--config=", 0) == 0;
    if (!given) argv.insert(argv.begin() + (argv.empty() ? 0 : 1), {"--config", config});
  }
  std::vector<const char*> raw;
  for (const auto& a : argv) raw.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(raw.size()), raw.data());
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      // A mistyped or missing command word gets its own message (CLI11 would say "A
      // subcommand is required" or list the extra words).
      const std::vector<std::string> words(argv.begin() + (argv.empty() ? 0 : 1), argv.end());
      if (auto problem = command_word_problem(app, words)) {
        err << "prepaidctl: " << *problem << '\n';
        return static_cast<int>(ExitCode::usage);
      }
    }
    const int rc = app.exit(e, out, err);
    return rc == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }

  if (const auto problem = ctx.database.problem(); !problem.empty()) {
    err << "prepaidctl: " << problem << '\n';
    return static_cast<int>(ExitCode::usage);
  }
  try {
    for (auto& d : direct)
      if (d.app->parsed()) return d.run();
    for (auto& b : bound)
      if (b.app->parsed()) return run_bound(ctx, b);
  } catch (const billing::StoreError& e) {
    return ctx.fail(database_failure(std::string("database error: ") + e.what()));
  } catch (const std::exception& e) {
    return ctx.fail(internal_failure(std::string("internal error: ") + e.what()));
  }
  err << "prepaidctl: no command (see --help)\n";
  return static_cast<int>(ExitCode::usage);
}

}  // namespace prepaid::cli

#pragma once
/// @file command.h
/// @brief Command: one thing prepaidctl and the HTTP API can do, declared once — its words on
/// the command line, its route, its parameters, and the single service call it makes.
///
/// The command line (cli/cli_app.h) and the API (api/api_server.h) are both built from the
/// same table of Commands: each parses its input into an Input and calls Command::run, so a
/// command and its route cannot drift apart.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "admin-cli/command/failure.h"
#include "admin-cli/command/input.h"
#include "admin-cli/command/param.h"
#include "admin-cli/command/services.h"
#include "billing/operators/actor.h"
#include "billing/result.h"

namespace prepaid::cli {

/// @brief What a command returns: a JSON body (the API's reply, `--json` output, and what the
/// table renderer reads) or a text document (CSV, a tariff file).
struct Reply {
  nlohmann::json body = nlohmann::json::object();
  std::string text;              ///< set for text replies (then body is unused)
  std::string content_type;      ///< of a text reply: "text/csv", "text/plain"
  int http_status = 200;         ///< 201 for creations
  ExitCode exit = ExitCode::ok;  ///< check_failed when a check found problems

  static Reply json(nlohmann::json body, int http_status = 200) {
    Reply r;
    r.body = std::move(body);
    r.http_status = http_status;
    return r;
  }
  static Reply document(std::string text, std::string content_type) {
    Reply r;
    r.text = std::move(text);
    r.content_type = std::move(content_type);
    return r;
  }
};

/// Reports how far a stage of long work has come: `done` of `total` `units` ("lines read").
using ProgressCount =
    std::function<void(std::string_view units, std::uint64_t done, std::uint64_t total)>;

/// @brief Everything one run of a command gets.
struct Request {
  Services& services;
  const billing::Actor* actor;  ///< who acts (null only for commands with needs_actor false)
  const Input& input;
  /// Reports a stage of long work ("validating 250000 lines"): stderr on the command line,
  /// nothing in the API.
  std::function<void(std::string_view)> progress;
  /// Reports counts within a stage (call it as often as the service reports; the command
  /// line throttles what it prints): stderr on the command line, nothing in the API.
  ProgressCount advance;

  const billing::Actor& who() const { return *actor; }
};

using Outcome = billing::Result<Reply>;

/// @brief One command and its route.
struct Command {
  std::vector<std::string> words{};  ///< {"cards", "recharge"}: `prepaidctl cards recharge`
  std::string summary{};             ///< one line for --help
  std::string example{};             ///< a full example command line
  std::string method{};              ///< "GET", "POST", "PUT", "PATCH", "DELETE"; empty: CLI only
  std::string path{};                ///< "/v1/cards/{number}/recharge"; empty: CLI only
  /// The least role that may run it. The API refuses a token of a lesser role with 403
  /// forbidden before it reads a request body; the services check every call again (the
  /// default, operator, leaves the whole decision to them). Never stricter than the service.
  billing::Role min_role = billing::Role::operator_;
  std::vector<Param> params{};
  bool needs_actor = true;    ///< false only for the `db` commands (the database login suffices)
  bool long_running = false;  ///< the CLI shows elapsed time on stderr while it runs
  /// Set when the command line reaches this command through a hand-written command (e.g.
  /// "quote --tariff-name NAME") instead of its own words; the CLI builder then skips it.
  std::string cli_through{};
  /// Command line only: turns a FILE argument's text before it is sent (e.g. inlines the
  /// files a tariff file names); may throw InputError.
  std::function<std::string(const std::string& path, std::string text)> cli_prepare{};
  /// The one service call (plus parsing of the Input into its arguments).
  std::function<Outcome(const Request&)> run{};
  /// Human output of a JSON reply; unset: the JSON is printed indented.
  std::function<void(const Reply&, std::ostream&)> render{};

  std::string name() const;  ///< "cards recharge"
  bool has_route() const { return !path.empty(); }
};

/// A finished command: its Reply, or why not.
using Completion = std::variant<Reply, Failure>;

/// Runs a command: builds its Input from `values` (refusing unknown, missing and malformed
/// parameters; `from_body` names the values that are JSON values of an API body, see Input),
/// calls run(), and turns a Problem or an exception into a Failure (StoreUnavailable →
/// unavailable, SchemaMismatch → schema_mismatch, StoreConflict after the services' retries →
/// busy, other StoreErrors → database_error, others → internal).
Completion execute(const Command& command, Services& services, const billing::Actor* actor,
                   nlohmann::json values, std::function<void(std::string_view)> progress = {},
                   ProgressCount advance = {}, std::set<std::string, std::less<>> from_body = {});

/// Turns a service result into a reply with `to_json(value)`.
template <class T, class F>
Outcome reply_with(const billing::Result<T>& result, F&& to_json, int http_status = 200) {
  if (!result) return result.problem();
  return Reply::json(to_json(result.value()), http_status);
}

/// Every command of prepaidctl and the API, in help order.
const std::vector<Command>& all_commands();
/// The command of all_commands() with this name ("cards recharge"); std::logic_error if none.
const Command& command_named(std::string_view name);

}  // namespace prepaid::cli

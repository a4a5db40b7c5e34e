// `prepaidctl serve`: the HTTP JSON API on the command table (api/api_server.h).
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "admin-cli/api/api_server.h"
#include "admin-cli/cli/cli_context.h"
#include "admin-cli/cli/direct_command.h"
#include "billing/store/store_error.h"

namespace prepaid::cli {
namespace {

struct ServeSettings {
  ServerOptions server;
  std::vector<std::string> allow;
  bool quiet = false;
};

/// Why the limits cannot work together; nullopt when they can.
std::optional<std::string> limits_problem(const ServerOptions& o) {
  const std::pair<const char*, unsigned> timeouts[] = {
      {"--header-timeout", o.header_timeout_s},     {"--body-timeout", o.body_timeout_s},
      {"--write-timeout", o.write_timeout_s},       {"--idle-timeout", o.idle_timeout_s},
      {"--session-idle-timeout", o.session_idle_s}, {"--session-lifetime", o.session_lifetime_s}};
  for (const auto& [name, seconds] : timeouts)
    if (seconds < 1 || seconds > 86400) return std::string(name) + " must be 1..86400 seconds";
  if (o.max_connections < 1 || o.max_connections > 4096)
    return std::string("--max-connections must be 1..4096 (one thread each)");
  if (o.max_connections_per_address < 1 || o.max_connections_per_address > o.max_connections)
    return std::string("--max-connections-per-address must be 1..--max-connections (") +
           std::to_string(o.max_connections) + ")";
  if (o.backlog < 1 || o.backlog > 65535) return std::string("--backlog must be 1..65535");
  if (o.max_json_bytes < 1024 || o.max_body_bytes < 1024 || o.max_header_bytes < 1024)
    return std::string(
        "--max-json-bytes, --max-body-bytes and --max-header-bytes must be at "
        "least 1024");
  return std::nullopt;
}

int serve(CliContext& ctx, ServeSettings& s) {
  for (const auto& text : s.allow) {
    auto range = AddressRange::parse(text);
    if (!range) {
      ctx.err << "prepaidctl: --allow " << text
              << ": not an address or network (127.0.0.1, 10.0.0.0/8, ::1, fd00::/8)\n";
      return static_cast<int>(ExitCode::usage);
    }
    s.server.allow.push_back(*range);
  }
  if (s.server.port < 0 || s.server.port > 65535) {
    ctx.err << "prepaidctl: --port must be 0..65535\n";
    return static_cast<int>(ExitCode::usage);
  }
  if (auto problem = limits_problem(s.server)) {
    ctx.err << "prepaidctl: " << *problem << "\n";
    return static_cast<int>(ExitCode::usage);
  }
  try {
    ctx.services().open();
  } catch (const InputError& e) {
    return ctx.fail(input_failure(e.field(), e.what()));
  } catch (const billing::SchemaMismatch& e) {
    return ctx.fail(schema_failure(e.what()));
  } catch (const billing::StoreUnavailable& e) {
    return ctx.fail(unavailable_failure(std::string("database unavailable: ") + e.what()));
  } catch (const billing::StoreError& e) {
    return ctx.fail(database_failure(std::string("database error: ") + e.what()));
  }

  // SIGINT and SIGTERM are taken by one thread that stops the server; every other thread
  // (the server's pool included) is created with them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

  int rc = 0;
  try {
    ApiServer server(ctx.services(), all_commands(), s.server);
    if (!s.quiet) {
      server.set_access_log([&ctx](const std::string& line) {
        static std::mutex mutex;
        std::lock_guard lock(mutex);
        ctx.err << "prepaidctl serve: " << line << std::endl;
      });
    }
    const int port = server.bind();
    const auto& host = s.server.listen;
    const bool v6 = host.find(':') != std::string::npos;
    const bool loopback =
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.rfind("127.", 0) == 0;
    if (!loopback && !server.tls()) {
      ctx.err << "prepaidctl serve: warning: plain HTTP on " << host
              << ": tokens and PINs cross the network in clear; use --tls-cert and --tls-key"
              << std::endl;
    }
    ctx.out << "prepaidctl serve: listening on " << (server.tls() ? "https" : "http") << "://"
            << (v6 ? "[" + host + "]" : host) << ":" << port << std::endl;
    std::thread watcher([&server, stop_signals] {
      int signal = 0;
      sigwait(&stop_signals, &signal);
      server.stop();
    });
    const bool ok = server.serve();
    pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if nobody signalled
    watcher.join();
    ctx.err << "prepaidctl serve: stopped" << std::endl;
    rc = ok ? 0 : static_cast<int>(ExitCode::internal);
  } catch (const std::runtime_error& e) {
    ctx.err << "prepaidctl: " << e.what() << '\n';
    rc = static_cast<int>(ExitCode::usage);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return rc;
}

}  // namespace

DirectCommand add_serve_command(CLI::App& app, CliContext& ctx) {
  auto settings = std::make_shared<ServeSettings>();
  CLI::App* sub = app.add_subcommand("serve", "Serve the HTTP JSON API (docs/openapi.json)");
  sub->fallthrough();
  sub->add_option("--listen", settings->server.listen,
                  "address to listen on (default 127.0.0.1: this machine only)");
  sub->add_option("--port", settings->server.port, "TCP port (default 8080; 0 = any free port)");
  sub->add_option("--tls-cert", settings->server.tls_certificate,
                  "PEM certificate (chain): serve HTTPS (needs --tls-key)");
  sub->add_option("--tls-key", settings->server.tls_key, "PEM private key of --tls-cert");
  sub->add_option("--allow", settings->allow,
                  "client address or network allowed to use the API (repeatable; default: any "
                  "client that can connect)");
  auto& o = settings->server;
  sub->add_option("--max-body-bytes", o.max_body_bytes,
                  "largest document body: a price-list CSV, a tariff file (default 33554432 = "
                  "32 MiB); larger ones get 413 unread");
  sub->add_option("--max-json-bytes", o.max_json_bytes,
                  "largest JSON body of the other routes (default 1048576 = 1 MiB)");
  sub->add_option("--max-header-bytes", o.max_header_bytes,
                  "largest request line plus headers (default 65536); more gets 431");
  sub->add_option("--header-timeout", o.header_timeout_s,
                  "seconds a client has to send a request's line and headers, whatever its pace "
                  "(default 10); then 408 and the connection closes");
  sub->add_option("--body-timeout", o.body_timeout_s,
                  "seconds a client has to send a whole request body (default 120)");
  sub->add_option("--write-timeout", o.write_timeout_s,
                  "seconds a reply may wait for the client to read more of it (default 30)");
  sub->add_option("--idle-timeout", o.idle_timeout_s,
                  "seconds a kept-alive connection may wait for its next request (default 5)");
  sub->add_option("--max-connections", o.max_connections,
                  "connections open at once, one worker thread each (default 64); more get 503 "
                  "and are closed at once");
  sub->add_option("--max-connections-per-address", o.max_connections_per_address,
                  "connections open at once from one client address (default 8); more get 429 "
                  "and are closed at once");
  sub->add_option("--backlog", o.backlog,
                  "connections the kernel queues before they are accepted (default 511)");
  sub->add_option("--session-idle-timeout", o.session_idle_s,
                  "seconds a web console session may stay unused before it ends (default 1800)");
  sub->add_option("--session-lifetime", o.session_lifetime_s,
                  "seconds a web console session lasts at most from its login (default 43200)");
  sub->add_flag("--quiet", settings->quiet, "no access log on stderr");
  sub->footer(
      "Prints 'listening on URL' on stdout when ready; one access-log line per request on\n"
      "stderr (never bodies or tokens). SIGINT/SIGTERM stop it. Limits: docs/http-api.md.\n"
      "The web console is served at / (docs/web-console.md).\n"
      "Example:\n"
      "  prepaidctl --config /etc/prepaid/prepaidctl.conf serve --port 8080 --allow 10.0.0.0/8");
  return DirectCommand{sub, [&ctx, settings] { return serve(ctx, *settings); }};
}

std::vector<DirectCommand> direct_commands(CLI::App& app, CliContext& ctx) {
  return {add_quote_command(app, ctx), add_serve_command(app, ctx),
          add_set_password_command(app, ctx)};
}

}  // namespace prepaid::cli

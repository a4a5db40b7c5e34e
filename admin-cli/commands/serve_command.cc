// `prepaidctl serve`: the HTTP JSON API on the command table (api/api_server.h).
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "admin-cli/api/api_server.h"
#include "admin-cli/cli/cli_context.h"
#include "admin-cli/cli/direct_command.h"
#include "billing/store_error.h"

namespace prepaid::cli {
namespace {

struct ServeSettings {
  ServerOptions server;
  std::vector<std::string> allow;
  bool quiet = false;
};

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
  sub->add_option("--max-body-bytes", settings->server.max_body_bytes,
                  "largest request body accepted (default 33554432 = 32 MiB)");
  sub->add_flag("--quiet", settings->quiet, "no access log on stderr");
  sub->footer(
      "Prints 'listening on URL' on stdout when ready; one access-log line per request on\n"
      "stderr (never bodies or tokens). SIGINT/SIGTERM stop it.\n"
      "Example:\n"
      "  prepaidctl --config /etc/prepaid/prepaidctl.conf serve --port 8080 --allow 10.0.0.0/8");
  return DirectCommand{sub, [&ctx, settings] { return serve(ctx, *settings); }};
}

std::vector<DirectCommand> direct_commands(CLI::App& app, CliContext& ctx) {
  return {add_quote_command(app, ctx), add_serve_command(app, ctx)};
}

}  // namespace prepaid::cli

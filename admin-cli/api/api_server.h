#pragma once
/// @file api_server.h
/// @brief ApiServer: the HTTP JSON API — its own accept loop (allow-list and connection limits
/// at accept), one worker per admitted connection, deadlines on every request, then the
/// bearer-token login, the route table, bodies into Inputs, and Failures into JSON errors. It
/// parses and calls the commands; every rule is in the billing services.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "admin-cli/api/connection_limits.h"
#include "admin-cli/api/console_sessions.h"
#include "admin-cli/api/login_throttle.h"
#include "admin-cli/api/router.h"
#include "admin-cli/api/server_options.h"
#include "admin-cli/command/command.h"
#include "admin-cli/command/services.h"

namespace httplib {
struct Request;
struct Response;
class ContentReader;
}  // namespace httplib

namespace prepaid::cli {

class HttpEngine;
class Listener;
class TlsContext;
class Transport;

/// @brief Serves the commands that have routes. Thread-safe: connections run on a pool of
/// max_connections threads and share the Services.
///
/// A connection: (1) at accept, its address must be in the allow-list (if any) — else a 403
/// address_not_allowed is written and it is closed, before it reaches a worker; (2) it must
/// fit the connection limits, overall and for its address (connections their client has
/// closed no longer count for it) — else 503 / 429 too_many_connections, likewise; (3) each
/// request's line and headers must arrive within header_timeout_s (and max_header_bytes) — else 408
/// request_timeout / 431 headers_too_large and the connection closes.
///
/// A request: (4) `Authorization: Bearer <token>` must name a live token — else 401
/// unauthenticated; (5) the route must exist — else 404 no_route or 405 method_not_allowed;
/// (6) the token's role must reach the command's min_role — else 403 forbidden; (7) only then
/// is the body read: within the route's limit (max_json_bytes, or max_body_bytes for a
/// document) — else 413 payload_too_large without reading the rest — and within
/// body_timeout_s — else 408; (8) JSON must be valid, without duplicate keys — else 400
/// invalid_json; (9) the command runs as the token's operator and the services check the role
/// again (403 forbidden).
///
/// The web console (docs/web-console.md): every path outside /v1 is a file of the embedded
/// console (console_assets.h; a path without a file is its index.html, whose script shows the
/// screen of that URL), with a strict Content-Security-Policy. `POST /v1/session` logs in
/// by name and password (growing waits after failures: LoginThrottle) and sets the session
/// cookie; with that cookie instead of a token, step (4) finds the session's operator, and
/// every request but GET and HEAD must carry its CSRF token in `X-CSRF-Token` (else 403
/// csrf_token_invalid, before the body is read).
class ApiServer {
 public:
  ApiServer(Services& services, const std::vector<Command>& commands, ServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  /// Binds the listening socket; returns the port. Throws std::runtime_error when it cannot
  /// (address in use, unreadable certificate or key).
  int bind();
  /// Serves until stop() (call bind() first). Returns false when the server failed.
  bool serve();
  /// Stops serve() (thread-safe): no new connection; open ones are cut.
  void stop();

  /// Receives one line per request (address, operator, method, path, status, duration) and
  /// per connection refused at accept — never a body, a query value or a token. Default: none.
  void set_access_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }

  const Router& router() const { return router_; }
  /// The routes served outside the command table (the console's login), as "METHOD /path".
  static const std::vector<std::string>& session_routes();
  bool tls() const;

 private:
  void accepted(int fd, const std::string& address, int port);
  void serve_connection(int fd, const std::string& address, int port);
  void refuse_connection(int fd, const std::string& address, int status, const std::string& code,
                         const std::string& message);
  void handle(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader* body);
  void log(const std::string& line) const;
  void serve_console(const httplib::Request& req, httplib::Response& res);
  void handle_session(const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader* body);
  std::string session_cookie(const std::string& value, bool expire) const;

  Services& services_;
  Router router_;
  ServerOptions options_;
  std::unique_ptr<HttpEngine> engine_;
  std::unique_ptr<TlsContext> tls_;
  std::unique_ptr<Listener> listener_;
  ConnectionLimits limits_;
  ConsoleSessions sessions_;
  LoginThrottle throttle_;
  std::mutex password_mutex_;  ///< one Argon2id verification at a time
  std::function<void(const std::string&)> log_;
  std::function<void(std::function<void()>)> enqueue_;  ///< set while serve() runs
  std::atomic<bool> stopping_{false};
  std::mutex open_mutex_;
  std::set<Transport*> open_;  ///< connections being served (cut by stop())
};

}  // namespace prepaid::cli

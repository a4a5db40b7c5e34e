#pragma once
/// @file api_server.h
/// @brief ApiServer: the HTTP JSON API (cpp-httplib) — allow-list, bearer-token login, the
/// route table, bodies into Inputs, and Failures into JSON errors. It parses and calls the
/// commands; every rule is in the billing services.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "admin-cli/api/router.h"
#include "admin-cli/api/server_options.h"
#include "admin-cli/command/command.h"
#include "admin-cli/command/services.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace prepaid::cli {

/// @brief Serves the commands that have routes. Thread-safe: requests run on a thread pool
/// and share the Services.
///
/// Every request: (1) the client address must be in the allow-list (if any) — else 403
/// address_not_allowed; (2) `Authorization: Bearer <token>` must name a live token — else 401
/// unauthenticated; (3) the route must exist — else 404 no_route or 405 method_not_allowed;
/// (4) the body must be JSON (or the document of a text route) within max_body_bytes — else
/// 400 invalid_json or 413 payload_too_large; (5) the command runs as the token's operator and
/// the services check the role (403 forbidden).
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
  /// Stops serve() (thread-safe).
  void stop();

  /// Receives one line per request (address, operator, method, path, status, duration) —
  /// never a body, a query value or a token. Default: none.
  void set_access_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }

  const Router& router() const { return router_; }
  bool tls() const;

 private:
  void handle(const httplib::Request& req, httplib::Response& res);

  Services& services_;
  Router router_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::function<void(const std::string&)> log_;
};

}  // namespace prepaid::cli

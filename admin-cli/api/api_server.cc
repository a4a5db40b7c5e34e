#include "admin-cli/api/api_server.h"

#include <httplib.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <utility>

#include "admin-cli/json/json_text.h"
#include "billing/store_error.h"

namespace prepaid::cli {
namespace {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(json_text(body), "application/json");
}

void send_failure(httplib::Response& res, const Failure& f) {
  send_json(res, f.http_status, f.to_json());
}

Failure refusal(std::string code, std::string message, int status) {
  return Failure{std::move(code), std::move(message), {}, {}, status, ExitCode::refused};
}

/// The token of "Authorization: Bearer <token>"; nullopt when absent or of another scheme.
std::optional<std::string> bearer_token(const httplib::Request& req) {
  const auto header = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return std::nullopt;
    }
  }
  auto token = header.substr(kScheme.size());
  while (!token.empty() && token.back() == ' ') token.pop_back();
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  if (token.empty()) return std::nullopt;
  return token;
}

const Param* find_param(const Command& command, std::string_view name) {
  for (const auto& p : command.params)
    if (p.name == name) return &p;
  return nullptr;
}

bool has_body(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

/// The command's values from the path, the query string and the body.
std::variant<nlohmann::json, Failure> request_values(
    const Command& command, const httplib::Request& req,
    const std::vector<std::pair<std::string, std::string>>& path_params) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [name, value] : path_params) values[name] = value;

  for (const auto& [name, value] : req.params) {
    const Param* p = find_param(command, name);
    if (p && p->cli_only) p = nullptr;
    if (!p) {
      // Input refuses unknown names with the list of the command's parameters.
      values[name] = value;
      continue;
    }
    if (values.contains(name)) {
      if (p->type != ParamType::list) {
        return input_failure(name, name + ": given more than once");
      }
      values[name].push_back(value);
    } else {
      values[name] =
          p->type == ParamType::list ? nlohmann::json::array({value}) : nlohmann::json(value);
    }
  }

  const Param* raw = nullptr;
  for (const auto& p : command.params)
    if (p.type == ParamType::raw) raw = &p;
  if (raw) {
    if (!req.body.empty()) values[raw->name] = req.body;
    return values;
  }
  if (!has_body(req.method) || req.body.empty()) return values;

  nlohmann::json body;
  try {
    body = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    if (const auto at = what.find("] "); at != std::string::npos) what.erase(0, at + 2);
    return refusal("invalid_json", "the request body is not valid JSON: " + what, 400);
  }
  if (!body.is_object()) {
    return refusal("invalid_json", "the request body must be a JSON object", 400);
  }
  for (auto& [name, value] : body.items()) {
    const Param* p = find_param(command, name);
    if (p && p->cli_only) return input_failure(name, "unknown parameter '" + name + "'");
    if (values.contains(name)) {
      return input_failure(name, name + ": given both in the path or query and in the body");
    }
    values[name] = std::move(value);
  }
  return values;
}

std::string_view code_for_status(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "no_route";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 416:
      return "bad_range";
    default:
      return "http_error";
  }
}

}  // namespace

ApiServer::ApiServer(Services& services, const std::vector<Command>& commands,
                     ServerOptions options)
    : services_(services), router_(commands), options_(std::move(options)) {
  const bool cert = !options_.tls_certificate.empty();
  const bool key = !options_.tls_key.empty();
  if (cert != key) {
    throw std::runtime_error(
        "TLS needs both a certificate and a private key (--tls-cert and "
        "--tls-key)");
  }
  if (cert) {
    auto ssl = std::make_unique<httplib::SSLServer>(options_.tls_certificate.c_str(),
                                                    options_.tls_key.c_str());
    if (!ssl->is_valid()) {
      throw std::runtime_error("cannot load the TLS certificate " + options_.tls_certificate +
                               " or its key " + options_.tls_key +
                               " (PEM files, readable, matching)");
    }
    server_ = std::move(ssl);
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_read_timeout(static_cast<time_t>(options_.timeout_s), 0);
  server_->set_write_timeout(static_cast<time_t>(options_.timeout_s), 0);
  server_->set_default_headers({{"Cache-Control", "no-store"}});

  auto handler = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Patch(".*", handler);
  server_->Delete(".*", handler);

  // Errors found by cpp-httplib itself (413 body too large, 400 malformed request, …) get the
  // same JSON shape as ours; ours already have a body.
  server_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = "the request was refused (HTTP " + std::to_string(res.status) + ")";
        if (res.status == 413) {
          message = "the request body is larger than " + std::to_string(options_.max_body_bytes) +
                    " bytes (serve --max-body-bytes)";
        } else if (res.status == 400) {
          message = "malformed HTTP request";
        }
        send_failure(res, refusal(std::string(code_for_status(res.status)), message, res.status));
        if (log_)
          log_(req.remote_addr + " - " + req.method + " " + req.path + " " +
               std::to_string(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_failure(res, internal_failure("internal error: " + what));
      });
}

ApiServer::~ApiServer() = default;

bool ApiServer::tls() const {
  return !options_.tls_certificate.empty();
}

int ApiServer::bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.listen);
    if (port < 0) throw std::runtime_error("cannot listen on " + options_.listen);
  } else if (!server_->bind_to_port(options_.listen, port)) {
    throw std::runtime_error("cannot listen on " + options_.listen + " port " +
                             std::to_string(port) + " (in use, or not a local address)");
  }
  return port;
}

bool ApiServer::serve() {
  return server_->listen_after_bind();
}

void ApiServer::stop() {
  server_->stop();
}

void ApiServer::handle(const httplib::Request& req, httplib::Response& res) {
  const auto started = std::chrono::steady_clock::now();
  std::string who = "-";
  std::vector<std::string> allow_header;

  const auto done = [&]() -> Completion {
    if (!options_.allow.empty()) {
      bool allowed = false;
      for (const auto& range : options_.allow) allowed = allowed || range.contains(req.remote_addr);
      if (!allowed) {
        return Failure{"address_not_allowed",
                       "client address " + req.remote_addr + " is not in the API's allow-list",
                       {},
                       {},
                       403,
                       ExitCode::forbidden};
      }
    }
    const auto token = bearer_token(req);
    if (!token) {
      return refusal("unauthenticated",
                     "send 'Authorization: Bearer <token>' (prepaidctl tokens create makes one)",
                     401);
    }
    std::optional<billing::Actor> actor;
    try {
      actor = services_.operators().actor_for_token(*token, "api " + req.remote_addr);
    } catch (const billing::SchemaMismatch& e) {
      return schema_failure(e.what());
    } catch (const billing::StoreUnavailable& e) {
      return unavailable_failure(std::string("database unavailable: ") + e.what());
    } catch (const billing::StoreError& e) {
      return database_failure(std::string("database error: ") + e.what());
    }
    if (!actor) return refusal("unauthenticated", "unknown or revoked token", 401);
    who = actor->name;

    const auto match = router_.match(req.method, req.path);
    if (!match.command) {
      if (!match.allowed_methods.empty()) {
        allow_header = match.allowed_methods;
        std::string list;
        for (const auto& m : allow_header) list += (list.empty() ? "" : ", ") + m;
        return refusal("method_not_allowed",
                       req.method + " is not allowed on " + req.path + " (allowed: " + list + ")",
                       405);
      }
      return refusal("no_route",
                     "no such route: " + req.method + " " + req.path + " (see docs/openapi.json)",
                     404);
    }
    auto values = request_values(*match.command, req, match.path_params);
    if (auto* f = std::get_if<Failure>(&values)) return *f;
    return execute(*match.command, services_, &*actor, std::get<nlohmann::json>(std::move(values)));
  }();

  if (const auto* f = std::get_if<Failure>(&done)) {
    send_failure(res, *f);
    if (f->http_status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"prepaid\"");
    if (f->http_status == 405) {
      std::string list;
      for (const auto& m : allow_header) list += (list.empty() ? "" : ", ") + m;
      res.set_header("Allow", list);
    }
  } else {
    const auto& reply = std::get<Reply>(done);
    res.status = reply.http_status;
    if (!reply.content_type.empty()) {
      res.set_content(reply.text, reply.content_type);
    } else {
      res.set_content(json_text(reply.body), "application/json");
    }
  }
  if (log_) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    log_(req.remote_addr + " " + who + " " + req.method + " " + req.path + " " +
         std::to_string(res.status) + " " + std::to_string(ms) + "ms");
  }
}

}  // namespace prepaid::cli

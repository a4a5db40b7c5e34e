#include "admin-cli/api/api_server.h"

#include <openssl/crypto.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <utility>

#include "admin-cli/api/console_assets.h"
#include "admin-cli/api/deadline_stream.h"
#include "admin-cli/api/http_engine.h"
#include "admin-cli/api/listener.h"
#include "admin-cli/api/query_string.h"
#include "admin-cli/api/transport.h"
#include "admin-cli/json/json_text.h"
#include "admin-cli/json/strict_json.h"
#include "billing/store/store_error.h"

namespace prepaid::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// The request being served on this thread: a connection is served from its accept to its
/// end on one worker thread, so the handlers (called by cpp-httplib with the Request only)
/// find their connection's stream and flags here.
struct Exchange {
  DeadlineStream* stream = nullptr;
  bool close = false;    ///< end the connection after this reply (a body was left unread…)
  bool in_body = false;  ///< the headers were read; reads now run on the body's deadline
};
thread_local Exchange* current = nullptr;

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

/// The reason phrase of the statuses written outside cpp-httplib.
const char* reason_phrase(int status) {
  switch (status) {
    case 403:
      return "Forbidden";
    case 408:
      return "Request Timeout";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

/// A complete HTTP/1.1 response closing the connection, for the replies written outside
/// cpp-httplib (at accept, or when a request's line never ended).
std::string canned_response(int status, const std::string& code, const std::string& message) {
  const std::string body = json_text(refusal(code, message, status).to_json());
  return "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body;
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

bool takes_body(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

bool is_document_route(const Command& command) {
  for (const auto& p : command.params)
    if (p.type == ParamType::raw) return true;
  return false;
}

/// The request's Content-Length: nullopt when absent; SIZE_MAX when it is not a number.
std::optional<std::size_t> content_length(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const auto text = req.get_header_value("Content-Length");
  if (text.empty() || text.size() > 19) return SIZE_MAX;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return SIZE_MAX;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

bool has_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const auto length = content_length(req);
  return length && *length > 0;
}

/// The command's values from the path, the query string and the body, and the names whose
/// values came from a JSON body.
struct Values {
  nlohmann::json json = nlohmann::json::object();
  std::set<std::string, std::less<>> from_body;
};

std::variant<Values, Failure> request_values(
    const Command& command, const httplib::Request& req, const std::string& body,
    const std::vector<std::pair<std::string, std::string>>& path_params) {
  Values out;
  auto& values = out.json;
  for (const auto& [name, value] : path_params) values[name] = value;

  auto query = parse_query_string(query_of_target(req.target));
  if (auto* bad = std::get_if<QueryRefusal>(&query)) return input_failure(bad->name, bad->message);
  for (const auto& [name, value] : std::get<0>(query)) {
    const Param* p = find_param(command, name);
    if (p && p->cli_only) p = nullptr;
    if (p && p->type == ParamType::raw) {
      return input_failure(name, name + ": is the request's body, not a query parameter");
    }
    if (!p) {
      // Input refuses unknown names with the list of the command's parameters.
      if (values.contains(name)) return input_failure(name, name + ": given more than once");
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

  if (is_document_route(command)) {
    for (const auto& p : command.params)
      if (p.type == ParamType::raw && !body.empty()) values[p.name] = body;
    return out;
  }
  if (!takes_body(req.method) || body.empty()) return out;

  auto parsed = parse_strict_json(body);
  if (auto* bad = std::get_if<JsonRefusal>(&parsed)) {
    auto f = refusal("invalid_json", bad->message, 400);
    f.field = bad->key;
    return f;
  }
  auto& object = std::get<nlohmann::json>(parsed);
  if (!object.is_object()) {
    return refusal("invalid_json", "the request body must be a JSON object", 400);
  }
  for (auto& [name, value] : object.items()) {
    const Param* p = find_param(command, name);
    if (p && (p->cli_only || p->type == ParamType::raw)) {
      return input_failure(name, "unknown parameter '" + name + "'");
    }
    if (values.contains(name)) {
      return input_failure(name, name + ": given both in the path or query and in the body");
    }
    values[name] = std::move(value);
    out.from_body.insert(name);
  }
  return out;
}

constexpr const char* kSessionCookie = "prepaid_session";
constexpr std::size_t kMostLoginBytes = 4096;

/// The value of cookie `name` in the request's Cookie headers; nullopt when absent or empty.
std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name) {
  const auto count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    std::size_t at = 0;
    while (at < header.size()) {
      auto end = header.find(';', at);
      if (end == std::string::npos) end = header.size();
      std::string_view pair(header.data() + at, end - at);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name && eq + 1 < pair.size()) {
        return std::string(pair.substr(eq + 1));
      }
      at = end + 1;
    }
  }
  return std::nullopt;
}

/// Whether `given` equals `secret`, in time that depends on their lengths only.
bool same_secret(const std::string& given, const std::string& secret) {
  return given.size() == secret.size() && !secret.empty() &&
         CRYPTO_memcmp(given.data(), secret.data(), secret.size()) == 0;
}

Failure csrf_refusal() {
  return Failure{"csrf_token_invalid",
                 "a change made with the console's session cookie must carry its CSRF token in "
                 "the X-CSRF-Token header (GET /v1/session returns it)",
                 {},
                 {},
                 403,
                 ExitCode::forbidden};
}

/// The headers of every console file: what it may load (only this origin, no inline
/// script), never framed, never sniffed, revalidated before each use.
void console_headers(httplib::Response& res) {
  res.headers.erase("Cache-Control");
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
                 "form-action 'self'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
}

bool is_api_path(const std::string& path) {
  return path == "/v1" || path.rfind("/v1/", 0) == 0;
}

std::string_view code_for_status(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "no_route";
    case 408:
      return "request_timeout";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 416:
      return "bad_range";
    case 431:
      return "headers_too_large";
    default:
      return "http_error";
  }
}

}  // namespace

ApiServer::ApiServer(Services& services, const std::vector<Command>& commands,
                     ServerOptions options)
    : services_(services),
      router_(commands),
      options_(std::move(options)),
      engine_(std::make_unique<HttpEngine>()),
      limits_(options_.max_connections, options_.max_connections_per_address),
      sessions_(std::chrono::seconds(options_.session_idle_s),
                std::chrono::seconds(options_.session_lifetime_s)) {
  const bool cert = !options_.tls_certificate.empty();
  const bool key = !options_.tls_key.empty();
  if (cert != key) {
    throw std::runtime_error(
        "TLS needs both a certificate and a private key (--tls-cert and "
        "--tls-key)");
  }
  if (cert) tls_ = std::make_unique<TlsContext>(options_.tls_certificate, options_.tls_key);

  auto& server = *engine_;
  server.set_payload_max_length(std::max(options_.max_body_bytes, options_.max_json_bytes));
  server.set_keep_alive_timeout(static_cast<time_t>(options_.idle_timeout_s));
  server.set_keep_alive_max_count(100);
  server.set_default_headers({{"Cache-Control", "no-store"}});

  server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    handle(req, res, nullptr);
  });
  auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& body) { handle(req, res, &body); };
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Patch(".*", with_body);
  server.Delete(".*", with_body);

  // Methods without a handler would have their body read into memory by cpp-httplib before
  // anything else: refuse them while only their headers are read.
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    static const std::set<std::string> kServed = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
    if (kServed.count(req.method)) return httplib::Server::HandlerResponse::Unhandled;
    send_failure(res,
                 refusal("method_not_allowed",
                         req.method + " is not a method of this API (see docs/openapi.json)", 405));
    if (current) current->close = true;
    return httplib::Server::HandlerResponse::Handled;
  });

  // Errors found by cpp-httplib itself (400 malformed request, 414, …) get the same JSON shape
  // as ours; a request cut by its deadline or its header budget says so.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = "the request was refused (HTTP " + std::to_string(res.status) + ")";
        if (current && current->stream->timed_out()) {
          res.status = 408;
          message = "the request's headers did not arrive within " +
                    std::to_string(options_.header_timeout_s) + " s (serve --header-timeout)";
        } else if (current && current->stream->over_budget()) {
          res.status = 431;
          message = "the request line and headers are larger than " +
                    std::to_string(options_.max_header_bytes) + " bytes (serve --max-header-bytes)";
        } else if (res.status == 400) {
          message = "malformed HTTP request";
        } else if (res.status == 413) {
          message = "the request body is too large";
        }
        if (res.status >= 400 && res.status != 404 && current) current->close = true;
        send_failure(res, refusal(std::string(code_for_status(res.status)), message, res.status));
        std::string address = req.remote_addr;
        int port = 0;
        if (address.empty() && current) current->stream->get_remote_ip_and_port(address, port);
        log(address + " - " + req.method + " " + req.path + " " + std::to_string(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
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
  // A reply after which the connection ends says so (cpp-httplib announces keep-alive).
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (current && current->close) {
      res.headers.erase("Keep-Alive");
      res.set_header("Connection", "close");
    }
  });
}

ApiServer::~ApiServer() = default;

bool ApiServer::tls() const {
  return tls_ != nullptr;
}

void ApiServer::log(const std::string& line) const {
  if (log_) log_(line);
}

int ApiServer::bind() {
  listener_ = std::make_unique<Listener>(options_.listen, options_.port, options_.backlog);
  return listener_->port();
}

bool ApiServer::serve() {
  if (!listener_) throw std::logic_error("ApiServer::serve() before bind()");
  // One thread per admitted connection: a request never waits for a worker.
  httplib::ThreadPool pool(options_.max_connections);
  enqueue_ = [&pool](std::function<void()> job) { pool.enqueue(std::move(job)); };
  const bool ok = stopping_ || listener_->run([this](int fd, const std::string& address, int port) {
    accepted(fd, address, port);
  });
  stopping_ = true;
  {
    std::lock_guard lock(open_mutex_);
    for (Transport* t : open_) ::shutdown(t->fd(), SHUT_RDWR);
  }
  pool.shutdown();
  enqueue_ = nullptr;
  return ok;
}

void ApiServer::stop() {
  stopping_ = true;
  if (listener_) listener_->stop();
}

void ApiServer::refuse_connection(int fd, const std::string& address, int status,
                                  const std::string& code, const std::string& message) {
  if (!tls_) {
    // One non-blocking write of the whole reply (a few hundred bytes fit any socket buffer),
    // then what the client already sent is drained so that closing does not reset the
    // connection before it reads the reply. Nothing here waits.
    const std::string reply = canned_response(status, code, message);
    [[maybe_unused]] const auto sent =
        ::send(fd, reply.data(), reply.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    char sink[4096];
    for (int i = 0; i < 16 && ::recv(fd, sink, sizeof(sink), MSG_DONTWAIT) > 0; ++i) {
    }
  }
  ::close(fd);
  log(address + " - refused at accept: " + std::to_string(status) + " " + code);
}

void ApiServer::accepted(int fd, const std::string& address, int port) {
  if (!options_.allow.empty()) {
    bool allowed = false;
    for (const auto& range : options_.allow) allowed = allowed || range.contains(address);
    if (!allowed) {
      refuse_connection(fd, address, 403, "address_not_allowed",
                        "client address " + address + " is not in the API's allow-list");
      return;
    }
  }
  const auto ticket = limits_.admit(address, fd);
  switch (ticket.admission) {
    case ConnectionLimits::Admission::server_full:
      refuse_connection(fd, address, 503, "too_many_connections",
                        "the API has " + std::to_string(limits_.total()) +
                            " connections open, its limit (serve --max-connections); try again");
      return;
    case ConnectionLimits::Admission::address_full:
      refuse_connection(fd, address, 429, "too_many_connections",
                        "client address " + address + " has " +
                            std::to_string(limits_.per_address()) +
                            " connections open, its limit (serve "
                            "--max-connections-per-address); reuse or close one");
      return;
    case ConnectionLimits::Admission::admitted:
      break;
  }
  enqueue_([this, fd, address, port, id = ticket.id] {
    try {
      serve_connection(fd, address, port);
    } catch (...) {
      // serve_connection() closes its socket on every path; nothing may escape a worker.
    }
    limits_.release(id);
  });
}

void ApiServer::serve_connection(int fd, const std::string& address, int port) {
  const auto header_time = std::chrono::seconds(options_.header_timeout_s);
  const auto accepted_at = Clock::now();
  TlsTransport* secured = nullptr;
  std::unique_ptr<Transport> transport;  // closes the socket on every way out
  if (tls_) {
    transport = std::make_unique<TlsTransport>(fd, *tls_);
    secured = static_cast<TlsTransport*>(transport.get());
  } else {
    transport = std::make_unique<PlainTransport>(fd);
  }
  {
    std::lock_guard lock(open_mutex_);
    if (stopping_) return;
    open_.insert(transport.get());
  }
  const auto forget = [this, &transport] {
    std::lock_guard lock(open_mutex_);
    open_.erase(transport.get());
  };
  if (secured && !secured->accept(accepted_at + header_time)) {  // the handshake's deadline
    forget();
    return;
  }
  DeadlineStream stream(*transport, address, port, std::chrono::seconds(options_.write_timeout_s));
  Exchange exchange;
  current = &exchange;
  const std::size_t most = 100;
  auto first_byte_by = accepted_at + header_time;  // a new connection: from its accept
  for (std::size_t served = 0; served < most && !stopping_; ++served) {
    if (served > 0) {
      // Keep-alive: the next request must start within the idle timeout; its headers then
      // have their own deadline from that first byte.
      if (!stream.wait_readable(Clock::now() + std::chrono::seconds(options_.idle_timeout_s))) {
        break;
      }
      first_byte_by = Clock::now() + header_time;
    }
    exchange = Exchange{&stream};
    stream.limit_reads(first_byte_by, options_.max_header_bytes);
    bool client_closes = false;
    const bool ok = engine_->serve_request(
        stream, served + 1 == most, client_closes, [this, &stream, &exchange](httplib::Request&) {
          exchange.in_body = true;
          stream.limit_reads(Clock::now() + std::chrono::seconds(options_.body_timeout_s));
        });
    if (!ok && !exchange.in_body && stream.consumed() > 0 &&
        (stream.timed_out() || stream.over_budget())) {
      // The request line itself never ended: cpp-httplib gives up without a word.
      const bool late = stream.timed_out();
      const std::string reply =
          late ? canned_response(408, "request_timeout",
                                 "the request line did not arrive within " +
                                     std::to_string(options_.header_timeout_s) +
                                     " s (serve --header-timeout)")
               : canned_response(431, "headers_too_large",
                                 "the request line is longer than " +
                                     std::to_string(options_.max_header_bytes) + " bytes");
      transport->write(reply.data(), reply.size(), Clock::now() + std::chrono::seconds(1));
      log(address +
          " - cut: " + (late ? "408 request line too slow" : "431 request line too long"));
    }
    if (!ok || client_closes || exchange.close) break;
  }
  current = nullptr;
  transport->finish();
  if (exchange.close) transport->linger();
  forget();
}

void ApiServer::handle(const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader* body_reader) {
  const auto started = Clock::now();
  std::string who = "-";
  std::vector<std::string> allow_header;
  const auto access_log = [&] {
    if (!log_) return;
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    log_(req.remote_addr + " " + who + " " + req.method + " " + req.path + " " +
         std::to_string(res.status) + " " + std::to_string(ms) + "ms");
  };
  if (!is_api_path(req.path)) {
    serve_console(req, res);
    access_log();
    return;
  }
  if (req.path == "/v1/session") {
    handle_session(req, res, body_reader);
    access_log();
    return;
  }

  const auto done = [&]() -> Completion {
    const bool body_sent = has_body(req);
    if (body_sent && !takes_body(req.method)) {
      current->close = true;
      return refusal("bad_request", req.method + " requests take no body", 400);
    }
    const auto token = bearer_token(req);
    const auto cookie = token ? std::nullopt : cookie_value(req, kSessionCookie);
    if (!token && !cookie) {
      if (body_sent) current->close = true;
      return refusal("unauthenticated",
                     "send 'Authorization: Bearer <token>' (prepaidctl tokens create makes one), "
                     "or log in to the console (POST /v1/session)",
                     401);
    }
    std::optional<billing::Actor> actor;
    std::optional<ConsoleSession> session;
    try {
      if (token) {
        actor = services_.operators().actor_for_token(*token, "api " + req.remote_addr);
      } else if ((session = sessions_.touch(*cookie))) {
        actor = services_.operators().actor_for_operator(session->operator_name,
                                                         "console " + req.remote_addr);
      }
    } catch (const billing::SchemaMismatch& e) {
      current->close = body_sent;
      return schema_failure(e.what());
    } catch (const billing::StoreUnavailable& e) {
      current->close = body_sent;
      return unavailable_failure(std::string("database unavailable: ") + e.what());
    } catch (const billing::StoreError& e) {
      current->close = body_sent;
      return database_failure(std::string("database error: ") + e.what());
    }
    if (!actor) {
      current->close = body_sent;
      if (!token) {
        if (session) sessions_.close(*cookie);  // its operator was removed
        return refusal("unauthenticated",
                       "the console session has ended (logged out, idle or too old): log in "
                       "again",
                       401);
      }
      return refusal("unauthenticated", "unknown or revoked token", 401);
    }
    who = actor->name;
    if (session && req.method != "GET" && req.method != "HEAD" &&
        !same_secret(req.get_header_value("X-CSRF-Token"), session->csrf_token)) {
      current->close = body_sent;
      return csrf_refusal();
    }

    const auto match = router_.match(req.method, req.path);
    if (!match.command) {
      current->close = body_sent;
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
    const Command& command = *match.command;
    if (command.min_role == billing::Role::administrator &&
        actor->role == billing::Role::operator_) {
      current->close = body_sent;
      return Failure{
          "forbidden", "operator '" + actor->name + "' may not do this: administrators only",
          {},          {},
          403,         ExitCode::forbidden};
    }

    // Only now is the body read, within the route's limit.
    std::string body;
    if (body_sent && body_reader) {
      const bool document = is_document_route(command);
      const std::size_t limit = document ? options_.max_body_bytes : options_.max_json_bytes;
      const std::string limit_text =
          std::to_string(limit) + " bytes" +
          (document ? " (serve --max-body-bytes)" : " for JSON (serve --max-json-bytes)");
      if (const auto length = content_length(req);
          length && !req.has_header("Transfer-Encoding") && *length > limit) {
        current->close = true;
        return refusal("payload_too_large", "the request body is larger than " + limit_text, 413);
      }
      bool too_large = false;
      const bool read = (*body_reader)([&](const char* data, std::size_t size) {
        if (body.size() + size > limit) {
          too_large = true;
          return false;
        }
        body.append(data, size);
        return true;
      });
      if (!read) {
        current->close = true;
        if (too_large) {
          return refusal("payload_too_large", "the request body is larger than " + limit_text, 413);
        }
        if (current->stream->timed_out()) {
          return refusal("request_timeout",
                         "the request body did not arrive within " +
                             std::to_string(options_.body_timeout_s) + " s (serve --body-timeout)",
                         408);
        }
        return refusal("bad_request", "the request body is incomplete or malformed", 400);
      }
    }
    auto values = request_values(command, req, body, match.path_params);
    if (auto* f = std::get_if<Failure>(&values)) return *f;
    auto& given = std::get<Values>(values);
    const bool new_password = command.path == "/v1/operators/{name}/password";
    const std::string named = given.json.value("name", nlohmann::json("")).is_string()
                                  ? given.json.value("name", std::string())
                                  : std::string();
    auto completion = execute(command, services_, &*actor, std::move(given.json), {}, {},
                              std::move(given.from_body));
    // A new password ends the operator's console sessions (log in again with it).
    if (new_password && std::holds_alternative<Reply>(completion)) {
      sessions_.close_all_of(named);
    }
    return completion;
  }();

  if (const auto* f = std::get_if<Failure>(&done)) {
    send_failure(res, *f);
    if (f->http_status == 401 && f->code == "unauthenticated")
      res.set_header("WWW-Authenticate", "Bearer realm=\"prepaid\"");
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
  access_log();
}

const std::vector<std::string>& ApiServer::session_routes() {
  static const std::vector<std::string> routes = {"DELETE /v1/session", "GET /v1/session",
                                                  "POST /v1/session"};
  return routes;
}

std::string ApiServer::session_cookie(const std::string& value, bool expire) const {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       (expire ? std::string("0") : std::to_string(options_.session_lifetime_s));
  if (tls_) cookie += "; Secure";
  return cookie;
}

void ApiServer::serve_console(const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    if (has_body(req)) current->close = true;
    send_failure(res,
                 refusal("method_not_allowed",
                         req.method + " is not allowed on the console's pages (GET only)", 405));
    res.set_header("Allow", "GET, HEAD");
    return;
  }
  if (has_body(req)) {
    current->close = true;
    send_failure(res, refusal("bad_request", req.method + " requests take no body", 400));
    return;
  }
  const ConsoleAsset* asset = find_console_asset(req.path);
  if (!asset) {
    // A screen's URL (/cards, /counter/3) is the console's page; a missing file is a 404.
    const auto slash = req.path.rfind('/');
    if (req.path.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos) {
      send_failure(res, refusal("not_found", "no such file: " + req.path, 404));
      return;
    }
    asset = find_console_asset("/index.html");
    if (!asset) {
      send_failure(res, refusal("not_found", "this build has no web console", 404));
      return;
    }
  }
  console_headers(res);
  res.set_header("ETag", std::string(asset->etag));
  if (req.get_header_value("If-None-Match") == asset->etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(std::string(asset->body), std::string(asset->content_type));
}

void ApiServer::handle_session(const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader* body_reader) {
  const std::string source = "console " + req.remote_addr;
  auto& operators = services_.operators();
  const auto body_sent = has_body(req);
  const auto done = [&]() -> std::variant<nlohmann::json, Failure> {
    if (req.method != "GET" && req.method != "POST" && req.method != "DELETE") {
      current->close = body_sent;
      res.set_header("Allow", "DELETE, GET, POST");
      return refusal("method_not_allowed",
                     req.method + " is not allowed on /v1/session (allowed: DELETE, GET, POST)",
                     405);
    }
    if (body_sent && req.method != "POST") {
      current->close = true;
      return refusal("bad_request", req.method + " requests take no body", 400);
    }
    const auto cookie = cookie_value(req, kSessionCookie);
    try {
      if (req.method != "POST") {
        std::optional<ConsoleSession> session;
        if (cookie) session = sessions_.touch(*cookie);
        std::optional<billing::Actor> actor;
        if (session) actor = operators.actor_for_operator(session->operator_name, source);
        if (!actor && req.method == "GET") {
          // The console asks at every page load: no session is an answer, not an error.
          return nlohmann::json{{"operator", nullptr}, {"role", nullptr}, {"csrf_token", nullptr}};
        }
        if (!actor) {
          return refusal("unauthenticated", "no console session: log in (POST /v1/session)", 401);
        }
        if (req.method == "GET") {
          return nlohmann::json{{"operator", actor->name},
                                {"role", std::string(billing::to_string(actor->role))},
                                {"language", operators.language_of(actor->name)},
                                {"csrf_token", session->csrf_token}};
        }
        if (!same_secret(req.get_header_value("X-CSRF-Token"), session->csrf_token)) {
          return csrf_refusal();
        }
        sessions_.close(*cookie);
        operators.record_logout(*actor);
        res.set_header("Set-Cookie", session_cookie("", true));
        return nlohmann::json{{"logged_out", actor->name}};
      }

      // POST: a login. The body is small; read at most kMostLoginBytes of it.
      std::string body;
      if (const auto length = content_length(req);
          !body_reader || !length || *length > kMostLoginBytes) {
        current->close = body_sent;
        if (length && *length > kMostLoginBytes)
          return refusal("payload_too_large", "a login is a small JSON object", 413);
        return refusal("bad_request", R"(send {"name": "…", "password": "…"} as JSON)", 400);
      }
      const bool read = (*body_reader)([&](const char* data, std::size_t size) {
        if (body.size() + size > kMostLoginBytes) return false;
        body.append(data, size);
        return true;
      });
      if (!read) {
        current->close = true;
        return refusal("bad_request", "the request body is incomplete or too large", 400);
      }
      auto parsed = parse_strict_json(body);
      if (auto* bad = std::get_if<JsonRefusal>(&parsed)) {
        auto f = refusal("invalid_json", bad->message, 400);
        f.field = bad->key;
        return f;
      }
      const auto& object = std::get<nlohmann::json>(parsed);
      if (!object.is_object()) {
        return refusal("invalid_json", "the request body must be a JSON object", 400);
      }
      for (const auto& [key, value] : object.items()) {
        if (key != "name" && key != "password") {
          return input_failure(key, "unknown parameter '" + key + "' (name, password)");
        }
        if (!value.is_string()) return input_failure(key, key + ": must be a string");
      }
      if (!object.contains("name")) return input_failure("name", "name: required");
      if (!object.contains("password")) return input_failure("password", "password: required");
      const auto name = object.at("name").get<std::string>();
      const auto password = object.at("password").get<std::string>();

      if (const auto wait = throttle_.wait(name, req.remote_addr); wait.count() > 0) {
        res.set_header("Retry-After", std::to_string(wait.count()));
        return refusal("login_throttled",
                       "too many failed logins for this name or address: try again in " +
                           std::to_string(wait.count()) + " s",
                       429);
      }
      std::optional<billing::Actor> actor;
      {
        // One password check at a time: each takes 64 MiB and most of a core for ~0.1 s.
        std::lock_guard lock(password_mutex_);
        actor = operators.login(name, password, source);
      }
      if (!actor) {
        throttle_.failed(name, req.remote_addr);
        return refusal("login_failed", "wrong operator name or password", 401);
      }
      throttle_.succeeded(name, req.remote_addr);
      if (cookie) sessions_.close(*cookie);
      const auto opened = sessions_.open(actor->name);
      res.set_header("Set-Cookie", session_cookie(opened.id, false));
      return nlohmann::json{{"operator", actor->name},
                            {"role", std::string(billing::to_string(actor->role))},
                            {"language", operators.language_of(actor->name)},
                            {"csrf_token", opened.csrf_token},
                            {"idle_timeout_s", options_.session_idle_s},
                            {"lifetime_s", options_.session_lifetime_s}};
    } catch (const billing::SchemaMismatch& e) {
      return schema_failure(e.what());
    } catch (const billing::StoreUnavailable& e) {
      return unavailable_failure(std::string("database unavailable: ") + e.what());
    } catch (const billing::StoreError& e) {
      return database_failure(std::string("database error: ") + e.what());
    }
  }();
  if (const auto* f = std::get_if<Failure>(&done)) {
    send_failure(res, *f);
  } else {
    send_json(res, 200, std::get<nlohmann::json>(done));
  }
}

}  // namespace prepaid::cli

#pragma once
/// @file server_options.h
/// @brief ServerOptions: where and how `prepaidctl serve` listens, and the limits that keep
/// slow, idle or greedy clients from taking it over (docs/http-api.md, "Limits").

#include <cstddef>
#include <string>
#include <vector>

#include "admin-cli/api/address_range.h"

namespace prepaid::cli {

/// @brief The API server's settings (defaults are the safe ones).
struct ServerOptions {
  std::string listen = "127.0.0.1";  ///< address to bind; loopback unless told otherwise
  int port = 8080;                   ///< 0: any free port (printed at start)
  /// PEM certificate (chain) and private key: both set = HTTPS, both empty = plain HTTP.
  std::string tls_certificate;
  std::string tls_key;
  /// Client addresses allowed to talk to the API; empty = any client that can connect.
  /// Checked when a connection is accepted: others are answered 403 and closed at once.
  std::vector<AddressRange> allow;

  /// Largest document body (a price-list CSV, a tariff file): a 250k-line deck is ~12 MB.
  std::size_t max_body_bytes = 32u << 20;
  /// Largest JSON body (every other route): the largest real one, a status change of a few
  /// thousand card numbers, is well under 1 MiB.
  std::size_t max_json_bytes = 1u << 20;
  /// Largest request line plus headers.
  std::size_t max_header_bytes = 64u << 10;

  /// Seconds a client has to send a request's line and headers, counted from its first byte
  /// (on a new connection: from the accept, TLS handshake included).
  unsigned header_timeout_s = 10;
  /// Seconds a client has to send a request's whole body, counted after its headers.
  unsigned body_timeout_s = 120;
  /// Seconds a reply may wait for the client to take more of it.
  unsigned write_timeout_s = 30;
  /// Seconds an idle keep-alive connection is kept waiting for its next request.
  unsigned idle_timeout_s = 5;

  /// Open connections at once (each has a worker thread of its own, so an admitted request
  /// never waits for a worker); more are answered 503 and closed at once.
  std::size_t max_connections = 64;
  /// Open connections at once from one client address; more are answered 429 and closed.
  std::size_t max_connections_per_address = 8;
  /// Connections the kernel may queue before they are accepted.
  int backlog = 511;

  /// Seconds a web console session may stay unused before it ends (logged out).
  unsigned session_idle_s = 30 * 60;
  /// Seconds a web console session lasts at most from its login, however much it is used.
  unsigned session_lifetime_s = 12 * 60 * 60;
};

}  // namespace prepaid::cli

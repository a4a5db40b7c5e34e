#pragma once
/// @file server_options.h
/// @brief ServerOptions: where and how `prepaidctl serve` listens.

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
  std::vector<AddressRange> allow;
  std::size_t max_body_bytes = 32u << 20;  ///< larger bodies get 413 (a 250k-line deck ≈ 12 MB)
  unsigned timeout_s = 30;                 ///< read and write timeout of a connection
};

}  // namespace prepaid::cli

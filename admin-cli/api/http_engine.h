#pragma once
/// @file http_engine.h
/// @brief HttpEngine: cpp-httplib's Server as the API uses it — its request parser, router
/// and response writer, applied one request at a time to connections the API accepted and
/// admitted itself (ApiServer). Its own listen loop, thread pool and sockets are never used:
/// cpp-httplib 0.11 can neither refuse a connection at accept time nor bound a whole request
/// in time, so ApiServer owns the sockets and hands each request to it here.

#include <httplib.h>

#include <functional>

namespace prepaid::cli {

/// @brief httplib::Server with its per-request step made callable.
class HttpEngine final : public httplib::Server {
 public:
  /// Reads one request from `stream`, routes it to the handlers and writes the response.
  /// `last`: answer with "Connection: close". `client_closes` is set when the request asked
  /// to close. `on_headers` runs once the request line and headers are read, before the
  /// body. Returns false when the connection cannot go on (nothing read, or a write failed).
  bool serve_request(httplib::Stream& stream, bool last, bool& client_closes,
                     const std::function<void(httplib::Request&)>& on_headers) {
    return process_request(stream, last, client_closes, on_headers);
  }
};

}  // namespace prepaid::cli

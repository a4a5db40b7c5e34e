#pragma once
/// @file raw_client.h
/// @brief RawClient: a TCP connection to a local server from a chosen loopback source address
/// (any of 127.0.0.0/8), writing exactly the bytes a test gives it — the slow, partial or
/// oversized requests an HTTP client library would never send.

#include <chrono>
#include <string>
#include <string_view>

namespace prepaid::cli::testing {

/// @brief One raw connection (closed when destroyed).
class RawClient {
 public:
  /// Connects from `source` (e.g. "127.0.0.2") to 127.0.0.1:`port`; throws when it cannot.
  RawClient(const std::string& source, int port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  /// Sends all of `bytes` (blocking); false when the server closed or reset the connection.
  bool send(std::string_view bytes);
  /// Reads what has arrived, waiting at most `wait` for something; keeps it in received().
  /// Returns false once the server has closed the connection (or reset it).
  bool poll(std::chrono::milliseconds wait);
  /// Reads until the server closes or `limit` passes; true when it closed in time.
  bool read_until_closed(std::chrono::milliseconds limit);

  const std::string& received() const { return received_; }
  bool closed() const { return closed_; }
  /// The HTTP status of what was received (0 when none yet).
  int status() const;

 private:
  int fd_ = -1;
  std::string received_;
  bool closed_ = false;
};

}  // namespace prepaid::cli::testing

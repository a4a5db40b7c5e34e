#pragma once
/// @file listener.h
/// @brief Listener: the API's listening socket and its accept loop. Every accepted connection
/// goes at once, with its client address, to a callback on the accepting thread, which decides
/// there whether it may cost a worker (allow-list, connection limits).

#include <functional>
#include <string>

namespace prepaid::cli {

/// @brief A listening TCP socket (IPv4 or IPv6) and the loop that accepts on it.
class Listener {
 public:
  /// Receives each accepted socket (non-blocking, close-on-exec; the callback owns it) and
  /// the client's numeric address ("10.0.0.5"; IPv4-mapped IPv6 addresses as IPv4) and port.
  using Accepted = std::function<void(int fd, const std::string& address, int port)>;

  /// Binds `host` (a numeric address or "localhost"), `port` (0: any free port) and listens
  /// with `backlog` pending connections. Throws std::runtime_error when it cannot.
  Listener(const std::string& host, int port, int backlog);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  /// The port listened on.
  int port() const { return port_; }
  /// Accepts until stop(); returns false when accepting failed for good.
  bool run(const Accepted& accepted);
  /// Makes run() return soon (thread-safe, async-signal-safe).
  void stop();

 private:
  int fd_ = -1;
  int wake_[2] = {-1, -1};  ///< a pipe: stop() writes, run() polls the read end
  int port_ = 0;
};

/// The numeric text of a socket address; IPv4-mapped IPv6 ("::ffff:10.0.0.5") as IPv4.
std::string numeric_address(const void* sockaddr, unsigned length, int* port = nullptr);

}  // namespace prepaid::cli

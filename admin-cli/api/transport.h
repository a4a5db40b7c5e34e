#pragma once
/// @file transport.h
/// @brief Transport: the bytes of one accepted API connection — plain TCP or TLS — read and
/// written against deadlines, never a bare per-call timeout: a peer that sends one byte a
/// second still meets the deadline it was given, and loses the connection there.

#include <openssl/ssl.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace prepaid::cli {

using Deadline = std::chrono::steady_clock::time_point;

/// @brief A connected, non-blocking socket's bytes. Owns the socket and closes it.
class Transport {
 public:
  virtual ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// Up to `size` bytes: > 0 read, 0 when the peer closed, -1 on an error or when `deadline`
  /// passed first (then timed_out() is true).
  virtual ssize_t read(char* data, std::size_t size, Deadline deadline) = 0;
  /// Writes some of `data` (at least one byte) before `deadline`: the count, or -1 on an error
  /// or when the deadline passed first.
  virtual ssize_t write(const char* data, std::size_t size, Deadline deadline) = 0;
  /// True when read() has bytes without waiting for the network (decrypted TLS records).
  virtual bool has_buffered() const { return false; }
  /// Ends the connection's protocol politely when it can (TLS close_notify), without waiting.
  virtual void finish() {}

  /// Before closing with a request left unread: stops sending, then reads and drops what the
  /// peer still sends for a moment (at most 250 ms, 1 MiB), so that the close does not reset
  /// the connection before the peer has read the reply.
  void linger();
  /// Waits until the peer sends something (or closed), at most until `deadline`.
  bool wait_readable(Deadline deadline);
  bool timed_out() const { return timed_out_; }
  int fd() const { return fd_; }

 protected:
  /// Takes `fd` (made non-blocking here).
  explicit Transport(int fd);
  /// poll() for `events` until `deadline`: true when ready; false on error or timeout
  /// (timed_out_ set for a timeout).
  bool wait_for(short events, Deadline deadline);

 private:
  int fd_;
  bool timed_out_ = false;
};

/// @brief Plain TCP.
class PlainTransport final : public Transport {
 public:
  explicit PlainTransport(int fd) : Transport(fd) {}
  ssize_t read(char* data, std::size_t size, Deadline deadline) override;
  ssize_t write(const char* data, std::size_t size, Deadline deadline) override;
};

/// @brief The server's TLS settings: certificate chain and key (PEM), TLS 1.2 or later.
class TlsContext {
 public:
  /// Throws std::runtime_error when a file cannot be read or the key does not match.
  TlsContext(const std::string& certificate_chain, const std::string& private_key);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;
  SSL_CTX* get() const { return ctx_; }

 private:
  SSL_CTX* ctx_ = nullptr;
};

/// @brief TLS over a socket; the handshake must succeed before `deadline` (accept()).
class TlsTransport final : public Transport {
 public:
  TlsTransport(int fd, const TlsContext& context);
  ~TlsTransport() override;
  /// The server side of the handshake; false when it fails or `deadline` passes first.
  bool accept(Deadline deadline);
  ssize_t read(char* data, std::size_t size, Deadline deadline) override;
  ssize_t write(const char* data, std::size_t size, Deadline deadline) override;
  bool has_buffered() const override;
  void finish() override;

 private:
  /// After an SSL call returned `ret`: waits as OpenSSL asks and returns true to retry.
  bool retry(int ret, Deadline deadline);
  SSL* ssl_ = nullptr;
};

}  // namespace prepaid::cli

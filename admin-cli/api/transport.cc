#include "admin-cli/api/transport.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <stdexcept>

namespace prepaid::cli {
namespace {

/// Milliseconds left until `deadline` for poll() (0 when past).
int millis_until(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
  if (left <= 0) return 0;
  return left > INT_MAX ? INT_MAX : static_cast<int>(left);
}

}  // namespace

Transport::Transport(int fd) : fd_(fd) {
  const int flags = ::fcntl(fd_, F_GETFL, 0);
  if (flags >= 0) ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
}

Transport::~Transport() {
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
}

bool Transport::wait_for(short events, Deadline deadline) {
  timed_out_ = false;
  for (;;) {
    pollfd p{fd_, events, 0};
    const int wait = millis_until(deadline);
    const int n = ::poll(&p, 1, wait);
    if (n > 0) return true;
    if (n == 0) {
      if (wait == 0 || std::chrono::steady_clock::now() >= deadline) {
        timed_out_ = true;
        return false;
      }
      continue;  // woke a little early
    }
    if (errno != EINTR) return false;
  }
}

void Transport::linger() {
  ::shutdown(fd_, SHUT_WR);
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
  char sink[16384];
  for (std::size_t drained = 0; drained < (1u << 20);) {
    const ssize_t n = ::recv(fd_, sink, sizeof(sink), 0);
    if (n > 0) {
      drained += static_cast<std::size_t>(n);
    } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ||
               (errno != EINTR && !wait_for(POLLIN, until))) {
      break;
    }
  }
}

bool Transport::wait_readable(Deadline deadline) {
  return has_buffered() || wait_for(POLLIN, deadline);
}

ssize_t PlainTransport::read(char* data, std::size_t size, Deadline deadline) {
  for (;;) {
    const ssize_t n = ::recv(fd(), data, size, 0);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    if (!wait_for(POLLIN, deadline)) return -1;
  }
}

ssize_t PlainTransport::write(const char* data, std::size_t size, Deadline deadline) {
  for (;;) {
    const ssize_t n = ::send(fd(), data, size, MSG_NOSIGNAL);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    if (!wait_for(POLLOUT, deadline)) return -1;
  }
}

TlsContext::TlsContext(const std::string& certificate_chain, const std::string& private_key)
    : ctx_(SSL_CTX_new(TLS_server_method())) {
  if (!ctx_) throw std::runtime_error("cannot create a TLS context");
  SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx_, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(ctx_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_use_certificate_chain_file(ctx_, certificate_chain.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx_, private_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx_) != 1) {
    ERR_clear_error();
    SSL_CTX_free(ctx_);
    ctx_ = nullptr;
    throw std::runtime_error("cannot load the TLS certificate " + certificate_chain +
                             " or its key " + private_key + " (PEM files, readable, matching)");
  }
}

TlsContext::~TlsContext() {
  if (ctx_) SSL_CTX_free(ctx_);
}

TlsTransport::TlsTransport(int fd, const TlsContext& context)
    : Transport(fd), ssl_(SSL_new(context.get())) {
  if (ssl_) SSL_set_fd(ssl_, fd);
}

TlsTransport::~TlsTransport() {
  if (ssl_) SSL_free(ssl_);
}

bool TlsTransport::retry(int ret, Deadline deadline) {
  switch (SSL_get_error(ssl_, ret)) {
    case SSL_ERROR_WANT_READ:
      return wait_for(POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE:
      return wait_for(POLLOUT, deadline);
    default:
      ERR_clear_error();
      return false;
  }
}

bool TlsTransport::accept(Deadline deadline) {
  if (!ssl_) return false;
  for (;;) {
    const int ret = SSL_accept(ssl_);
    if (ret == 1) return true;
    if (!retry(ret, deadline)) return false;
  }
}

ssize_t TlsTransport::read(char* data, std::size_t size, Deadline deadline) {
  const int want = size > INT_MAX ? INT_MAX : static_cast<int>(size);
  for (;;) {
    const int ret = SSL_read(ssl_, data, want);
    if (ret > 0) return ret;
    if (SSL_get_error(ssl_, ret) == SSL_ERROR_ZERO_RETURN) return 0;
    if (!retry(ret, deadline)) return -1;
  }
}

ssize_t TlsTransport::write(const char* data, std::size_t size, Deadline deadline) {
  const int want = size > INT_MAX ? INT_MAX : static_cast<int>(size);
  for (;;) {
    const int ret = SSL_write(ssl_, data, want);
    if (ret > 0) return ret;
    if (!retry(ret, deadline)) return -1;
  }
}

bool TlsTransport::has_buffered() const {
  return ssl_ && SSL_pending(ssl_) > 0;
}

void TlsTransport::finish() {
  if (ssl_) {
    SSL_shutdown(ssl_);  // sends close_notify if it can without waiting; the socket closes next
    ERR_clear_error();
  }
}

}  // namespace prepaid::cli

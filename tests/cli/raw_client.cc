#include "raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace prepaid::cli::testing {

RawClient::RawClient(const std::string& source, int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof(from)) != 0 ||
      ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof(to)) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("cannot connect from " + source + ": " + why);
  }
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawClient::poll(std::chrono::milliseconds wait) {
  if (closed_) return false;
  pollfd p{fd_, POLLIN, 0};
  int timeout = static_cast<int>(wait.count());
  while (::poll(&p, 1, timeout) > 0) {
    char buffer[8192];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n > 0) {
      received_.append(buffer, static_cast<std::size_t>(n));
      timeout = 0;  // take what else is there, without waiting again
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
    closed_ = true;  // 0: closed; < 0: reset
    break;
  }
  return !closed_;
}

bool RawClient::read_until_closed(std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!closed_ && std::chrono::steady_clock::now() < end) {
    poll(std::chrono::duration_cast<std::chrono::milliseconds>(end -
                                                               std::chrono::steady_clock::now()));
  }
  return closed_;
}

int RawClient::status() const {
  if (received_.compare(0, 9, "HTTP/1.1 ") != 0 || received_.size() < 12) return 0;
  return std::atoi(received_.substr(9, 3).c_str());
}

}  // namespace prepaid::cli::testing

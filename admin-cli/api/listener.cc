#include "admin-cli/api/listener.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace prepaid::cli {

std::string numeric_address(const void* address, unsigned length, int* port) {
  char host[NI_MAXHOST] = {};
  char serv[NI_MAXSERV] = {};
  if (::getnameinfo(static_cast<const sockaddr*>(address), length, host, sizeof(host), serv,
                    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return "?";
  }
  if (port) *port = std::atoi(serv);
  std::string text = host;
  constexpr std::string_view kMapped = "::ffff:";
  if (text.size() > kMapped.size() && text.compare(0, kMapped.size(), kMapped) == 0 &&
      text.find('.') != std::string::npos) {
    text.erase(0, kMapped.size());
  }
  return text;
}

Listener::Listener(const std::string& host, int port, int backlog) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found) {
    throw std::runtime_error("cannot listen on " + host + ": not an address of this machine");
  }
  int error = 0;
  for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, backlog) == 0) {
      fd_ = fd;
    } else {
      error = errno;
      ::close(fd);
    }
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) {
    throw std::runtime_error("cannot listen on " + host + " port " + std::to_string(port) + " (" +
                             std::strerror(error) + ")");
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &length);
  numeric_address(&bound, length, &port_);
  if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot create a pipe");
  }
}

Listener::~Listener() {
  for (int fd : {fd_, wake_[0], wake_[1]})
    if (fd >= 0) ::close(fd);
}

void Listener::stop() {
  const char byte = 1;
  [[maybe_unused]] const auto n = ::write(wake_[1], &byte, 1);
}

bool Listener::run(const Accepted& accepted) {
  for (;;) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (fds[1].revents) return true;
    if (!(fds[0].revents & POLLIN)) {
      if (fds[0].revents & (POLLERR | POLLNVAL)) return false;
      continue;
    }
    sockaddr_storage peer{};
    socklen_t length = sizeof(peer);
    const int fd =
        ::accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      switch (errno) {
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
          // Out of descriptors or memory: leave the connection queued for a moment.
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
          continue;
        case EINTR:
        case EAGAIN:
        case ECONNABORTED:
        case EPROTO:
          continue;
        default:
          return false;
      }
    }
    int port = 0;
    const std::string address = numeric_address(&peer, length, &port);
    accepted(fd, address, port);
  }
}

}  // namespace prepaid::cli

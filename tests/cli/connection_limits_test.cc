#include "admin-cli/api/connection_limits.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

using prepaid::cli::ConnectionLimits;
using prepaid::cli::peer_closed;
using Admission = ConnectionLimits::Admission;

namespace {

/// Real TCP connections over loopback: the client's end and the server's (accepted) end.
class Loopback {
 public:
  Loopback() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&a), len) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("loopback listener");
    address_ = a;
  }
  ~Loopback() {
    for (int fd : fds_)
      if (fd >= 0) ::close(fd);
    ::close(listener_);
  }
  Loopback(const Loopback&) = delete;
  Loopback& operator=(const Loopback&) = delete;

  /// A new connection: {client fd, server fd}.
  std::array<int, 2> connect() {
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    if (client < 0 ||
        ::connect(client, reinterpret_cast<const sockaddr*>(&address_), sizeof(address_)) != 0)
      throw std::runtime_error("loopback connect");
    const int server = ::accept(listener_, nullptr, nullptr);
    if (server < 0) throw std::runtime_error("loopback accept");
    fds_.push_back(client);
    fds_.push_back(server);
    return {client, server};
  }

  /// Closes the client's end and waits (2 s at most) until the server's end sees it.
  static void close_client(std::array<int, 2>& c) {
    ::close(c[0]);
    pollfd p{};
    p.fd = c[1];
    p.events = POLLRDHUP;
    ::poll(&p, 1, 2000);
  }

 private:
  int listener_ = -1;
  sockaddr_in address_{};
  std::vector<int> fds_;
};

}  // namespace

TEST_CASE("connections are counted per address and overall, and freed when they end") {
  // Proves one address cannot take more than its share, nor all addresses more than the total.
  ConnectionLimits limits(5, 2);
  const auto a1 = limits.admit("10.0.0.1");
  CHECK(a1.admission == Admission::admitted);
  const auto a2 = limits.admit("10.0.0.1");
  CHECK(a2.admission == Admission::admitted);
  CHECK(a1.id != a2.id);
  CHECK(limits.admit("10.0.0.1").admission == Admission::address_full);
  CHECK(limits.open_from("10.0.0.1") == 2);
  const auto b1 = limits.admit("10.0.0.2");
  const auto b2 = limits.admit("10.0.0.2");
  const auto c1 = limits.admit("10.0.0.3");
  CHECK(c1.admission == Admission::admitted);
  CHECK(limits.open() == 5);
  CHECK(limits.admit("10.0.0.4").admission == Admission::server_full);
  limits.release(a1.id);
  const auto d1 = limits.admit("10.0.0.4");
  CHECK(d1.admission == Admission::admitted);
  CHECK(limits.admit("10.0.0.1").admission == Admission::server_full);
  for (const auto& t : {a2, b1, b2, c1, d1}) limits.release(t.id);
  CHECK(limits.open() == 0);
  CHECK(limits.open_from("10.0.0.2") == 0);
  limits.release(a1.id);    // released already: ignored
  limits.release(1000000);  // never admitted: ignored
  CHECK(limits.open() == 0);
}

TEST_CASE("a connection its client has closed no longer counts against the address") {
  // Proves, over real loopback connections, that an address at its share is refused while
  // its connections are open, admitted once one of them is closed by its client (a browser
  // abandoning a request, while the server still works on it), that the closed one still
  // counts in the total until released, and that its release does not count twice.
  Loopback net;
  auto c1 = net.connect();
  auto c2 = net.connect();
  auto c3 = net.connect();
  auto c4 = net.connect();
  CHECK_FALSE(peer_closed(c1[1]));
  ConnectionLimits limits(3, 2);
  const auto t1 = limits.admit("127.0.0.1", c1[1]);
  const auto t2 = limits.admit("127.0.0.1", c2[1]);
  REQUIRE(t1.admission == Admission::admitted);
  REQUIRE(t2.admission == Admission::admitted);
  CHECK(limits.admit("127.0.0.1", c3[1]).admission == Admission::address_full);  // both open

  Loopback::close_client(c1);
  CHECK(peer_closed(c1[1]));
  const auto t3 = limits.admit("127.0.0.1", c3[1]);
  CHECK(t3.admission == Admission::admitted);
  CHECK(limits.open_from("127.0.0.1") == 2);  // c2 and c3
  CHECK(limits.open() == 3);                  // c1's worker is not done with it yet
  CHECK(limits.admit("127.0.0.1", c4[1]).admission == Admission::server_full);

  limits.release(t1.id);  // c1's worker is done: the total frees, the address's count is kept
  CHECK(limits.open() == 2);
  CHECK(limits.open_from("127.0.0.1") == 2);
  CHECK(limits.admit("127.0.0.1", c4[1]).admission == Admission::address_full);
  limits.release(t2.id);
  limits.release(t3.id);
  CHECK(limits.open() == 0);
  CHECK(limits.open_from("127.0.0.1") == 0);
}

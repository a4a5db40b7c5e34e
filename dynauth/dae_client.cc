#include "dynauth/dae_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dynauth/authenticator.h"
#include "dynauth/error_cause.h"

namespace prepaid::dynauth {

namespace {

using Clock = std::chrono::steady_clock;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// A UDP socket connected to the target; -1 and `why` when that fails.
int connected_socket(const DaeTarget& target, std::string& why) {
  sockaddr_storage addr{};
  socklen_t len = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  if (inet_pton(AF_INET, target.address.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(target.port);
    len = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, target.address.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(target.port);
    len = sizeof(sockaddr_in6);
  } else {
    why = "the NAS's dynamic-authorization address '" + target.address + "' is not an IP address";
    return -1;
  }
  const int fd = ::socket(addr.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    why = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0) {
    why = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

DisconnectResult send_disconnect(const DaeTarget& target, const CallIdentity& call,
                                 const RetryPolicy& policy, std::uint32_t event_timestamp) {
  const auto start = Clock::now();
  DisconnectResult result;
  if (!policy.valid()) {
    result.detail = "retry policy out of range";
    return result;
  }
  std::uint8_t identifier = 0;
  if (RAND_bytes(&identifier, 1) != 1) {
    result.detail = "no random identifier";
    return result;
  }
  const auto wire = signed_disconnect_request(call, identifier, event_timestamp, target.secret);
  if (!wire) {
    result.detail =
        "the call cannot be named in a Disconnect-Request (no User-Name nor Acct-Session-Id, or "
        "no NAS IP address)";
    return result;
  }
  Authenticator request_auth{};
  std::memcpy(request_auth.data(), wire->data() + 4, request_auth.size());
  std::string why;
  Socket sock(connected_socket(target, why));
  if (sock.fd() < 0) {
    result.detail = why;
    return result;
  }
  std::string bad;  // why the last discarded answer was discarded
  for (unsigned t = 0; t < policy.tries; ++t) {
    if (::send(sock.fd(), wire->data(), wire->size(), 0) < 0 && errno != ECONNREFUSED) {
      result.detail = std::string("send: ") + std::strerror(errno);
      result.elapsed = since(start);
      return result;
    }
    ++result.attempts;
    const auto deadline = Clock::now() + policy.timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      pollfd p{sock.fd(), POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) break;
      Bytes buffer(kMaxPacketLength);
      const ssize_t got = ::recv(sock.fd(), buffer.data(), buffer.size(), 0);
      if (got < 0) continue;  // ICMP port unreachable (ECONNREFUSED): wait as for silence
      buffer.resize(static_cast<std::size_t>(got));
      const auto answer = decode(buffer);
      if (!answer || answer->identifier != identifier) continue;
      if (answer->code != static_cast<std::uint8_t>(Code::disconnect_ack) &&
          answer->code != static_cast<std::uint8_t>(Code::disconnect_nak))
        continue;
      switch (check_answer(buffer, request_auth, target.secret)) {
        case AnswerCheck::valid:
          break;
        case AnswerCheck::bad_response_authenticator:
          bad = "the answer's Response Authenticator does not verify (the NAS's secret differs)";
          continue;
        case AnswerCheck::bad_message_authenticator:
          bad = "the answer's Message-Authenticator does not verify (the NAS's secret differs)";
          continue;
      }
      if (const Attribute* cause = answer->find(attr::kErrorCause))
        result.error_cause = integer_of(*cause);
      if (answer->code == static_cast<std::uint8_t>(Code::disconnect_ack)) {
        result.outcome = Outcome::ack;
      } else {
        result.outcome = Outcome::nak;
        result.detail = result.error_cause ? std::string(error_cause_name(*result.error_cause))
                                           : std::string("no Error-Cause");
        if (result.detail.empty()) result.detail = "unknown Error-Cause";
      }
      result.elapsed = since(start);
      return result;
    }
  }
  result.elapsed = since(start);
  if (!bad.empty()) {
    result.outcome = Outcome::bad_answer;
    result.detail = bad;
  } else {
    result.outcome = Outcome::no_answer;
    result.detail = "no answer after " + std::to_string(result.attempts) + " tries of " +
                    std::to_string(policy.timeout.count()) + " ms";
  }
  return result;
}

}  // namespace prepaid::dynauth

// Proves the client sends the signed request to the NAS's port, retransmits the same datagram
// on silence within its time bound, and reports ACK, NAK with Error-Cause, no answer, and an
// answer signed with another secret, ignoring answers with another identifier.
#include "dynauth/dae_client.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include "dynauth/authenticator.h"

using namespace prepaid::dynauth;
using namespace std::chrono_literals;

namespace {

// A loopback UDP responder: each datagram goes to `answer`, which returns what to send back
// (nothing when empty). Stops with the object; every wait bounded (50 ms polls).
class Responder {
 public:
  using Answer = std::function<Bytes(const Bytes&)>;
  explicit Responder(Answer answer) : answer_(std::move(answer)) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~Responder() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::uint16_t port() const { return port_; }
  std::vector<Bytes> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      Bytes buf(4096);
      sockaddr_in from{};
      socklen_t len = sizeof from;
      const ssize_t n =
          ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n <= 0) continue;
      buf.resize(static_cast<std::size_t>(n));
      {
        std::lock_guard lock(mutex_);
        received_.push_back(buf);
      }
      const Bytes out = answer_(buf);
      if (!out.empty())
        ::sendto(fd_, out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&from), len);
    }
  }
  Answer answer_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Bytes> received_;
};

// The answer `code` to `request`, with Message-Authenticator and optionally an Error-Cause,
// signed with `secret`.
Bytes answer(const Bytes& request, std::uint8_t code, std::string_view secret,
             std::optional<std::uint32_t> cause = std::nullopt, int id_delta = 0) {
  Packet p;
  p.code = code;
  p.identifier = static_cast<std::uint8_t>(request[1] + id_delta);
  p.attributes.push_back({attr::kMessageAuthenticator, Bytes(16, 0)});
  if (cause) p.attributes.push_back({attr::kErrorCause, integer_value(*cause)});
  Bytes wire = *encode(p);
  Authenticator auth{};
  for (std::size_t i = 0; i < 16; ++i) auth[i] = request[4 + i];
  REQUIRE(sign_answer(wire, auth, secret));
  return wire;
}

const CallIdentity kCall{"710000000001", "000B5571", "127.0.0.1"};
const RetryPolicy kFast{200ms, 3};

}  // namespace

TEST_CASE("an ACK is reported after one datagram, the request signed with the secret") {
  Responder nas([](const Bytes& r) { return answer(r, 41, "secret"); });
  const auto r = send_disconnect({"127.0.0.1", nas.port(), "secret"}, kCall, kFast, 1765000000);
  CHECK(r.outcome == Outcome::ack);
  CHECK(r.attempts == 1);
  CHECK_FALSE(r.error_cause);
  const auto got = nas.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0][0] == 40);
  CHECK(verify_request(got[0], "secret"));
  const auto p = decode(got[0]);
  REQUIRE(p);
  CHECK(p->find(attr::kAcctSessionId)->value == text_value("000B5571"));
}

TEST_CASE("a NAK is reported with its Error-Cause") {
  Responder nas([](const Bytes& r) { return answer(r, 42, "secret", 503); });
  const auto r = send_disconnect({"127.0.0.1", nas.port(), "secret"}, kCall, kFast, 1);
  CHECK(r.outcome == Outcome::nak);
  CHECK(r.error_cause == 503u);
  CHECK(r.detail == "Session Context Not Found");
}

TEST_CASE("a silent NAS gets every try of the same datagram, then no answer, within the bound") {
  Responder nas([](const Bytes&) { return Bytes{}; });
  const auto start = std::chrono::steady_clock::now();
  const auto r = send_disconnect({"127.0.0.1", nas.port(), "secret"}, kCall, kFast, 1);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(r.outcome == Outcome::no_answer);
  CHECK(r.attempts == 3);
  CHECK(took >= 550ms);  // 3 × 200 ms, poll() counts whole milliseconds
  CHECK(took < 2s);
  const auto got = nas.received();
  REQUIRE(got.size() == 3);
  CHECK(got[1] == got[0]);
  CHECK(got[2] == got[0]);
}

TEST_CASE("an answer signed with another secret is reported as such, not as an ACK") {
  Responder nas([](const Bytes& r) { return answer(r, 41, "not-the-secret"); });
  const auto r = send_disconnect({"127.0.0.1", nas.port(), "secret"}, kCall, kFast, 1);
  CHECK(r.outcome == Outcome::bad_answer);
  CHECK(r.detail.find("Response Authenticator") != std::string::npos);
  CHECK(r.attempts == 3);
}

TEST_CASE("an answer with another identifier is ignored") {
  Responder nas([](const Bytes& r) { return answer(r, 41, "secret", std::nullopt, 1); });
  const auto r = send_disconnect({"127.0.0.1", nas.port(), "secret"}, kCall, {150ms, 2}, 1);
  CHECK(r.outcome == Outcome::no_answer);
}

TEST_CASE("nothing is sent for an address that is not an IP, a bad policy or a nameless call") {
  CHECK(send_disconnect({"nas.example", 3799, "s"}, kCall, kFast, 1).outcome == Outcome::error);
  CHECK(send_disconnect({"127.0.0.1", 3799, "s"}, kCall, {10ms, 1}, 1).outcome == Outcome::error);
  CHECK(send_disconnect({"127.0.0.1", 3799, "s"}, {"", "", "127.0.0.1"}, kFast, 1).outcome ==
        Outcome::error);
}

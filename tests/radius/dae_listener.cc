#include "tests/radius/dae_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "dynauth/authenticator.h"

namespace prepaid::radius::testing {

namespace {

std::string text_of(const dynauth::Attribute* a) {
  return a ? std::string(a->value.begin(), a->value.end()) : std::string{};
}

DaeReceived parse(const dynauth::Bytes& wire, const std::string& secret) {
  DaeReceived r;
  r.wire = wire;
  const auto p = dynauth::decode(wire);
  if (!p) return r;
  r.code = p->code;
  r.authentic = dynauth::verify_request(wire, secret);
  r.message_authenticator = p->find(dynauth::attr::kMessageAuthenticator) != nullptr;
  r.user_name = text_of(p->find(dynauth::attr::kUserName));
  r.acct_session_id = text_of(p->find(dynauth::attr::kAcctSessionId));
  if (const auto* ip = p->find(dynauth::attr::kNasIpAddress); ip && ip->value.size() == 4) {
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, ip->value.data(), text, sizeof text);
    r.nas_ip_address = text;
  }
  if (const auto* ts = p->find(dynauth::attr::kEventTimestamp))
    r.event_timestamp = dynauth::integer_of(*ts);
  return r;
}

}  // namespace

DaeListener::DaeListener(std::string address, std::string secret)
    : address_(std::move(address)), secret_(std::move(secret)) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  if (fd_ < 0 || inet_pton(AF_INET, address_.c_str(), &a.sin_addr) != 1 ||
      ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    throw std::runtime_error("DaeListener: cannot bind " + address_);
  socklen_t len = sizeof a;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  thread_ = std::thread([this] { run(); });
}

DaeListener::~DaeListener() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

void DaeListener::set(DaeMode mode, std::optional<std::uint32_t> cause) {
  std::lock_guard lock(mutex_);
  mode_ = mode;
  cause_ = cause;
}

void DaeListener::on_ack(std::function<void(const DaeReceived&)> hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

std::vector<DaeReceived> DaeListener::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

bool DaeListener::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return handled_ >= count; });
}

void DaeListener::run() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    dynauth::Bytes buf(dynauth::kMaxPacketLength);
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const ssize_t n =
        ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n <= 0) continue;
    buf.resize(static_cast<std::size_t>(n));
    const DaeReceived got = parse(buf, secret_);
    DaeMode mode;
    std::optional<std::uint32_t> cause;
    std::function<void(const DaeReceived&)> hook;
    {
      std::lock_guard lock(mutex_);
      received_.push_back(got);
      mode = mode_;
      cause = cause_;
      hook = hook_;
    }
    if (mode != DaeMode::silent && got.code == 40) {
      // Signed with this NAS's secret: with another secret than the server's, the server
      // cannot verify the answer (what a misconfigured NAS looks like).
      dynauth::Packet answer;
      answer.code = mode == DaeMode::ack ? 41 : 42;
      answer.identifier = buf[1];
      answer.attributes.push_back({dynauth::attr::kMessageAuthenticator, dynauth::Bytes(16, 0)});
      if (cause)
        answer.attributes.push_back({dynauth::attr::kErrorCause, dynauth::integer_value(*cause)});
      auto wire = dynauth::encode(answer);
      dynauth::Authenticator request_auth{};
      for (std::size_t i = 0; i < request_auth.size(); ++i) request_auth[i] = buf[4 + i];
      if (wire && dynauth::sign_answer(*wire, request_auth, secret_))
        ::sendto(fd_, wire->data(), wire->size(), 0, reinterpret_cast<sockaddr*>(&from), len);
      if (mode == DaeMode::ack && hook) hook(got);
    }
    {
      std::lock_guard lock(mutex_);
      ++handled_;
    }
    changed_.notify_all();
  }
}

}  // namespace prepaid::radius::testing

#include "tests/bench/radius/load_generator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>

namespace prepaid::radius::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  bool busy = false;
  Outgoing sent;
  std::array<std::uint8_t, 16> authenticator{};
  Clock::time_point at;
};

// One UDP socket owns 256 identifiers; it sends to one server port (a destination: 0 for
// Access-Requests, 1 for Accounting-Requests when they go to a port of their own). Identifiers
// are reused oldest first: FreeRADIUS keeps a request (its source port and identifier) for a
// while after answering it, and a new packet on an identifier it still holds is a "conflicting
// packet" to it (it logs an error and gives up on the old request). Reused at once, as a stack
// did, one request in about fifty met that.
struct Channel {
  int fd = -1;
  int destination = 0;
  std::array<Slot, 256> slots;
  std::deque<std::uint8_t> free_ids;
};

}  // namespace

LoadReport run_load(const std::string& host, unsigned port, const std::string& secret,
                    Workload& workload, const LoadLimits& limits) {
  in_addr address{};
  if (::inet_pton(AF_INET, host.c_str(), &address) != 1 || (ntohl(address.s_addr) >> 24) != 127) {
    throw std::runtime_error("the load generator only talks to 127.0.0.0/8, not " + host);
  }
  if (limits.in_flight < 1 || limits.in_flight > 4096) {
    throw std::runtime_error("in_flight must be 1..4096");
  }
  // Each destination gets enough identifiers for every request in flight: whatever the
  // workload asks for next, a channel to its port has a free one.
  const bool split = limits.acct_port != 0 && limits.acct_port != port;
  const std::size_t channels_needed = (limits.in_flight + 255) / 256;
  std::vector<Channel> channels(channels_needed * (split ? 2 : 1));
  std::vector<pollfd> fds;
  for (std::size_t i = 0; i < channels.size(); ++i) {
    Channel& ch = channels[i];
    ch.destination = i < channels_needed ? 0 : 1;
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_addr = address;
    server.sin_port =
        htons(static_cast<std::uint16_t>(ch.destination == 0 ? port : limits.acct_port));
    ch.fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (ch.fd < 0) throw std::runtime_error("socket() failed");
    int size = 4 << 20;
    ::setsockopt(ch.fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    ::setsockopt(ch.fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    if (::connect(ch.fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    }
    for (int id = 0; id <= 255; ++id) ch.free_ids.push_back(static_cast<std::uint8_t>(id));
    fds.push_back({ch.fd, POLLIN, 0});
  }
  const auto destination_of = [split](const Outgoing& o) {
    return split && o.request.code() == kAccountingRequest ? 1 : 0;
  };

  LoadReport report;
  std::vector<float> latencies_ms;
  unsigned in_flight = 0;
  const auto start = Clock::now();
  const auto send_deadline = start + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(limits.max_seconds));
  const auto timeout = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(limits.timeout_seconds));
  auto last_answer = start;
  auto last_sweep = start;
  std::uint8_t buffer[4096];

  auto may_send = [&](Clock::time_point now) {
    return now < send_deadline && (limits.max_requests == 0 || report.sent < limits.max_requests);
  };

  std::optional<Outgoing> held;  // taken from the workload, not sent yet (socket full)
  for (;;) {
    auto now = Clock::now();
    // Fill the window.
    while (in_flight < limits.in_flight && may_send(now)) {
      auto next = held ? std::move(held) : workload.next();
      held.reset();
      if (!next) break;
      Channel* ch = nullptr;
      for (auto& c : channels) {
        if (c.destination == destination_of(*next) && !c.free_ids.empty()) {
          ch = &c;
          break;
        }
      }
      if (!ch) throw std::logic_error("load generator: no free identifier");
      const std::uint8_t id = ch->free_ids.front();
      Slot& slot = ch->slots[id];
      const auto bytes = next->request.encode(id, secret, slot.authenticator);
      if (::send(ch->fd, bytes.data(), bytes.size(), 0) < 0) {
        if (errno == EAGAIN || errno == ENOBUFS) {
          held = std::move(next);
          break;
        }
        throw std::runtime_error(std::string("send: ") + std::strerror(errno));
      }
      ch->free_ids.pop_front();
      slot.busy = true;
      slot.sent = std::move(*next);
      slot.at = Clock::now();
      ++in_flight;
      ++report.sent;
    }
    if (in_flight == 0 && (!may_send(now) || (workload.done() && !held))) break;

    if (::poll(fds.data(), fds.size(), 5) < 0 && errno != EINTR) {
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t i = 0; i < channels.size(); ++i) {
      if (!(fds[i].revents & POLLIN)) continue;
      Channel& ch = channels[i];
      for (;;) {
        const ssize_t n = ::recv(ch.fd, buffer, sizeof buffer, 0);
        if (n < 0) break;
        const auto received = Clock::now();
        if (n < 20) {
          ++report.bad_replies;
          continue;
        }
        Slot& slot = ch.slots[buffer[1]];
        if (!slot.busy) {
          ++report.bad_replies;  // late reply to a request already counted as lost
          continue;
        }
        const auto reply =
            check_reply(buffer, static_cast<std::size_t>(n), slot.authenticator, secret);
        if (!reply) {
          ++report.bad_replies;
          continue;
        }
        latencies_ms.push_back(
            std::chrono::duration<float, std::milli>(received - slot.at).count());
        ++report.answered;
        if (reply->code == kAccessAccept) ++report.accepts;
        if (reply->code == kAccessReject) ++report.rejects;
        if (reply->code == kAccountingResponse) ++report.accounting_responses;
        slot.busy = false;
        ch.free_ids.push_back(buffer[1]);
        --in_flight;
        last_answer = received;
        workload.answered(slot.sent, *reply);
      }
    }
    now = Clock::now();
    if (now - last_sweep > std::chrono::milliseconds(100)) {
      last_sweep = now;
      for (auto& ch : channels) {
        for (std::size_t id = 0; id < ch.slots.size(); ++id) {
          Slot& slot = ch.slots[id];
          if (slot.busy && now - slot.at > timeout) {
            slot.busy = false;
            ch.free_ids.push_back(static_cast<std::uint8_t>(id));
            --in_flight;
            ++report.lost;
            workload.lost(slot.sent);
          }
        }
      }
    }
  }
  for (auto& ch : channels) ::close(ch.fd);
  report.completed = workload.completed();

  report.seconds = std::chrono::duration<double>(last_answer - start).count();
  if (!latencies_ms.empty()) {
    std::sort(latencies_ms.begin(), latencies_ms.end());
    auto at = [&](double q) {
      const auto i = static_cast<std::size_t>(q * static_cast<double>(latencies_ms.size() - 1));
      return static_cast<double>(latencies_ms[i]);
    };
    report.p50_ms = at(0.50);
    report.p99_ms = at(0.99);
    report.max_ms = latencies_ms.back();
  }
  return report;
}

}  // namespace prepaid::radius::bench

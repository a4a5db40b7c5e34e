#include "admin-cli/api/deadline_stream.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace prepaid::cli {

DeadlineStream::DeadlineStream(Transport& transport, std::string remote_address, int remote_port,
                               std::chrono::milliseconds write_timeout)
    : transport_(transport),
      remote_address_(std::move(remote_address)),
      remote_port_(remote_port),
      write_timeout_(write_timeout) {}

void DeadlineStream::limit_reads(Deadline deadline, std::size_t budget) {
  deadline_ = deadline;
  budget_ = budget;
  consumed_ = 0;
  timed_out_ = false;
  over_budget_ = false;
}

bool DeadlineStream::wait_readable(Deadline deadline) {
  return begin_ < end_ || transport_.wait_readable(deadline);
}

bool DeadlineStream::is_readable() const {
  return begin_ < end_ || transport_.has_buffered();
}

bool DeadlineStream::is_writable() const {
  return true;  // write() waits for the socket itself, within the write timeout
}

ssize_t DeadlineStream::read(char* ptr, size_t size) {
  if (size == 0) return 0;
  if (consumed_ >= budget_) {
    over_budget_ = true;
    return -1;
  }
  size = std::min(size, budget_ - consumed_);
  if (begin_ == end_) {
    if (std::chrono::steady_clock::now() >= deadline_) {
      timed_out_ = true;
      return -1;
    }
    const ssize_t n = transport_.read(buffer_.data(), buffer_.size(), deadline_);
    if (n <= 0) {
      timed_out_ = transport_.timed_out();
      return n;
    }
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
  }
  const std::size_t n = std::min(size, end_ - begin_);
  std::memcpy(ptr, buffer_.data() + begin_, n);
  begin_ += n;
  consumed_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t DeadlineStream::write(const char* ptr, size_t size) {
  return transport_.write(ptr, size, std::chrono::steady_clock::now() + write_timeout_);
}

void DeadlineStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = remote_address_;
  port = remote_port_;
}

void DeadlineStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (::getsockname(transport_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
  char host[64] = {};
  char serv[16] = {};
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

}  // namespace prepaid::cli

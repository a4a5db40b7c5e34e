#pragma once
/// @file deadline_stream.h
/// @brief DeadlineStream: cpp-httplib's Stream over a Transport for the life of one
/// connection: reads end at a deadline the server moves (the request's headers, then its
/// body) and within a byte budget (the headers), each write at a timeout, and bytes a client
/// sent ahead (pipelined requests) stay buffered from one request to the next.

#include <httplib.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <limits>
#include <string>

#include "admin-cli/api/transport.h"

namespace prepaid::cli {

/// @brief One connection's httplib::Stream (used by one thread at a time).
class DeadlineStream final : public httplib::Stream {
 public:
  static constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();

  DeadlineStream(Transport& transport, std::string remote_address, int remote_port,
                 std::chrono::milliseconds write_timeout);

  /// From now on, reads fail once `deadline` passes or once `budget` more bytes were read.
  void limit_reads(Deadline deadline, std::size_t budget = kUnlimited);
  /// True when the last failed read failed because of the deadline.
  bool timed_out() const { return timed_out_; }
  /// True when the last failed read failed because the budget was spent.
  bool over_budget() const { return over_budget_; }
  /// Bytes read by the server since the last limit_reads().
  std::size_t consumed() const { return consumed_; }
  /// Waits until a byte can be read (buffered or from the peer), at most until `deadline`.
  bool wait_readable(Deadline deadline);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return transport_.fd(); }

 private:
  Transport& transport_;
  std::string remote_address_;
  int remote_port_;
  std::chrono::milliseconds write_timeout_;
  Deadline deadline_ = Deadline::max();
  std::size_t budget_ = kUnlimited;
  std::size_t consumed_ = 0;
  bool timed_out_ = false;
  bool over_budget_ = false;
  std::array<char, 16384> buffer_{};
  std::size_t begin_ = 0;  ///< buffered bytes are [begin_, end_)
  std::size_t end_ = 0;
};

}  // namespace prepaid::cli

#pragma once
/// @file load_generator.h
/// @brief An asynchronous RADIUS load generator: many requests in flight over UDP on the
/// loopback, bounded in count and in time, with latency percentiles.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/bench/radius/radius_packet.h"

namespace prepaid::radius::bench {

/// @brief One request to send; `call` lets a workload recognise its reply.
struct Outgoing {
  RadiusRequest request{kAccessRequest};
  std::uint64_t call = 0;
  int step = 0;  ///< e.g. 0 = Start, 1 = Stop
};

/// @brief What to send: the generator asks for the next request while it may send more, and
/// tells the workload about every answer (which may unlock a follow-up, e.g. Start -> Stop).
class Workload {
 public:
  virtual ~Workload() = default;
  /// The next request, or nullopt when nothing is ready now (done() says whether more come).
  virtual std::optional<Outgoing> next() = 0;
  virtual void answered(const Outgoing& sent, const RadiusReply& reply) = 0;
  /// Called when a request timed out.
  virtual void lost(const Outgoing& sent) = 0;
  /// True when the workload will produce no further request.
  virtual bool done() const = 0;
  /// How many units of work (a request; for a whole-call workload a call) are complete.
  virtual std::uint64_t completed() const = 0;
};

/// @brief Limits of a run.
struct LoadLimits {
  /// Where Accounting-Requests go: this UDP port of the same host (0: the port
  /// Access-Requests go to). A whole call (authorization, Start, Stop) needs both.
  unsigned acct_port = 0;
  unsigned in_flight = 64;         ///< requests outstanding at once (1..4096)
  std::uint64_t max_requests = 0;  ///< stop after this many sent (0 = the workload's count)
  double max_seconds = 30;         ///< stop sending after this long
  double timeout_seconds = 5;      ///< a request unanswered for this long counts as lost
};

/// @brief Figures of a run.
struct LoadReport {
  std::uint64_t sent = 0, answered = 0, lost = 0, bad_replies = 0;
  std::uint64_t accepts = 0, rejects = 0, accounting_responses = 0;
  double seconds = 0;                         ///< first send to last answer
  double p50_ms = 0, p99_ms = 0, max_ms = 0;  ///< of the requests
  std::uint64_t completed = 0;                ///< Workload::completed() at the end
  double per_second() const { return seconds > 0 ? answered / seconds : 0; }
  double completed_per_second() const { return seconds > 0 ? completed / seconds : 0; }
};

/// Runs `workload` against 127.0.0.1:`port` (the address must be on the loopback: `host` is
/// checked) with `secret`, its Accounting-Requests to `limits.acct_port` when set. Throws
/// std::runtime_error for socket errors.
LoadReport run_load(const std::string& host, unsigned port, const std::string& secret,
                    Workload& workload, const LoadLimits& limits);

}  // namespace prepaid::radius::bench

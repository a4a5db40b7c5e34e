#pragma once
/// @file call_workload.h
/// @brief The calls the load generator places: authorizations (Cisco stage 2 style), Stops,
/// or Start+Stop pairs, for a list of cards and numbered session ids.

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "tests/bench/radius/load_generator.h"

namespace prepaid::radius::bench {

/// @brief What each call sends.
enum class CallPhase {
  auth,        ///< Access-Request: User-Name, User-Password (PAP), Called-Station-Id, h323-conf-id
  stop,        ///< Accounting-Request Stop of the originate leg (Acct-Session-Time)
  start_stop,  ///< Accounting Start, then, once answered, its Stop
  /// A whole call: the Access-Request, once accepted (h323-return-code 0 when present) its
  /// Accounting Start, once answered its Stop; the call is complete when the Stop is answered.
  call,
};

/// @brief Shape of the calls.
struct CallPlan {
  std::uint64_t calls = 10000;  ///< call i uses session id "<prefix>-<i>"
  /// Cards used round-robin: call i uses cards[i % size] (number and PIN).
  std::vector<std::pair<std::string, std::string>> cards;
  std::string called = "442079460000";
  std::string calling = "35929001234";
  std::string session_prefix = "bench";
  std::uint32_t session_time_s = 60;  ///< Acct-Session-Time of the Stops
  bool chap = false;                  ///< the PIN as CHAP-Password, not User-Password
  bool digest = false;                ///< a SIP digest answer (draft-sterman), not User-Password
};

/// @brief Places the calls of a CallPlan, one phase of them. Every in-flight slot of the load
/// generator runs one request; a follow-up (a Start's Stop, a whole call's next step) goes
/// before any new call.
class CallWorkload final : public Workload {
 public:
  CallWorkload(CallPhase phase, CallPlan plan) : phase_(phase), plan_(std::move(plan)) {}

  std::optional<Outgoing> next() override;
  void answered(const Outgoing& sent, const RadiusReply& reply) override;
  void lost(const Outgoing&) override {}
  bool done() const override { return next_call_ >= plan_.calls && ready_.empty(); }
  /// Requests answered; for CallPhase::call, calls whose Stop was answered.
  std::uint64_t completed() const override { return completed_; }

  /// Replies whose h323-return-code was not 0 (authorizations refused by the module), and in
  /// CallPhase::call also Access-Rejects and answers of the wrong kind (the call goes no
  /// further).
  std::uint64_t refused() const { return refused_; }
  /// CallPhase::call: the latencies of the complete calls, from the authorization's sending
  /// to the Stop's answer, in ms, sorted.
  std::vector<float> call_latencies_ms() const;

 private:
  RadiusRequest access(std::uint64_t call) const;
  RadiusRequest accounting(std::uint64_t call, bool stop) const;
  const std::pair<std::string, std::string>& card(std::uint64_t call) const;

  CallPhase phase_;
  CallPlan plan_;
  std::uint64_t next_call_ = 0;
  std::deque<std::pair<std::uint64_t, int>> ready_;  ///< (call, step) follow-ups to send
  std::uint64_t refused_ = 0;
  std::uint64_t completed_ = 0;
  std::vector<std::chrono::steady_clock::time_point> call_started_;  ///< CallPhase::call
  std::vector<float> call_ms_;
};

}  // namespace prepaid::radius::bench

namespace prepaid::radius::bench {
/// Reads "<number> <pin>" lines (blank lines and '#' comments skipped). Throws
/// std::runtime_error when the file is missing, malformed or empty.
std::vector<std::pair<std::string, std::string>> read_cards_file(const std::string& path);
}  // namespace prepaid::radius::bench

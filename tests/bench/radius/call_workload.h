#pragma once
/// @file call_workload.h
/// @brief The calls the load generator places: authorizations (Cisco stage 2 style), Stops,
/// or Start+Stop pairs, for a list of cards and numbered session ids.

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

class CallWorkload final : public Workload {
 public:
  CallWorkload(CallPhase phase, CallPlan plan) : phase_(phase), plan_(std::move(plan)) {}

  std::optional<Outgoing> next() override;
  void answered(const Outgoing& sent, const RadiusReply& reply) override;
  void lost(const Outgoing&) override {}
  bool done() const override { return next_call_ >= plan_.calls && ready_stops_.empty(); }

  /// Replies whose h323-return-code was not 0 (authorizations refused by the module).
  std::uint64_t refused() const { return refused_; }

 private:
  RadiusRequest access(std::uint64_t call) const;
  RadiusRequest accounting(std::uint64_t call, bool stop) const;
  const std::pair<std::string, std::string>& card(std::uint64_t call) const;

  CallPhase phase_;
  CallPlan plan_;
  std::uint64_t next_call_ = 0;
  std::deque<std::uint64_t> ready_stops_;
  std::uint64_t refused_ = 0;
};

}  // namespace prepaid::radius::bench

namespace prepaid::radius::bench {
/// Reads "<number> <pin>" lines (blank lines and '#' comments skipped). Throws
/// std::runtime_error when the file is missing, malformed or empty.
std::vector<std::pair<std::string, std::string>> read_cards_file(const std::string& path);
}  // namespace prepaid::radius::bench

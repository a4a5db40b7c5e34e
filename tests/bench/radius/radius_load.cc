// radius_load: an asynchronous RADIUS load generator (loopback only, bounded in count and
// time). Prints one line of figures: rate, latency percentiles, counts.
//
//   radius_load --port 18120 --secret testing123 --phase auth --calls 50000 --in-flight 64
//   radius_load --port 18120 --acct-port 18130 --phase call --calls 20000 ...
//
// --phase call places whole calls (authorization, Start, Stop in order, each step sent once
// the one before is answered; --in-flight requests at once): its line adds calls= (complete
// calls), call_rate= (complete calls per second) and the calls' latency percentiles.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "tests/bench/radius/call_workload.h"
#include "tests/bench/radius/load_generator.h"

using namespace prepaid::radius::bench;

int main(int argc, char** argv) {
  CLI::App app{"Asynchronous RADIUS load generator (127.0.0.0/8 only)"};
  std::string host = "127.0.0.1", secret = "testing123", phase_name = "auth";
  unsigned port = 0;
  CallPlan plan;
  LoadLimits limits;
  app.add_option("--host", host, "server address (loopback only)");
  app.add_option("--port", port, "server UDP port")->required()->check(CLI::Range(1, 65535));
  app.add_option("--secret", secret, "shared secret");
  app.add_option("--phase", phase_name, "auth, stop, start-stop or call (auth, Start, Stop)")
      ->check(CLI::IsMember({"auth", "stop", "start-stop", "call"}));
  app.add_option("--acct-port", limits.acct_port,
                 "server UDP port of Accounting-Requests (default: --port)")
      ->check(CLI::Range(1, 65535));
  app.add_option("--calls", plan.calls, "calls (session ids <prefix>-0 .. -N-1)")
      ->check(CLI::Range(1, 10'000'000));
  std::string cards_file;
  app.add_option("--cards-file", cards_file, "cards used round-robin: <number> <pin> lines")
      ->required();
  app.add_option("--called", plan.called, "Called-Station-Id");
  app.add_option("--session-prefix", plan.session_prefix, "prefix of h323-conf-id");
  app.add_option("--session-time", plan.session_time_s, "Acct-Session-Time of Stops, seconds");
  auto* chap =
      app.add_flag("--chap", plan.chap, "send the PIN as CHAP-Password instead of User-Password");
  app.add_flag("--digest", plan.digest,
               "answer a SIP digest challenge with the PIN (Digest-Response, Digest-Attributes) "
               "instead of sending User-Password")
      ->excludes(chap);
  app.add_option("--in-flight", limits.in_flight, "requests outstanding")
      ->check(CLI::Range(1, 4096));
  app.add_option("--seconds", limits.max_seconds, "stop sending after this long")
      ->check(CLI::Range(0.1, 600.0));
  app.add_option("--timeout", limits.timeout_seconds, "a request is lost after this long")
      ->check(CLI::Range(0.1, 60.0));
  CLI11_PARSE(app, argc, argv);

  const CallPhase phase = phase_name == "auth"         ? CallPhase::auth
                          : phase_name == "stop"       ? CallPhase::stop
                          : phase_name == "start-stop" ? CallPhase::start_stop
                                                       : CallPhase::call;
  try {
    plan.cards = read_cards_file(cards_file);
    CallWorkload workload(phase, plan);
    const LoadReport r = run_load(host, port, secret, workload, limits);
    std::printf(
        "rate=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f sent=%llu answered=%llu lost=%llu "
        "bad=%llu accepts=%llu rejects=%llu acct=%llu refused=%llu seconds=%.2f",
        r.per_second(), r.p50_ms, r.p99_ms, r.max_ms, static_cast<unsigned long long>(r.sent),
        static_cast<unsigned long long>(r.answered), static_cast<unsigned long long>(r.lost),
        static_cast<unsigned long long>(r.bad_replies), static_cast<unsigned long long>(r.accepts),
        static_cast<unsigned long long>(r.rejects),
        static_cast<unsigned long long>(r.accounting_responses),
        static_cast<unsigned long long>(workload.refused()), r.seconds);
    if (phase == CallPhase::call) {
      const auto ms = workload.call_latencies_ms();
      const auto at = [&](double q) {
        return ms.empty()
                   ? 0.0
                   : static_cast<double>(
                         ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))]);
      };
      std::printf(" calls=%llu call_rate=%.0f call_p50_ms=%.2f call_p99_ms=%.2f",
                  static_cast<unsigned long long>(r.completed), r.completed_per_second(), at(0.50),
                  at(0.99));
    }
    std::printf("\n");
    return r.answered > 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "radius_load: " << e.what() << "\n";
    return 2;
  }
}

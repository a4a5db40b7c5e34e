#pragma once
/// @file call_service_concurrency.h
/// @brief Concurrency cases of the CallService suite (templates over the backend): many
/// threads on one card, duplicate Stops from two "nodes", and a bounded randomized soak.

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "call_world.h"

namespace prepaid::billing::testing {

TEST_CASE_TEMPLATE_DEFINE("64 threads on one card never reserve more than its free balance", B,
                          calls_concurrent_reservations) {
  // Proves the row lock arbitrates: reservations sum to at most the balance, then every Stop
  // debits exactly its CDR price, once, even when two nodes deliver the same Stop. Half the
  // threads come with their PIN (authorize_with_pin, as RADIUS PAP does; authorize_call when
  // it cannot decide at once), so both paths, grouped on MySQL, race on the same card.
  CallPolicy policy;
  policy.max_call_duration_s = 60;
  CallWorld<B> w(policy);
  CallService other_node(w.backend.store, policy, w.clock);  // its own tariff cache
  constexpr int kThreads = 64;
  w.add_card("555", "1", kThreads);
  const rating::Money opening = money("1");

  for (int round = 0; round < 2; ++round) {
    std::vector<CallDecision> decisions(kThreads);
    std::vector<std::thread> threads;
    std::atomic<bool> go{false};
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        while (!go) std::this_thread::yield();
        CallService& node = (i % 2) ? other_node : w.calls;
        CallRequest r =
            w.request("555", "359888123456", "r" + std::to_string(round) + "-" + std::to_string(i));
        if (i % 4 < 2) {
          r.pin = "4321";
          if (auto d = node.authorize_with_pin(r)) {
            decisions[i] = *d;
            return;
          }
        }
        decisions[i] = node.authorize_call(r);
      });
    go = true;
    for (auto& t : threads) t.join();

    const rating::Money free_before = w.card("555").balance;
    rating::Money reserved;
    int granted = 0;
    for (const auto& d : decisions) {
      if (d.code == ReturnCode::ok) {
        reserved += d.reserved;
        ++granted;
        CHECK(d.granted_s > 0);
      } else {
        CHECK((d.code == ReturnCode::zero_balance || d.code == ReturnCode::insufficient_balance));
      }
    }
    CAPTURE(round);
    if (!(reserved <= free_before))
      for (const auto& d : decisions)
        MESSAGE(to_string(d.code), " ", d.granted_s, " ", d.reserved.to_string(6), " free ",
                d.free_balance ? d.free_balance->money.to_string(6) : std::string("-"));
    CHECK(granted > 0);
    CHECK(reserved <= free_before);
    CHECK(w.state("555").reserved == reserved);
    CHECK(w.state("555").open_calls == static_cast<std::uint32_t>(granted));

    // Every granted call stops twice, from both nodes at once, after a random part of its time.
    std::mt19937 rng(1234 + round);
    std::vector<std::uint32_t> durations(kThreads);
    for (int i = 0; i < kThreads; ++i)
      durations[i] = decisions[i].granted_s ? rng() % (decisions[i].granted_s + 1) : 0;
    threads.clear();
    go = false;
    for (int i = 0; i < 2 * kThreads; ++i)
      threads.emplace_back([&, i] {
        const int call = i / 2;
        if (decisions[call].code != ReturnCode::ok) return;
        while (!go) std::this_thread::yield();
        CallService& node = (i % 2) ? other_node : w.calls;
        auto e = w.event(AccountingKind::stop,
                         "r" + std::to_string(round) + "-" + std::to_string(call), durations[call]);
        node.record_accounting(e);
      });
    go = true;
    for (auto& t : threads) t.join();
  }
  rating::Money charged;
  auto cdrs = w.cdrs();
  for (const Cdr& c : cdrs) charged += c.price;
  CHECK(w.card("555").balance == opening - charged);
  CHECK(w.card("555").balance >= rating::Money());
  CHECK(w.state("555").open_calls == 0);
  CHECK(w.ledger_mismatches().empty());
  std::map<std::string, int> per_session;
  for (const Cdr& c : cdrs) ++per_session[c.key.session_id];
  for (const auto& [session, n] : per_session) CHECK(n == 1);
}

TEST_CASE_TEMPLATE_DEFINE("a bounded randomized soak ends with the books balanced", B, calls_soak) {
  // Proves that any interleaving of authorize/start/interim/stop, lost and duplicate Stops,
  // expiry and NAS reboots leaves balance == opening − CDR prices and a clean ledger check.
  CallPolicy policy;
  policy.max_call_duration_s = 300;
  policy.answer_window_s = 20;
  policy.grace_s = 10;
  CallWorld<B> w(policy);
  constexpr int kCards = 6;
  constexpr int kThreads = 8;
  constexpr int kOpsPerThread = 150;
  std::map<std::string, rating::Money> opening;
  for (int c = 0; c < kCards; ++c) {
    const std::string number = "77" + std::to_string(c);
    w.add_card(number, c % 2 ? "0.5" : "3", 1 + c % 3);
    opening[number] = c % 2 ? money("0.5") : money("3");
  }
  const char* numbers[] = {"4420", "447712345", "359888", "0049301", "44"};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  std::atomic<int> overspent{0};

  auto worker = [&](int id) {
    std::mt19937 rng(99 + id);
    struct Open {
      std::string session;
      std::string nas;
      std::uint32_t granted_s;
    };
    std::vector<Open> open;
    for (int op = 0; op < kOpsPerThread && std::chrono::steady_clock::now() < deadline; ++op) {
      const int what = static_cast<int>(rng() % 10);
      const std::string nas = "nas-" + std::to_string(rng() % 2);
      if (what <= 3 || open.empty()) {
        const std::string card = "77" + std::to_string(rng() % kCards);
        const std::string session = "s" + std::to_string(id) + "-" + std::to_string(op);
        auto d = w.calls.authorize_call(w.request(card, numbers[rng() % 5], session, nas));
        if (d.code == ReturnCode::ok) {
          if (d.free_balance && d.reserved > d.free_balance->money) ++overspent;
          open.push_back({session, nas, d.granted_s});
        }
        continue;
      }
      const std::size_t pick = rng() % open.size();
      const Open call = open[pick];
      switch (what) {
        case 4:
          w.calls.record_accounting(
              w.event(AccountingKind::start, call.session, std::nullopt, call.nas));
          break;
        case 5:
          w.calls.record_accounting(w.event(AccountingKind::interim, call.session,
                                            rng() % (call.granted_s + 1), call.nas));
          break;
        case 6:
        case 7: {  // a Stop, sometimes repeated
          auto e =
              w.event(AccountingKind::stop, call.session, rng() % (call.granted_s + 1), call.nas);
          w.calls.record_accounting(e);
          if (rng() % 3 == 0) w.calls.record_accounting(e);
          open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
          break;
        }
        case 8:  // the Stop is lost; time passes
          open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
          w.clock->advance(std::chrono::seconds(rng() % 120));
          break;
        default:
          if (rng() % 8 == 0) {
            w.calls.record_accounting(
                w.event(AccountingKind::accounting_on, "", std::nullopt, nas));
          } else {
            w.calls.expire_reservations();
          }
          break;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
  for (auto& t : threads) t.join();

  CHECK(overspent == 0);
  CHECK(w.ledger_mismatches().empty());
  std::map<std::string, rating::Money> charged;
  for (const Cdr& c : w.cdrs()) charged[c.card_number] += c.price;
  for (const auto& [number, money_at_start] : opening) {
    CAPTURE(number);
    CHECK(w.card(number).balance == money_at_start - charged[number]);
  }
}

}  // namespace prepaid::billing::testing

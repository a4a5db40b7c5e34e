// Billing benchmark: authorizations/s and stops/s of CallService on MySQL/MariaDB at default
// durability, with 1, 8 and 64 concurrent callers, next to a reference run in the same
// process: the "floor" transaction (lock the card row, insert one row, commit) — the least a
// durable, row-locked decision costs on this database. Printed as ratios.
//
//   billing_bench [--ops N] [--seconds S] [--callers 1,8,64] [--cards N] [--database NAME]
//
// Reads PREPAID_DB_SOCKET (or PREPAID_DB_PORT), PREPAID_DB_USER, PREPAID_DB_PASSWORD; the
// database (default prepaid_bench) is dropped and created. Every phase is bounded in count
// (--ops, default 20000) and in time (--seconds, default 20).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "billing/operators/audit_log.h"
#include "billing/calls/call_service.h"
#include "billing/cards/card_service.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/schema.h"
#include "billing/tariffs/tariff_service.h"
#include "rating/rate_deck_csv.h"
#include "rating/tariff_file.h"

using namespace prepaid;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::size_t ops = 20000;
  double seconds = 20;
  std::vector<int> callers{1, 8, 64};
  std::size_t cards = 4096;
  std::string database = "prepaid_bench";
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "missing value for " << a << "\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--ops")
      o.ops = std::stoul(next());
    else if (a == "--seconds")
      o.seconds = std::stod(next());
    else if (a == "--cards")
      o.cards = std::stoul(next());
    else if (a == "--database")
      o.database = next();
    else if (a == "--callers") {
      o.callers.clear();
      std::stringstream list(next());
      for (std::string n; std::getline(list, n, ',');) o.callers.push_back(std::stoi(n));
    } else {
      std::cerr << "usage: billing_bench [--ops N] [--seconds S] [--callers 1,8,64] [--cards N]"
                   " [--database NAME]\n";
      std::exit(2);
    }
  }
  return o;
}

// Runs `op(thread, i)` on `threads` threads until `total` operations are done or the time is
// up; each thread takes indices i = thread, thread + threads, … Returns operations per second.
template <class Op>
double run_phase(int threads, std::size_t total, double seconds, Op op, std::size_t* done_out) {
  std::atomic<std::size_t> done{0};
  std::atomic<bool> go{false};
  const auto deadline_after = std::chrono::duration<double>(seconds);
  std::vector<std::thread> pool;
  Clock::time_point start;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      while (!go) std::this_thread::yield();
      for (std::size_t i = static_cast<std::size_t>(t); i < total;
           i += static_cast<std::size_t>(threads)) {
        if (Clock::now() - start > deadline_after) break;
        op(t, i);
        ++done;
      }
    });
  start = Clock::now();
  go = true;
  for (auto& th : pool) th.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  if (done_out) *done_out = done;
  return static_cast<double>(done) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  mysql::ConnectionOptions db = mysql::ConnectionOptions::from_env(opt.database);
  db.max_connections =
      static_cast<unsigned>(*std::max_element(opt.callers.begin(), opt.callers.end()) + 4);
  {
    mysql::Schema schema(db);
    schema.drop_database();
    schema.init();
  }
  auto store = std::make_shared<mysql::MySqlStore>(db);
  const billing::Actor admin = billing::Actor::system("bench");

  // The demo tariff (examples/tariffs), and cards with plenty of money.
  const char* root = std::getenv("PREPAID_ROOT");
  const std::string tariff_path = std::string(root ? root : ".") + "/examples/tariffs/demo.tariff";
  auto load = rating::load_tariff_file(tariff_path);
  if (!load.tariff) {
    std::cerr << "cannot load " << tariff_path << "\n";
    return 1;
  }
  billing::TariffService tariffs(store);
  auto imported = tariffs.import_tariff_file(admin, rating::format_tariff_text(*load.tariff));
  if (!imported) {
    std::cerr << "tariff import: " << imported.problem().message << "\n";
    return 1;
  }
  billing::CardService cards(store);
  billing::BatchRequest batch;
  batch.count = static_cast<std::uint32_t>(opt.cards);
  batch.amount = rating::Money::from_units(100000);
  batch.currency = "EUR";
  batch.tariff = imported->name;
  batch.activation = billing::ActivationMode::at_creation;
  batch.max_concurrent = 1000;
  const auto batch_start = Clock::now();
  auto created = cards.create_batch(admin, batch);
  if (!created) {
    std::cerr << "batch: " << created.problem().message << "\n";
    return 1;
  }
  const double batch_s = std::chrono::duration<double>(Clock::now() - batch_start).count();
  std::vector<std::string> numbers;
  for (const auto& c : created->cards) numbers.push_back(c.number);

  billing::CallPolicy policy;
  policy.max_call_duration_s = 3600;
  billing::CallService calls(store, policy);
  const char* destinations[] = {"00359888123456", "00442071234567", "+4915112345678",
                                "0035929876543", "0012125550100"};

  std::printf("billing benchmark: %s, %zu cards (batch created in %.2f s), demo tariff\n",
              store->describe().c_str(), numbers.size(), batch_s);
  std::printf("each phase: at most %zu operations or %.0f s; durability: server default\n\n",
              opt.ops, opt.seconds);
  std::printf("%8s | %14s %14s %7s | %14s %7s\n", "callers", "floor tx/s", "authorize/s", "ratio",
              "stop/s", "ratio");
  std::printf("---------+---------------------------------------+-----------------------\n");

  int run = 0;
  bool refused = false;
  for (int callers : opt.callers) {
    ++run;
    // Reference: the floor transaction — row lock on the card, one small insert, commit.
    const double floor = run_phase(
        callers, opt.ops, opt.seconds,
        [&](int, std::size_t i) {
          auto tx = store->begin();
          tx->lock_card(numbers[i % numbers.size()]);
          billing::AuditEntry e{0,       rating::Instant(std::chrono::seconds(1)),
                                "bench", billing::Role::system,
                                "bench", "bench.floor",
                                "x",     "{}",
                                "{}"};
          tx->insert_audit(e);
          tx->commit();
        },
        nullptr);

    std::vector<std::string> sessions(opt.ops);
    std::size_t authorized = 0;
    const double auth = run_phase(
        callers, opt.ops, opt.seconds,
        [&](int, std::size_t i) {
          billing::CallRequest r;
          r.account = numbers[i % numbers.size()];
          r.called = destinations[i % 5];
          // (Built with +=: GCC 12's -Wrestrict misfires on "lit" + std::string at -O3.)
          std::string session = "r";
          session += std::to_string(run);
          session += '-';
          session += std::to_string(i);
          r.key = billing::SessionKey{"10.0.0.1", std::move(session)};
          auto d = calls.authorize_call(r);
          if (d.code == billing::ReturnCode::ok) {
            sessions[i] = r.key.session_id;
          } else {
            refused = true;
          }
        },
        &authorized);

    const double stop = run_phase(
        callers, authorized, opt.seconds,
        [&](int, std::size_t i) {
          if (sessions[i].empty()) return;
          billing::AccountingEvent e;
          e.kind = billing::AccountingKind::stop;
          e.key = billing::SessionKey{"10.0.0.1", sessions[i]};
          e.session_time_s = 30 + static_cast<std::uint32_t>(i % 300);
          e.event_at =
              std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
          calls.record_accounting(e);
        },
        nullptr);

    std::printf("%8d | %14.0f %14.0f %7.2f | %14.0f %7.2f\n", callers, floor, auth, auth / floor,
                stop, stop / floor);
    std::fflush(stdout);
  }
  if (refused) std::printf("\nwarning: some authorizations were refused (see the tariff/cards)\n");

  // Tariff import: a 250,000-prefix price list replaced in one transaction, next to the CSV
  // parse alone (the reference: what any import must do before touching the database).
  {
    std::string csv = "prefix,destination,rate,first_increment,increment,buy_rate\n";
    csv.reserve(250000 * 48);
    for (int i = 0; i < 250000; ++i)
      csv += std::to_string(100000000 + i * 7) + ",Destination " + std::to_string(i % 997) + ",0." +
             std::to_string(10 + i % 89) + ",60,60,0.01\n";
    const auto p0 = Clock::now();
    auto parsed = rating::parse_rate_deck_csv(csv, "big");
    const double parse_s = std::chrono::duration<double>(Clock::now() - p0).count();
    std::printf("\n%-44s %10s %10s %7s\n", "250,000-rate price list", "seconds", "parse only",
                "ratio");
    for (const char* what : {"import (new list)", "import (replace the list)"}) {
      const auto t0 = Clock::now();
      auto r = tariffs.import_price_list(admin, imported->name, "big", csv);
      const double s_import = std::chrono::duration<double>(Clock::now() - t0).count();
      if (!r || !parsed.deck) {
        std::printf("import failed: %s\n", r ? "parse" : r.problem().message.c_str());
        return 1;
      }
      std::printf("%-44s %10.2f %10.2f %7.2f\n", what, s_import, parse_s, s_import / parse_s);
    }
    auto cache = std::make_shared<billing::TariffCache>(store);
    const auto c0 = Clock::now();
    auto loaded = cache->current(imported->name);
    const double load_s = std::chrono::duration<double>(Clock::now() - c0).count();
    std::printf("%-44s %10.2f %10.2f %7.2f\n", "tariff cache reload (read + build)", load_s,
                parse_s, load_s / parse_s);
    if (!loaded) return 1;
  }

  auto check = cards.check_ledger(admin);
  std::printf("\nledger check: %llu cards, %zu mismatches\n",
              static_cast<unsigned long long>(check->cards), check->mismatches.size());
  mysql::Schema(db).drop_database();
  return check->mismatches.empty() ? 0 : 1;
}

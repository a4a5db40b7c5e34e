// Rating benchmark (Google Benchmark; run by `scripts/bench rating`, not by ctest).
//
// A generated deck of 250,000 prefixes: CSV import (parse + build), memory (RateDeck's own
// count and the process's RSS growth), longest-prefix lookup, price_call and max_duration.
// Each figure is printed next to a reference measured in the same process, as a ratio:
//   lookup        vs a naive std::unordered_map probed once per prefix length
//   max_duration  vs a brute-force loop that calls price_call block after block
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rating/pricing.h"
#include "rating/rate_deck_csv.h"
#include "rating/tariff_file.h"

using namespace prepaid::rating;

namespace {

constexpr std::size_t kDeckSize = 250'000;
constexpr std::size_t kNumbers = 1 << 14;

struct Country {
  const char* code;
  const char* name;
};

constexpr Country kCountries[] = {
    {"1", "United States"}, {"7", "Russia"},           {"20", "Egypt"},
    {"27", "South Africa"}, {"30", "Greece"},          {"31", "Netherlands"},
    {"32", "Belgium"},      {"33", "France"},          {"34", "Spain"},
    {"36", "Hungary"},      {"39", "Italy"},           {"40", "Romania"},
    {"41", "Switzerland"},  {"43", "Austria"},         {"44", "United Kingdom"},
    {"45", "Denmark"},      {"46", "Sweden"},          {"47", "Norway"},
    {"48", "Poland"},       {"49", "Germany"},         {"52", "Mexico"},
    {"55", "Brazil"},       {"61", "Australia"},       {"62", "Indonesia"},
    {"63", "Philippines"},  {"81", "Japan"},           {"82", "Korea"},
    {"86", "China"},        {"90", "Turkey"},          {"91", "India"},
    {"234", "Nigeria"},     {"351", "Portugal"},       {"353", "Ireland"},
    {"359", "Bulgaria"},    {"380", "Ukraine"},        {"381", "Serbia"},
    {"385", "Croatia"},     {"420", "Czech Republic"}, {"880", "Bangladesh"},
    {"971", "UAE"},
};

/// The generated deck, as CSV: country codes followed by 1 to 6 more digits, in random order
/// (as exported by a switch, not sorted), with realistic repeated destination names.
std::string generate_deck_csv() {
  std::mt19937_64 rng(250000);
  std::unordered_set<std::string> seen;
  std::string csv =
      "prefix,destination,rate,rate_unit,connect_fee,first_increment,increment,grace,buy_rate\n";
  csv.reserve(kDeckSize * 64);
  while (seen.size() < kDeckSize) {
    const Country& c = kCountries[rng() % std::size(kCountries)];
    std::string prefix = c.code;
    std::size_t extra = 1 + rng() % 6;
    for (std::size_t i = 0; i < extra; ++i) prefix.push_back(static_cast<char>('0' + rng() % 10));
    if (!seen.insert(prefix).second) continue;
    bool mobile = rng() % 3 == 0;
    char line[256];
    std::snprintf(line, sizeof line, "%s,%s %s %u,0.%04u,60,%s,%u,%u,0,0.%04u\n", prefix.c_str(),
                  c.name, mobile ? "Mobile" : "Fixed", static_cast<unsigned>(rng() % 100),
                  static_cast<unsigned>(rng() % 10000), rng() % 10 == 0 ? "0.05" : "0",
                  mobile ? 30u : 60u, mobile ? 6u : 60u, static_cast<unsigned>(rng() % 5000));
    csv += line;
  }
  return csv;
}

const std::string& deck_csv() {
  static const std::string csv = generate_deck_csv();
  return csv;
}

std::size_t rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

struct Fixture {
  std::shared_ptr<const RateDeck> deck;
  std::size_t rss_growth = 0;
  std::vector<std::string>
      numbers;  // dialed digits: deck prefixes + subscriber digits, some unknown
  std::unordered_map<std::string_view, const Rate*> naive;
  std::size_t longest = 0;
  std::shared_ptr<Tariff> tariff;
  std::vector<Instant> starts;

  Fixture() {
    const std::string& csv = deck_csv();
    std::size_t before = rss_bytes();
    auto import = parse_rate_deck_csv(csv, "day");
    if (!import.deck) {
      std::cerr << "deck import failed: " << import.problems.front().to_string() << "\n";
      std::exit(1);
    }
    deck = std::make_shared<const RateDeck>(std::move(*import.deck));
    rss_growth = rss_bytes() - before;
    std::mt19937_64 rng(7);
    const auto& rates = deck->rates();
    for (std::size_t i = 0; i < kNumbers; ++i) {
      std::string n = rates[rng() % rates.size()].prefix;
      if (i % 16 == 0) n = "999";  // no match
      while (n.size() < 12) n.push_back(static_cast<char>('0' + rng() % 10));
      numbers.push_back(std::move(n));
    }
    for (const Rate& r : rates) {
      naive.emplace(r.prefix, &r);
      longest = std::max(longest, r.prefix.size());
    }
    // A Sofia tariff over the big deck, with an evening list and a weekend list.
    tariff = std::make_shared<Tariff>("bench", *Currency::from_code("EUR"),
                                      *TimeZone::locate("Europe/Sofia"), "day");
    tariff->add_price_list(deck);
    auto evening = std::make_shared<RateDeck>("evening");
    auto weekend = std::make_shared<RateDeck>("weekend");
    for (std::size_t i = 0; i < rates.size(); i += 50) {
      Rate r = rates[i];
      r.rate = Money::from_micros(r.rate.micros() / 2);
      evening->add(r);
      r.rate = Money::from_micros(r.rate.micros() / 2);
      weekend->add(r);
    }
    tariff->add_price_list(evening);
    tariff->add_price_list(weekend);
    tariff->add_rule({"evening", "evening", *Weekdays::parse("mon-fri"),
                      *TimeOfDayRange::parse("18:00-08:00"), false, 0});
    tariff->add_rule({"weekend", "weekend", *Weekdays::parse("sat,sun"), {}, false, 0});
    tariff->add_holiday(*Holiday::parse_date("12-25"));
    // Starts around the 18:00 edge on different days (a call crosses day -> evening).
    for (unsigned d = 0; d < 64; ++d) {
      starts.push_back(
          *tariff->zone().from_local(2026, 11, 1 + d % 28, 17 * 3600 + 50 * 60 + d * 7));
    }
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_ImportCsv(benchmark::State& state) {
  const std::string& csv = deck_csv();
  for (auto _ : state) {
    auto import = parse_rate_deck_csv(csv, "day");
    benchmark::DoNotOptimize(import.deck);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kDeckSize));
  state.counters["bytes"] = static_cast<double>(csv.size());
}
BENCHMARK(BM_ImportCsv)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_LookupTrie(benchmark::State& state) {
  Fixture& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.deck->match(f.numbers[i++ % kNumbers]));
  }
}
BENCHMARK(BM_LookupTrie);

void BM_LookupNaiveHash(benchmark::State& state) {
  Fixture& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    std::string_view n = f.numbers[i++ % kNumbers];
    const Rate* found = nullptr;
    for (std::size_t len = std::min(n.size(), f.longest); len > 0 && found == nullptr; --len) {
      auto it = f.naive.find(n.substr(0, len));
      if (it != f.naive.end()) found = it->second;
    }
    benchmark::DoNotOptimize(found);
  }
}
BENCHMARK(BM_LookupNaiveHash);

void BM_PriceCall(benchmark::State& state) {
  Fixture& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    std::size_t k = i++;
    benchmark::DoNotOptimize(price_call(*f.tariff, f.numbers[k % kNumbers], f.starts[k % 64],
                                        static_cast<std::uint32_t>(state.range(0))));
  }
}
BENCHMARK(BM_PriceCall)->Arg(300)->Arg(3600);

void BM_MaxDuration(benchmark::State& state) {
  Fixture& f = fixture();
  Money balance = Money::from_units(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    std::size_t k = i++;
    benchmark::DoNotOptimize(
        max_duration(*f.tariff, f.numbers[k % kNumbers], f.starts[k % 64], balance, 4 * 3600));
  }
}
BENCHMARK(BM_MaxDuration)->Arg(2)->Arg(10);

/// The reference: increase the duration block by block, pricing each candidate with
/// price_call, until the next block would not fit (what a naive implementation does).
void BM_MaxDurationBruteForce(benchmark::State& state) {
  Fixture& f = fixture();
  Money balance = Money::from_units(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    std::size_t k = i++;
    const std::string& number = f.numbers[k % kNumbers];
    Instant start = f.starts[k % 64];
    std::uint32_t granted = 0;
    auto first = price_call(*f.tariff, number, start, 1);
    if (first) {
      std::uint32_t block = first->billed_s;
      for (std::uint32_t d = block; d <= 4 * 3600; d += 6) {  // 6 s: the smallest increment
        auto p = price_call(*f.tariff, number, start, d);
        if (p->total > balance) break;
        granted = d;
      }
    }
    benchmark::DoNotOptimize(granted);
  }
}
BENCHMARK(BM_MaxDurationBruteForce)->Arg(2)->Arg(10);

/// What a reservation does: snapshot the tariff restricted to one number as text, and read
/// it back (billing keeps the snapshot so a call keeps the prices it was granted).
void BM_TariffSnapshot(benchmark::State& state) {
  Fixture& f = fixture();
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string text = format_tariff_text(f.tariff->restricted_to(f.numbers[i++ % kNumbers]));
    bytes = text.size();
    auto load = parse_tariff_text(text);
    benchmark::DoNotOptimize(load.tariff);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_TariffSnapshot);

/// Collects each benchmark's time per iteration (ns) for the ratio table.
class Collector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration) continue;
      double to_ns = 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
      ns_[run.benchmark_name()] = run.GetAdjustedRealTime() * to_ns;
      cpu_ns_[run.benchmark_name()] = run.GetAdjustedCPUTime() * to_ns;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  /// Wall-clock time per iteration, in ns.
  double ns(const std::string& name) const { return get(ns_, name); }
  /// CPU time per iteration, in ns (differs from wall time when the machine is busy).
  double cpu_ns(const std::string& name) const { return get(cpu_ns_, name); }

 private:
  static double get(const std::map<std::string, double>& m, const std::string& name) {
    auto it = m.find(name);
    return it == m.end() ? 0 : it->second;
  }
  std::map<std::string, double> ns_;
  std::map<std::string, double> cpu_ns_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Fixture& f = fixture();  // build outside the timed runs
  Collector collector;
  benchmark::RunSpecifiedBenchmarks(&collector);
  benchmark::Shutdown();

  auto ratio = [](double ours, double reference) { return ours > 0 ? reference / ours : 0.0; };
  // Figures are wall time, with CPU time in brackets: on a shared machine the CPU time is the
  // better guide. Targets are checked on CPU time.
  auto line = [&](const char* what, const std::string& name, double target_ns,
                  const std::string& reference_name, const char* reference_what) {
    double wall = collector.ns(name), cpu = collector.cpu_ns(name);
    std::printf("  %-36s %11.1f ns (%9.1f cpu)", what, wall, cpu);
    if (target_ns > 0) {
      std::printf("  target < %5.0f ns %-6s", target_ns,
                  cpu > 0 && cpu < target_ns ? "ok" : "MISSED");
    }
    if (!reference_name.empty()) {
      double ref = collector.cpu_ns(reference_name);
      std::printf("  vs %s %.1f ns cpu: %.1fx", reference_what, ref, ratio(cpu, ref));
    }
    std::printf("\n");
  };
  double import_ms = collector.ns("BM_ImportCsv/iterations:5") / 1e6;
  double import_cpu_ms = collector.cpu_ns("BM_ImportCsv/iterations:5") / 1e6;
  std::printf("\nRating figures (%zu prefixes, %zu bytes of CSV)\n", kDeckSize, deck_csv().size());
  std::printf("  %-36s %11.1f ms (%9.1f cpu)  target < 1000 ms %-6s\n",
              "import (CSV parse + build)", import_ms, import_cpu_ms,
              import_cpu_ms > 0 && import_cpu_ms < 1000 ? "ok" : "MISSED");
  std::printf("  %-36s %11.1f MB   (RateDeck::memory_bytes)\n", "deck memory",
              static_cast<double>(f.deck->memory_bytes()) / 1e6);
  std::printf("  %-36s %11.1f MB   (resident set growth over one import)\n", "RSS growth",
              static_cast<double>(f.rss_growth) / 1e6);
  line("lookup (longest prefix)", "BM_LookupTrie", 200, "BM_LookupNaiveHash",
       "naive hash probed per length");
  line("price_call (300 s across 18:00)", "BM_PriceCall/300", 0, "", "");
  line("price_call (3600 s)", "BM_PriceCall/3600", 0, "", "");
  line("max_duration (balance 2.00)", "BM_MaxDuration/2", 2000, "BM_MaxDurationBruteForce/2",
       "brute-force price_call loop");
  line("max_duration (balance 10.00)", "BM_MaxDuration/10", 2000, "BM_MaxDurationBruteForce/10",
       "brute-force price_call loop");
  line("reservation snapshot round trip", "BM_TariffSnapshot", 0, "", "");
  return 0;
}

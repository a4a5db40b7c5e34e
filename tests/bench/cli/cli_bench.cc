// prepaidctl and the HTTP API importing a 250,000-rate price list, next to the same import
// made in process by TariffService (the reference: what is left is the front ends' cost).
// Run by `scripts/bench cli` against a private MariaDB (PREPAID_DB_*); not a ctest.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "billing/store/mysql/connection_options.h"
#include "billing/store/mysql/mysql_store.h"
#include "billing/store/mysql/schema.h"
#include "billing/operators/operator_service.h"
#include "billing/tariffs/tariff_service.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
namespace billing = prepaid::billing;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Runs prepaidctl with `args` (PREPAID_DB_NAME set); stdout to /dev/null; returns its status.
int prepaidctl(const std::vector<std::string>& args, const std::string& db) {
  std::vector<std::string> argv_s = {PREPAIDCTL_PATH};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = {"PREPAID_DB_NAME=" + db, "PREPAID_OPERATOR=admin"};
  for (char** e = environ; *e; ++e) env_s.emplace_back(*e);
  std::vector<char*> env;
  for (auto& e : env_s) env.push_back(e.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data()) != 0) return -1;
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// `prepaidctl serve --port 0`; returns its pid and port.
std::pair<pid_t, int> serve(const std::string& db) {
  int out[2];
  if (pipe(out) != 0) return {-1, 0};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    setenv("PREPAID_DB_NAME", db.c_str(), 1);
    execl(PREPAIDCTL_PATH, PREPAIDCTL_PATH, "serve", "--port", "0", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string banner;
  char c = 0;
  while (read(out[0], &c, 1) == 1 && c != '\n') banner += c;
  close(out[0]);
  const auto colon = banner.rfind(':');
  if (banner.find("listening") == std::string::npos || colon == std::string::npos) return {pid, 0};
  return {pid, std::atoi(banner.c_str() + colon + 1)};
}

}  // namespace

int main() {
  const std::string db = "bench_cli_" + std::to_string(getpid());
  auto options = prepaid::mysql::ConnectionOptions::from_env(db);
  prepaid::mysql::Schema schema(options);
  schema.drop_database();
  schema.init();
  auto store = std::make_shared<prepaid::mysql::MySqlStore>(options);
  billing::TariffService tariffs(store);
  billing::OperatorService operators(store);
  const auto system = billing::Actor::system("bench");
  operators.add(system, "admin", billing::Role::administrator);
  const auto token = operators.create_token(system, "admin", "bench")->secret;
  const billing::Actor admin{"admin", billing::Role::administrator, "bench"};
  billing::TariffRecord spec;
  spec.name = "bench";
  spec.currency = "EUR";
  spec.base_price_list = "day";
  if (!tariffs.create_tariff(admin, spec)) return 1;

  std::string csv = "prefix,destination,rate,first_increment,increment,buy_rate\n";
  csv.reserve(250000 * 48);
  for (int i = 0; i < 250000; ++i)
    csv += std::to_string(100000000 + i * 7) + ",Destination " + std::to_string(i % 997) + ",0." +
           std::to_string(10 + i % 89) + ",60,60,0.01\n";
  const auto file = std::filesystem::temp_directory_path() / (db + ".csv");
  std::ofstream(file) << csv;

  std::printf("%-62s %9s %10s %7s\n", "250,000-rate price list (10 MB)", "seconds", "reference",
              "ratio");
  auto row = [](const char* what, double s, double ref) {
    std::printf("%-62s %9.2f %10.2f %7.2f\n", what, s, ref, s / ref);
  };
  // Reference: the service in process, replacing an existing list (as every run below does).
  if (!tariffs.import_price_list(admin, "bench", "day", csv)) return 1;
  auto t0 = Clock::now();
  if (!tariffs.import_price_list(admin, "bench", "day", csv)) return 1;
  const double reference = seconds_since(t0);
  row("TariffService::import_price_list, in process", reference, reference);

  t0 = Clock::now();
  if (prepaidctl({"pricelists", "import", "bench", "day", file.string()}, db) != 0) return 1;
  row("prepaidctl pricelists import (process, file, import)", seconds_since(t0), reference);

  const auto [pid, port] = serve(db);
  if (port == 0) return 1;
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(300);
  client.set_default_headers({{"Authorization", "Bearer " + token}});
  t0 = Clock::now();
  auto put = client.Put("/v1/tariffs/bench/lists/day", csv, "text/csv");
  const double api = seconds_since(t0);
  if (!put || put->status != 200) return 1;
  row("PUT /v1/tariffs/{tariff}/lists/{list} (HTTP upload, import)", api, reference);
  t0 = Clock::now();
  auto got = client.Get("/v1/tariffs/bench/lists/day");
  if (!got || got->status != 200) return 1;
  row("GET /v1/tariffs/{tariff}/lists/{list} (export as CSV)", seconds_since(t0), reference);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);

  std::filesystem::remove(file);
  schema.drop_database();
  return 0;
}

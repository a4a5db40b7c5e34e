#pragma once
/// @file cli_world.h
/// @brief CliWorld: a fresh database on the private MariaDB and the real prepaidctl binary
/// run against it; ServeProcess: `prepaidctl serve` on a random 127.0.0.1 port with an HTTP
/// client. Reads PREPAID_DB_* (scripts/test exports them) and throws when they are absent, so
/// a test without its database fails.

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "mysql/test_database.h"

namespace prepaid::cli::testing {

/// @brief What one prepaidctl run left.
struct Run {
  int exit_code = -1;  ///< 128 + signal when killed
  std::string out;     ///< standard output
  std::string err;     ///< standard error
  /// `out` parsed as JSON (fails the test when it is not JSON).
  nlohmann::json json() const;
};

/// Runs `program` with `args`, `input` on stdin, in the test's environment without
/// PREPAID_OPERATOR, PREPAID_CONFIG and PREPAID_DB_NAME, changed by `env`: "NAME=value" sets a
/// variable, "NAME" alone removes it.
Run run_program(const std::string& program, const std::vector<std::string>& args,
                const std::string& input = {}, const std::vector<std::string>& env = {});

/// @brief A unique database (dropped afterwards) with prepaidctl pointed at it, and an
/// administrator "admin" made by `db init --admin admin` (unless `bootstrap` is false).
class CliWorld {
 public:
  explicit CliWorld(bool bootstrap = true);

  /// prepaidctl with these arguments (no --as added).
  Run run(const std::vector<std::string>& args, const std::string& input = {},
          const std::vector<std::string>& env = {}) const;
  /// prepaidctl --json --as `as` with these arguments; the test fails unless it exits 0.
  /// When the command changes something (its route is not a GET), the test also fails unless
  /// it wrote audit rows, all by `as` from a "cli …" source.
  nlohmann::json ok(const std::vector<std::string>& args, const std::string& as = "admin",
                    const std::string& input = {}) const;
  /// prepaidctl --json --as `as`; returns the run whatever its exit code.
  Run as(const std::string& who, const std::vector<std::string>& args,
         const std::string& input = {}) const;

  /// A checksum of every table's content: equal before and after means nothing changed.
  std::string fingerprint() const;
  /// Runs SQL through the mariadb client on this database (for assertions only).
  std::string sql(const std::string& statement) const;

  /// The highest audit row id now (0 when none).
  std::int64_t last_audit_id() const;
  /// Checks that rows were added to the audit log after `id`, every one by `actor` from a
  /// source starting with `source_prefix` (fails the test otherwise).
  void require_audited_since(std::int64_t id, const std::string& actor,
                             const std::string& source_prefix) const;

  /// PREPAID_DB_* lines for this database.
  std::vector<std::string> env() const;
  const mysql::ConnectionOptions& database() const { return db_.options(); }

  /// An API token of a new operator with this role (operators add + tokens create).
  std::string token_for(const std::string& name, const std::string& role) const;

 private:
  mysql::testing::TestDatabase db_;
};

/// @brief `prepaidctl serve --port 0` for one test; stopped with SIGTERM when destroyed.
class ServeProcess {
 public:
  ServeProcess(const CliWorld& world, const std::vector<std::string>& extra_args = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  /// The server's process id (to read its memory use in /proc).
  pid_t pid() const { return pid_; }
  /// The first line it printed ("prepaidctl serve: listening on http://127.0.0.1:N").
  const std::string& banner() const { return banner_; }
  /// A plain-HTTP client; with `token`, every request carries "Authorization: Bearer token".
  std::unique_ptr<httplib::Client> client(const std::string& token = {}) const;
  /// Everything it wrote to stderr so far (the access log).
  std::string log() const;
  /// Stops it (SIGTERM) and returns its exit code.
  int stop();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string banner_;
  int out_fd_ = -1;
  int err_fd_ = -1;
  mutable std::mutex mutex_;
  std::string log_;
  std::thread drain_;
  int exit_code_ = -1;
};

}  // namespace prepaid::cli::testing

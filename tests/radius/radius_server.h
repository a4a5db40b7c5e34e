#pragma once
/// @file radius_server.h
/// @brief A real, threaded FreeRADIUS with rlm_prepaid, started for one test.
///
/// The raddb is a copy of examples/freeradius in a fresh temporary directory (so the example
/// is what the tests run), with random loopback ports. The server runs in the foreground with
/// its worker threads (`freeradius -f`, never -X, which would hide thread-safety bugs).

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tests/radius/command.h"

namespace prepaid::radius::testing {

/// @brief Where the module's database is, for the module's `database { }` section.
struct DatabaseEnv {
  std::string socket;
  std::string port = "3306";
  std::string user = "prepaid";
  std::string password;
  std::string name = "prepaid";

  /// From PREPAID_DB_SOCKET/PORT/USER/PASSWORD (scripts/test exports them) and `name`.
  /// Throws when PREPAID_DB_SOCKET is unset: a test needing the database must fail, not skip.
  static DatabaseEnv from_environment(const std::string& name);
  /// Settings that point nowhere, for tests that must not reach a database.
  static DatabaseEnv unreachable();
};

/// @brief One radiusd instance.
class RadiusServer {
 public:
  /// Prepares the raddb (nothing runs yet). `edit` may change the copied files first.
  explicit RadiusServer(DatabaseEnv db,
                        std::function<void(const std::filesystem::path& raddb)> edit = {});
  ~RadiusServer();
  RadiusServer(const RadiusServer&) = delete;
  RadiusServer& operator=(const RadiusServer&) = delete;

  /// Starts `freeradius -f` and waits until it answers Status-Server (at most 30 s). Throws
  /// with the server log when it exits or does not answer.
  void start();
  /// Stops it (SIGTERM, then SIGKILL after 10 s). Safe to call twice.
  void stop();
  bool running() const { return pid_ > 0; }

  /// Sends Status-Server once; true when answered.
  bool answers_status() const;

  /// Runs `freeradius -XC` on this raddb.
  CommandResult check_config() const;

  /// radclient against this server: `type` is auth, acct or status; `packets` is
  /// radclient's input (attribute lines, blank line between packets).
  CommandResult radclient(const std::string& type, const std::string& packets,
                          const std::vector<std::string>& options = {}) const;

  unsigned auth_port() const { return auth_port_; }
  unsigned acct_port() const { return acct_port_; }
  const std::string& secret() const { return secret_; }
  const std::filesystem::path& raddb() const { return raddb_; }
  /// The server's log so far (log/radius.log and its stdout/stderr).
  std::string log() const;
  /// Environment the server runs with ("NAME=value").
  const std::vector<std::string>& environment() const { return env_; }

 private:
  std::filesystem::path dir_, raddb_;
  unsigned auth_port_ = 0, acct_port_ = 0;
  std::string secret_ = "testing123";
  std::vector<std::string> env_;
  pid_t pid_ = -1;
};

/// A free UDP port on 127.0.0.1 (best effort: the server binds it right after).
unsigned free_udp_port();

/// Where the tests find the repository and the built module.
std::filesystem::path source_dir();
std::filesystem::path module_dir();

}  // namespace prepaid::radius::testing

#include "tests/radius/private_mariadb.h"

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "tests/radius/command.h"

namespace prepaid::radius::testing {

namespace fs = std::filesystem;

PrivateMariaDb::PrivateMariaDb() {
  std::string pattern = (fs::temp_directory_path() / "prepaid-mariadb-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  start();
}

PrivateMariaDb::~PrivateMariaDb() {
  try {
    stop();
  } catch (...) {
  }
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

void PrivateMariaDb::start() {
  const auto script = (source_dir() / "scripts" / "mariadb").string();
  // A port of its own (the inherited PREPAID_DB_PORT belongs to the shared test server).
  const auto r = run_command({script, "start", dir_.string()}, {}, {"PREPAID_DB_PORT="});
  if (r.exit_code != 0) throw std::runtime_error("scripts/mariadb start failed:\n" + r.output);
  std::istringstream lines(r.output);
  std::string line;
  while (std::getline(lines, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const auto key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "PREPAID_DB_SOCKET") env_.socket = value;
    if (key == "PREPAID_DB_PORT") env_.port = value;
    if (key == "PREPAID_DB_USER") env_.user = value;
    if (key == "PREPAID_DB_PASSWORD") env_.password = value;
  }
  if (env_.socket.empty())
    throw std::runtime_error("scripts/mariadb printed no socket:\n" + r.output);
}

void PrivateMariaDb::stop() {
  const auto script = (source_dir() / "scripts" / "mariadb").string();
  run_command({script, "stop", dir_.string()});
}

DatabaseEnv PrivateMariaDb::env(const std::string& name) const {
  DatabaseEnv e = env_;
  e.name = name;
  return e;
}

}  // namespace prepaid::radius::testing

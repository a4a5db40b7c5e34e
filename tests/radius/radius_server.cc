#include "tests/radius/radius_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace prepaid::radius::testing {

namespace fs = std::filesystem;

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

fs::path source_dir() {
  return PREPAID_SOURCE_DIR;
}
fs::path module_dir() {
  return PREPAID_MODULE_DIR;
}

DatabaseEnv DatabaseEnv::from_environment(const std::string& name) {
  const char* socket = std::getenv("PREPAID_DB_SOCKET");
  if (!socket || !*socket) {
    throw std::runtime_error(
        "PREPAID_DB_SOCKET is not set: start the private MariaDB (scripts/test does, or "
        "`eval $(scripts/mariadb start)` and export its lines)");
  }
  DatabaseEnv db;
  db.socket = socket;
  db.port = env_or("PREPAID_DB_PORT", "3306");
  db.user = env_or("PREPAID_DB_USER", "prepaid");
  db.password = env_or("PREPAID_DB_PASSWORD", "");
  db.name = name;
  return db;
}

DatabaseEnv DatabaseEnv::unreachable() {
  DatabaseEnv db;
  db.socket = "/nonexistent/prepaid-test/mysqld.sock";
  db.password = "unused";
  return db;
}

unsigned free_udp_port() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free UDP port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

RadiusServer::RadiusServer(DatabaseEnv db, std::function<void(const fs::path&)> edit) {
  std::string pattern = (fs::temp_directory_path() / "prepaid-radiusd-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  raddb_ = dir_ / "raddb";
  fs::copy(source_dir() / "examples" / "freeradius", raddb_, fs::copy_options::recursive);
  // Access-Rejects at once: the tests send many (the example holds each back a second).
  {
    const fs::path conf = raddb_ / "radiusd.conf";
    std::string text = read_file(conf);
    const std::string from = "reject_delay = 1";
    const auto at = text.find(from);
    if (at == std::string::npos)
      throw std::runtime_error("reject_delay not found in " + conf.string());
    text.replace(at, from.size(), "reject_delay = 0");
    std::ofstream(conf) << text;
  }
  fs::create_directories(dir_ / "log");
  fs::create_directories(dir_ / "run");
  if (edit) edit(raddb_);
  auth_port_ = free_udp_port();
  do {
    acct_port_ = free_udp_port();
  } while (acct_port_ == auth_port_);
  env_ = {
      "PREPAID_RADIUS_DIR=" + dir_.string(),
      "PREPAID_MODULE_DIR=" + module_dir().string(),
      "PREPAID_AUTH_PORT=" + std::to_string(auth_port_),
      "PREPAID_ACCT_PORT=" + std::to_string(acct_port_),
      "PREPAID_RADIUS_SECRET=" + secret_,
      "PREPAID_DB_SOCKET=" + db.socket,
      "PREPAID_DB_PORT=" + db.port,
      "PREPAID_DB_USER=" + db.user,
      "PREPAID_DB_PASSWORD=" + db.password,
      "PREPAID_DB_NAME=" + db.name,
  };
}

RadiusServer::~RadiusServer() {
  try {
    stop();
  } catch (...) {
  }
  std::error_code ignored;
  if (!std::getenv("PREPAID_KEEP_TEST_DIRS")) fs::remove_all(dir_, ignored);
}

void RadiusServer::start() {
  if (running()) return;
  const std::string program = find_program("freeradius");
  const std::string raddb = raddb_.string();
  const std::string out = (dir_ / "log" / "stdout.log").string();
  std::vector<std::string> env_storage = environment_with(env_);
  std::vector<char*> env;
  for (auto& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);
  const char* args[] = {program.c_str(), "-f", "-d", raddb.c_str(), nullptr};

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execve(program.c_str(), const_cast<char* const*>(args), env.data());
    ::_exit(127);
  }
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("freeradius exited during start-up:\n" + log());
    }
    if (answers_status()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop();
  throw std::runtime_error("freeradius did not answer Status-Server within 30 s:\n" + log());
}

void RadiusServer::stop() {
  if (!running()) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

bool RadiusServer::answers_status() const {
  const auto r = radclient("status", "Message-Authenticator = 0x00\n", {"-r", "1", "-t", "1"});
  return r.exit_code == 0 && r.output.find("Received Access-Accept") != std::string::npos;
}

CommandResult RadiusServer::check_config() const {
  return run_command({"freeradius", "-XC", "-d", raddb_.string()}, {}, env_);
}

CommandResult RadiusServer::radclient(const std::string& type, const std::string& packets,
                                      const std::vector<std::string>& options) const {
  std::vector<std::string> argv{"radclient", "-x"};
  argv.insert(argv.end(), options.begin(), options.end());
  const unsigned port = type == "acct" ? acct_port_ : auth_port_;
  argv.push_back("127.0.0.1:" + std::to_string(port));
  argv.push_back(type);
  argv.push_back(secret_);
  return run_command(argv, packets);
}

std::string RadiusServer::log() const {
  return read_file(dir_ / "log" / "radius.log") + read_file(dir_ / "log" / "stdout.log");
}

}  // namespace prepaid::radius::testing

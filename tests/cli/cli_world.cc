#include "cli_world.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "admin-cli/command/command.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace prepaid::cli::testing {
namespace {

std::string name_of(const std::string& entry) {
  return entry.substr(0, entry.find('='));
}

/// The test's environment without PREPAID_OPERATOR, PREPAID_CONFIG and PREPAID_DB_NAME, with
/// `extra` applied: "NAME=value" sets (replacing), "NAME" alone unsets.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry(*e);
    const auto name = name_of(entry);
    if (name == "PREPAID_OPERATOR" || name == "PREPAID_CONFIG" || name == "PREPAID_DB_NAME") {
      continue;
    }
    bool replaced = false;
    for (const auto& x : extra) replaced = replaced || name_of(x) == name;
    if (!replaced) env.push_back(entry);
  }
  for (const auto& e : extra)
    if (e.find('=') != std::string::npos) env.push_back(e);
  return env;
}

struct Spawned {
  pid_t pid;
  int in, out, err;
};

Spawned spawn(const std::string& program, const std::vector<std::string>& args,
              const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv_storage = {program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto env_storage = child_environment(extra_env);
  std::vector<char*> env;
  for (auto& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);

  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC) || ::pipe2(err, O_CLOEXEC)) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::execve(program.c_str(), argv.data(), env.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  return {pid, in[1], out[0], err[0]};
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string env_or_throw(const char* name) {
  const char* v = std::getenv(name);
  if (!v) throw std::runtime_error(std::string(name) + " is not set (run through scripts/test)");
  return v;
}

}  // namespace

nlohmann::json Run::json() const {
  auto value = nlohmann::json::parse(out, nullptr, false);
  if (value.is_discarded()) FAIL("not JSON on stdout: " << out << "\nstderr: " << err);
  return value;
}

Run run_program(const std::string& program, const std::vector<std::string>& args,
                const std::string& input, const std::vector<std::string>& env) {
  ::signal(SIGPIPE, SIG_IGN);
  const auto child = spawn(program, args, env);
  Run run;
  std::size_t written = 0;
  int in = child.in;
  if (input.empty()) {
    ::close(in);
    in = -1;
  } else {
    ::fcntl(in, F_SETFL, O_NONBLOCK);
  }
  int out = child.out, err = child.err;
  char buffer[65536];
  while (out >= 0 || err >= 0) {
    pollfd fds[3];
    int n = 0;
    if (in >= 0) fds[n++] = {in, POLLOUT, 0};
    if (out >= 0) fds[n++] = {out, POLLIN, 0};
    if (err >= 0) fds[n++] = {err, POLLIN, 0};
    if (::poll(fds, static_cast<nfds_t>(n), 120000) <= 0) {
      if (errno == EINTR) continue;
      ::kill(child.pid, SIGKILL);
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in) {
        const ssize_t w = ::write(in, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 && errno != EAGAIN) written = input.size();
        if (written >= input.size()) {
          ::close(in);
          in = -1;
        }
        continue;
      }
      const ssize_t r = ::read(fds[i].fd, buffer, sizeof buffer);
      if (r > 0) {
        (fds[i].fd == out ? run.out : run.err).append(buffer, static_cast<std::size_t>(r));
      } else if (r == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        (fds[i].fd == out ? out : err) = -1;
      }
    }
  }
  if (in >= 0) ::close(in);
  run.exit_code = wait_for(child.pid);
  return run;
}

CliWorld::CliWorld(bool bootstrap) : db_(/*init_schema=*/false) {
  if (bootstrap) {
    const auto r = run({"db", "init", "--admin", "admin"});
    if (r.exit_code != 0) {
      throw std::runtime_error("prepaidctl db init failed: " + r.out + r.err);
    }
  }
}

std::vector<std::string> CliWorld::env() const {
  std::vector<std::string> env = {"PREPAID_DB_NAME=" + db_.options().database};
  return env;
}

Run CliWorld::run(const std::vector<std::string>& args, const std::string& input,
                  const std::vector<std::string>& env) const {
  auto all_env = this->env();
  all_env.insert(all_env.end(), env.begin(), env.end());
  return run_program(PREPAIDCTL_PATH, args, input, all_env);
}

Run CliWorld::as(const std::string& who, const std::vector<std::string>& args,
                 const std::string& input) const {
  std::vector<std::string> all = {"--json", "--as", who};
  all.insert(all.end(), args.begin(), args.end());
  return run(all, input);
}

std::int64_t CliWorld::last_audit_id() const {
  return std::stoll(sql("SELECT COALESCE(MAX(id), 0) FROM audit_log"));
}

void CliWorld::require_audited_since(std::int64_t id, const std::string& actor,
                                     const std::string& source_prefix) const {
  const auto rows = sql("SELECT CONCAT(actor, '|', source) FROM audit_log WHERE id > " +
                        std::to_string(id) + " ORDER BY id");
  INFO("audit rows after " << id << ":\n" << rows);
  REQUIRE_MESSAGE(!rows.empty(), "a change left no audit row");
  std::size_t pos = 0;
  while (pos < rows.size()) {
    const auto end = rows.find('\n', pos);
    const auto line = rows.substr(pos, end - pos);
    pos = end == std::string::npos ? rows.size() : end + 1;
    CHECK(line.substr(0, line.find('|')) == actor);
    CHECK(line.substr(line.find('|') + 1).rfind(source_prefix, 0) == 0);
  }
}

namespace {

/// The table command that `args` runs, when it changes something (its route is not a GET and
/// it is not a --preview, which works the change out and writes nothing).
const Command* mutating_command(const std::vector<std::string>& args) {
  if (std::find(args.begin(), args.end(), "--preview") != args.end()) return nullptr;
  for (const auto& c : all_commands()) {
    if (!c.cli_through.empty() || !c.has_route() || c.method == "GET") continue;
    if (args.size() >= c.words.size() && std::equal(c.words.begin(), c.words.end(), args.begin())) {
      return &c;
    }
  }
  return nullptr;
}

}  // namespace

nlohmann::json CliWorld::ok(const std::vector<std::string>& args, const std::string& who,
                            const std::string& input) const {
  const Command* mutating = mutating_command(args);
  const std::int64_t audit_before = mutating ? last_audit_id() : 0;
  const auto r = as(who, args, input);
  std::string line;
  for (const auto& a : args) line += a + " ";
  INFO("prepaidctl " << line << "\nstdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  if (mutating) require_audited_since(audit_before, who, "cli");
  return r.json();
}

std::string CliWorld::sql(const std::string& statement) const {
  std::vector<std::string> args = {"--batch", "--skip-column-names",
                                   "--user=" + env_or_throw("PREPAID_DB_USER")};
  if (const char* socket = std::getenv("PREPAID_DB_SOCKET"); socket && *socket) {
    args.push_back(std::string("--socket=") + socket);
  } else {
    args.push_back("--protocol=tcp");
    args.push_back("--host=" + std::string(std::getenv("PREPAID_DB_HOST")
                                               ? std::getenv("PREPAID_DB_HOST")
                                               : "127.0.0.1"));
    args.push_back("--port=" + env_or_throw("PREPAID_DB_PORT"));
  }
  args.push_back(db_.options().database);
  args.push_back("-e");
  args.push_back(statement);
  std::vector<std::string> env;
  if (const char* pw = std::getenv("PREPAID_DB_PASSWORD"))
    env.push_back(std::string("MYSQL_PWD=") + pw);
  for (const char* client : {"/usr/bin/mariadb", "/usr/bin/mysql"}) {
    if (::access(client, X_OK) != 0) continue;
    const auto r = run_program(client, args, {}, env);
    if (r.exit_code != 0) throw std::runtime_error("mariadb client: " + r.err);
    return r.out;
  }
  throw std::runtime_error("the mariadb client is not installed (scripts/test installs it)");
}

std::string CliWorld::fingerprint() const {
  const auto tables =
      sql("SELECT GROUP_CONCAT(table_name ORDER BY table_name SEPARATOR ', ') FROM "
          "information_schema.tables WHERE table_schema = DATABASE()");
  std::string list = tables;
  while (!list.empty() && (list.back() == '\n' || list.back() == '\r')) list.pop_back();
  if (list.empty() || list == "NULL") throw std::runtime_error("no tables to fingerprint");
  return sql("CHECKSUM TABLE " + list + " EXTENDED");
}

std::string CliWorld::token_for(const std::string& name, const std::string& role) const {
  ok({"operators", "add", name, "--role", role});
  return ok({"tokens", "create", name, "--label", "test"})["token"].get<std::string>();
}

ServeProcess::ServeProcess(const CliWorld& world, const std::vector<std::string>& extra_args) {
  std::vector<std::string> args = {"serve", "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  ::signal(SIGPIPE, SIG_IGN);
  const auto child = spawn(PREPAIDCTL_PATH, args, world.env());
  ::close(child.in);
  pid_ = child.pid;
  out_fd_ = child.out;
  err_fd_ = child.err;
  // Wait (at most 20 s) for the banner line with the port.
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (out.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    if (::poll(fds, 2, 200) <= 0) continue;
    char buffer[4096];
    if (fds[0].revents) {
      const ssize_t r = ::read(out_fd_, buffer, sizeof buffer);
      if (r <= 0) break;
      out.append(buffer, static_cast<std::size_t>(r));
    }
    if (fds[1].revents) {
      const ssize_t r = ::read(err_fd_, buffer, sizeof buffer);
      if (r > 0) log_.append(buffer, static_cast<std::size_t>(r));
    }
  }
  banner_ = out.substr(0, out.find('\n'));
  const auto colon = banner_.rfind(':');
  if (banner_.find("listening on") == std::string::npos || colon == std::string::npos) {
    stop();
    throw std::runtime_error("prepaidctl serve did not start: " + out + log_);
  }
  port_ = std::stoi(banner_.substr(colon + 1));
  drain_ = std::thread([this] {
    char buffer[4096];
    for (;;) {
      const ssize_t r = ::read(err_fd_, buffer, sizeof buffer);
      if (r <= 0) break;
      std::lock_guard lock(mutex_);
      log_.append(buffer, static_cast<std::size_t>(r));
    }
  });
}

ServeProcess::~ServeProcess() {
  stop();
}

int ServeProcess::stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    exit_code_ = wait_for(pid_);
    pid_ = -1;
  }
  if (drain_.joinable()) drain_.join();
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
  out_fd_ = err_fd_ = -1;
  return exit_code_;
}

std::unique_ptr<httplib::Client> ServeProcess::client(const std::string& token) const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_connection_timeout(5);
  c->set_read_timeout(60);
  if (!token.empty()) c->set_default_headers({{"Authorization", "Bearer " + token}});
  return c;
}

std::string ServeProcess::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

}  // namespace prepaid::cli::testing

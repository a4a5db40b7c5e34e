// A real threaded radiusd with rlm_prepaid, from the example raddb, without a database.
#include "tests/radius/radius_server.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace prepaid::radius::testing;
namespace fs = std::filesystem;

namespace {

// Replaces `from` by `to` in a file of the copied raddb.
void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from << " not found in " << file);
  text.replace(at, from.size(), to);
  in.close();
  std::ofstream(file) << text;
}

// The attribute lines radclient printed for the reply, in packet order.
std::vector<std::string> reply_attributes(const std::string& output) {
  std::vector<std::string> lines;
  const auto received = output.find("Received ");
  if (received == std::string::npos) return lines;
  std::stringstream s(output.substr(received));
  std::string line;
  std::getline(s, line);  // the "Received ..." line itself
  while (std::getline(s, line) && !line.empty() && (line[0] == '\t' || line[0] == ' ')) {
    lines.push_back(line.substr(line.find_first_not_of(" \t")));
  }
  return lines;
}

}  // namespace

TEST_CASE("the example raddb passes freeradius -XC") {
  // Proves examples/freeradius is a valid configuration that loads and instantiates the module.
  RadiusServer server(DatabaseEnv::unreachable());
  const auto r = server.check_config();
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("Configuration appears to be OK") != std::string::npos);
  CHECK(r.output.find("Loaded module rlm_prepaid") != std::string::npos);
}

TEST_CASE("an out-of-range option stops the server with the value and its range") {
  // Proves the instantiate checks reach the operator through FreeRADIUS's own output.
  RadiusServer server(DatabaseEnv::unreachable(), [](const fs::path& raddb) {
    replace_in(raddb / "mods-enabled" / "prepaid", "max_call_duration = 7200",
               "max_call_duration = 0");
  });
  const auto r = server.check_config();
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("max_call_duration = 0 is out of range (1..86400 seconds)") !=
        std::string::npos);
}

TEST_CASE("an unknown option or a bad choice stops the server and names it") {
  // Proves misspelt options are not silently ignored and enumerations list the valid values.
  RadiusServer misspelt(DatabaseEnv::unreachable(), [](const fs::path& raddb) {
    replace_in(raddb / "mods-enabled" / "prepaid", "time_limit = both",
               "time_limit = both\n\tmax_call_duraton = 60");
  });
  auto r = misspelt.check_config();
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("Unknown option \"max_call_duraton\"") != std::string::npos);

  RadiusServer bad_choice(DatabaseEnv::unreachable(), [](const fs::path& raddb) {
    replace_in(raddb / "mods-enabled" / "prepaid", "time_limit = both", "time_limit = forever");
  });
  r = bad_choice.check_config();
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("time_limit = \"forever\" is not valid (valid: session_timeout, "
                      "h323_credit_time, both)") != std::string::npos);
}

TEST_CASE("radiusd runs threaded with the module and answers Status-Server") {
  // Proves the harness starts a real multi-threaded server (not -X) and stops it cleanly.
  RadiusServer server(DatabaseEnv::unreachable());
  server.start();
  CHECK(server.running());
  CHECK(server.answers_status());
  // Worker threads: more than the main thread in /proc/<pid>/task.
  std::size_t threads = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    // Any other process may end while it is read (reading its cmdline then throws).
    try {
      std::ifstream in(entry.path() / "cmdline");
      std::string args((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (args.find(server.raddb().string()) != std::string::npos &&
          args.find("-XC") == std::string::npos) {
        threads = static_cast<std::size_t>(
            std::distance(fs::directory_iterator(entry.path() / "task"), fs::directory_iterator{}));
      }
    } catch (const std::exception&) {
      continue;
    }
  }
  CHECK(threads > 1);
  server.stop();
  CHECK_FALSE(server.running());
  CHECK_FALSE(server.answers_status());
}

TEST_CASE("with the database unreachable: no answer; a refusal has Message-Authenticator first") {
  // Proves an Access-Request that needs the database gets no answer at all while it is
  // unreachable (the gateway retransmits or fails over), and the reply layout of a refusal
  // decided without it (no User-Name: code 11): MA is the first attribute.
  RadiusServer server(DatabaseEnv::unreachable());
  server.start();
  const auto unanswered = server.radclient("auth",
                                           "User-Name = \"1001\"\n"
                                           "User-Password = \"1234\"\n"
                                           "h323-conf-id = \"h323-conf-id=931C146B 0F4411D6\"\n",
                                           {"-r", "1", "-t", "1"});
  INFO(unanswered.output);
  CHECK(unanswered.output.find("Received") == std::string::npos);
  CHECK(unanswered.output.find("No reply from server") != std::string::npos);
  const auto r = server.radclient("auth",
                                  "User-Password = \"1234\"\n"
                                  "h323-conf-id = \"h323-conf-id=931C146B 0F4411D6\"\n");
  INFO(r.output);
  CHECK(r.output.find("Received Access-Reject") != std::string::npos);
  const auto attrs = reply_attributes(r.output);
  REQUIRE(attrs.size() >= 3);
  CHECK(attrs[0].rfind("Message-Authenticator = 0x", 0) == 0);
  CHECK(std::find(attrs.begin(), attrs.end(), "h323-return-code = \"h323-return-code=11\"") !=
        attrs.end());
  CHECK(std::find(attrs.begin(), attrs.end(), "Reply-Message = \"Invalid request\"") !=
        attrs.end());
}

TEST_CASE("with the database unreachable, accounting gets no answer") {
  // Proves the module fails the request so that the NAS keeps retransmitting.
  RadiusServer server(DatabaseEnv::unreachable());
  server.start();
  const auto r = server.radclient("acct",
                                  "User-Name = \"1001\"\n"
                                  "Acct-Status-Type = Start\n"
                                  "Acct-Session-Id = \"leg-1\"\n",
                                  {"-r", "1", "-t", "1"});
  INFO(r.output);
  CHECK(r.output.find("No reply from server") != std::string::npos);
  CHECK(r.output.find("Accounting-Response") == std::string::npos);
  CHECK(server.log().find("database unavailable") != std::string::npos);
}

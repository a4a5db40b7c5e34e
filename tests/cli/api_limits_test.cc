// `prepaidctl serve` under hostile clients, probed from outside over raw sockets from other
// loopback addresses: slow headers and bodies, refused addresses, too many connections,
// oversized bodies and bodies behind a role the token does not have.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli_fixtures.h"
#include "cli_world.h"
#include "raw_client.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::make_cards;
using prepaid::cli::testing::make_tariff;
using prepaid::cli::testing::RawClient;
using prepaid::cli::testing::ServeProcess;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

/// What a loaded 2-core machine still answers a plain GET in, with room to spare (it takes
/// milliseconds when the server is idle).
constexpr auto kAnswerBound = seconds(5);

/// A GET from 127.0.0.1 with the token: its status, and how long the answer took.
std::pair<int, Clock::duration> timed_get(const ServeProcess& serve, const std::string& token,
                                          const std::string& path) {
  auto client = serve.client(token);
  client->set_connection_timeout(kAnswerBound);
  client->set_read_timeout(kAnswerBound);
  const auto start = Clock::now();
  auto r = client->Get(path);
  return {r ? r->status : -1, Clock::now() - start};
}

/// The first line and headers of a GET that never ends: the slowloris's opening.
std::string slow_opening(int port) {
  return "GET /v1/operators HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n";
}

/// `count` connections from `source`, each sent its opening.
std::vector<std::unique_ptr<RawClient>> open_slow(const std::string& source, int port, int count) {
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < count; ++i) {
    slow.push_back(std::make_unique<RawClient>(source, port));
    slow.back()->send(slow_opening(port));
  }
  return slow;
}

/// One more header line on every connection still open (one line a second is the attack).
void drip(std::vector<std::unique_ptr<RawClient>>& slow, int i) {
  for (auto& c : slow)
    if (c->poll(milliseconds(0))) c->send("X-Slow-" + std::to_string(i) + ": 1\r\n");
}

/// The server process's peak resident memory (VmHWM) in KiB.
long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string error_code_of(const RawClient& c) {
  const auto& text = c.received();
  const auto body = text.find("\r\n\r\n");
  if (body == std::string::npos) return "";
  auto j = json::parse(text.substr(body + 4), nullptr, false);
  return j.is_discarded() ? "" : j["error"].value("code", "");
}

}  // namespace

TEST_CASE("slow connections from a refused address are closed at accept, not served") {
  // Proves the allow-list is checked at accept: 16 slowloris connections from 127.0.0.2 get
  // 403 and are closed at once, and requests from 127.0.0.1 are answered meanwhile.
  CliWorld world;
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world, {"--allow", "127.0.0.1/32"});
  auto slow = open_slow("127.0.0.2", serve.port(), 16);
  for (int second = 0; second < 3; ++second) {
    drip(slow, second);
    const auto [status, took] = timed_get(serve, token, "/v1/operators");
    CHECK(status == 200);
    CHECK(took < kAnswerBound);
    std::this_thread::sleep_for(seconds(1));
  }
  for (auto& c : slow) {
    CHECK(c->read_until_closed(seconds(2)));
    CHECK(c->status() == 403);
    CHECK(error_code_of(*c) == "address_not_allowed");
  }
  CHECK(serve.log().find("127.0.0.2 - refused at accept: 403 address_not_allowed") !=
        std::string::npos);
}

TEST_CASE("slow connections from an allowed address take at most their share, then time out") {
  // Proves the per-address limit (8 of the 16 slowloris connections are refused 429 at
  // once), that requests from another address are answered while the other 8 hang, and that
  // the header deadline cuts those 8 although each sends a line every second.
  CliWorld world;
  const auto token = world.token_for("carol", "administrator");
  ServeProcess serve(world, {"--header-timeout", "6"});
  const auto opened = Clock::now();
  auto slow = open_slow("127.0.0.2", serve.port(), 16);
  for (int second = 0; second < 3; ++second) {
    drip(slow, second);
    const auto [status, took] = timed_get(serve, token, "/v1/operators");
    CHECK(status == 200);
    CHECK(took < kAnswerBound);
    std::this_thread::sleep_for(seconds(1));
  }
  int refused = 0;
  int waiting = 0;
  for (auto& c : slow) {
    if (!c->poll(milliseconds(0)) && c->status() == 429) {
      CHECK(error_code_of(*c) == "too_many_connections");
      ++refused;
    } else if (c->received().empty()) {
      ++waiting;
    }
  }
  CHECK(refused == 8);
  CHECK(waiting == 8);
  // Still dripping a line a second, the 8 admitted ones are cut at their 6 s deadline.
  for (int second = 3; second < 14; ++second) {
    drip(slow, second);
    bool any_open = false;
    for (auto& c : slow) any_open = any_open || !c->closed();
    if (!any_open) break;
    std::this_thread::sleep_for(seconds(1));
  }
  const auto cut = Clock::now() - opened;
  int timed_out = 0;
  for (auto& c : slow) {
    c->read_until_closed(seconds(1));
    CHECK(c->closed());
    if (c->status() == 408) {
      CHECK(error_code_of(*c) == "request_timeout");
      ++timed_out;
    }
  }
  CHECK(timed_out == 8);
  CHECK(cut < seconds(14));
  // The server is whole: a new request is answered at once.
  CHECK(timed_get(serve, token, "/v1/operators").first == 200);
}

TEST_CASE("a body sent one byte at a time is cut at the body deadline") {
  // Proves --body-timeout bounds the whole body, not each read.
  CliWorld world;
  make_tariff(world);
  const auto number = make_cards(world, 1)["cards"][0]["number"].get<std::string>();
  const auto token = world.token_for("carol", "administrator");
  const auto before = world.fingerprint();
  ServeProcess serve(world, {"--body-timeout", "2"});
  RawClient c("127.0.0.3", serve.port());
  const std::string body = R"({"amount":"1.00","currency":"EUR"})";
  const auto start = Clock::now();
  c.send("POST /v1/cards/" + number + "/recharge HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
         token + "\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n");
  for (std::size_t i = 0; i + 1 < body.size() && c.poll(milliseconds(500)); ++i) {
    c.send(body.substr(i, 1));
  }
  CHECK(c.read_until_closed(seconds(3)));
  CHECK(c.status() == 408);
  CHECK(error_code_of(c) == "request_timeout");
  CHECK(Clock::now() - start < seconds(6));
  CHECK(world.fingerprint() == before);
}

TEST_CASE("oversized bodies are refused 413 unread; a role refusal comes before the body") {
  // Proves the per-route body limits (JSON and document), that they are answered from the
  // headers alone, that an operator's token is refused 403 on an administrator's document
  // route before any of its body is sent, and that a 30 MB body does not grow the server.
  CliWorld world;
  make_tariff(world);
  const auto number = make_cards(world, 1)["cards"][0]["number"].get<std::string>();
  const auto admin = world.token_for("carol", "administrator");
  const auto op = world.token_for("bob", "operator");
  const auto before = world.fingerprint();
  ServeProcess serve(world, {"--max-json-bytes", "65536"});
  auto headers = [&](const std::string& method, const std::string& path, const std::string& token,
                     const std::string& type, const std::string& length) {
    return method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: " + type + "\r\n" + length + "\r\n";
  };
  const std::string recharge = "/v1/cards/" + number + "/recharge";
  const std::string deck = "/v1/tariffs/retail/lists/day";

  {  // A JSON route announcing 30 MB: 413 from the headers, the body never sent.
    RawClient c("127.0.0.4", serve.port());
    c.send(headers("POST", recharge, admin, "application/json", "Content-Length: 30000000\r\n"));
    CHECK(c.read_until_closed(seconds(3)));
    CHECK(c.status() == 413);
    CHECK(error_code_of(c) == "payload_too_large");
    CHECK(c.received().find("--max-json-bytes") != std::string::npos);
  }
  {  // A document route beyond --max-body-bytes (32 MiB by default): 413 likewise.
    RawClient c("127.0.0.4", serve.port());
    c.send(headers("PUT", deck, admin, "text/csv", "Content-Length: 40000000\r\n"));
    CHECK(c.read_until_closed(seconds(3)));
    CHECK(c.status() == 413);
  }
  {  // An operator's token on the administrators' import: 403 before the body matters.
    RawClient c("127.0.0.4", serve.port());
    c.send(headers("PUT", deck, op, "text/csv", "Content-Length: 30000000\r\n"));
    CHECK(c.read_until_closed(seconds(3)));
    CHECK(c.status() == 403);
    CHECK(error_code_of(c) == "forbidden");
  }
  {  // A chunked JSON body (no length announced) is cut as soon as it passes the limit.
    RawClient c("127.0.0.4", serve.port());
    c.send(headers("POST", recharge, admin, "application/json", "Transfer-Encoding: chunked\r\n"));
    const std::string chunk = std::string("4000\r\n") + std::string(0x4000, ' ') + "\r\n";
    for (int i = 0; i < 5 && c.poll(milliseconds(50)); ++i) c.send(chunk);  // 80 KiB > 64 KiB
    CHECK(c.read_until_closed(seconds(3)));
    CHECK(c.status() == 413);
  }
  {  // 30 MB really sent at a JSON route: the server reads none of it.
    const long peak_before = peak_rss_kib(serve.pid());
    RawClient c("127.0.0.4", serve.port());
    c.send(headers("POST", recharge, admin, "application/json", "Content-Length: 30000000\r\n"));
    const std::string mebibyte = "[" + std::string((1 << 20) - 2, '1') + ",";
    for (int i = 0; i < 30 && c.send(mebibyte); ++i) {
    }
    c.read_until_closed(seconds(3));
    const long peak_after = peak_rss_kib(serve.pid());
    REQUIRE(peak_before > 0);
    CHECK(peak_after - peak_before < 8 * 1024);
  }
  CHECK(world.fingerprint() == before);
  // Within its limit the same route works.
  auto ok = serve.client(admin)->Post(recharge, R"({"amount":"1.00","currency":"EUR"})",
                                      "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 201);
}

TEST_CASE("serve refuses limits that cannot work together") {
  // Proves the limit options are checked at start-up (exit 2, a message naming the option).
  CliWorld world;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--max-connections", "4", "--max-connections-per-address", "5"},
       "--max-connections-per-address must be 1..--max-connections"},
      {{"--header-timeout", "0"}, "--header-timeout must be 1..86400"},
      {{"--max-json-bytes", "10"}, "must be at least 1024"},
      {{"--backlog", "0"}, "--backlog must be 1..65535"}};
  for (const auto& [options, message] : cases) {
    std::vector<std::string> args = {"serve", "--port", "0"};
    args.insert(args.end(), options.begin(), options.end());
    const auto run = world.run(args);
    CAPTURE(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(message) != std::string::npos);
  }
}

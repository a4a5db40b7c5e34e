// End to end: stopping calls in progress with RFC 5176 Disconnect-Requests sent by the real
// prepaidctl to the simulated gateway's dynamic-authorization listener, with a real radiusd
// and the private MariaDB.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "billing/operators/operator.h"
#include "tests/radius/billing_fixture.h"
#include "tests/radius/booth_counter.h"
#include "tests/radius/command.h"
#include "tests/radius/dae_listener.h"
#include "tests/radius/e2e_support.h"

using namespace prepaid::radius::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* kNasSecret = "dae-s3cr3t-for-tests";

// prepaidctl on the fixture's database as operator `who`.
class Ctl {
 public:
  Ctl(const BillingFixture& billing, std::string who) : who_(std::move(who)) {
    const auto& db = billing.database();
    env_ = {"PREPAID_DB_SOCKET=" + db.socket, "PREPAID_DB_NAME=" + db.name,
            "PREPAID_DB_USER=" + db.user, "PREPAID_OPERATOR=" + who_};
    if (!db.password.empty()) env_.push_back("PREPAID_DB_PASSWORD=" + db.password);
  }
  CommandResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), PREPAIDCTL_PATH);
    return run_command(args, {}, env_);
  }
  // The command's --json output, parsed; fails the test when it did not succeed.
  nlohmann::json json(std::vector<std::string> args) const {
    args.push_back("--json");
    const auto r = run(args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.output);
  }

 private:
  std::string who_;
  std::vector<std::string> env_;
};

void add_operator(BillingFixture& billing, const std::string& name, prepaid::billing::Role role) {
  auto tx = billing.store().begin();
  prepaid::billing::Operator op;
  op.name = name;
  op.role = role;
  op.created_at =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  tx->insert_operator(op);
  tx->commit();
}

// A secret file of mode 600 holding `secret`.
std::string secret_file(const std::string& secret) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("prepaid-dae-" + std::to_string(::getpid()) + ".key");
  std::ofstream(path) << secret << "\n";
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return path.string();
}

// The session id `online` shows for the card's one call in progress.
std::string session_of(const Ctl& ctl, const std::string& card) {
  const auto online = ctl.json({"online", "--card", card});
  REQUIRE(online["sessions"].size() == 1);
  CHECK(online["sessions"][0]["nas"] == "127.0.0.1");
  return online["sessions"][0]["session_id"];
}

}  // namespace

TEST_CASE("a call stopped from the counter: Disconnect-Request, ACK, the NAS's Stop, one charge") {
  // Proves `calls disconnect` sends the NAS a Disconnect-Request naming the call as the NAS
  // did (User-Name, the Access-Request's Acct-Session-Id, NAS-IP-Address) with a valid
  // Message-Authenticator and a recent Event-Timestamp; the ACK is reported and recorded; the
  // NAS's Stop then settles the call once; and `cards disable` stops a card's call the same way.
  BillingFixture billing;
  add_operator(billing, "alice", prepaid::billing::Role::administrator);
  add_operator(billing, "olga", prepaid::billing::Role::operator_);
  const auto card = billing.card({.money = "5.00"});
  const auto other = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  DaeListener nas("127.0.0.1", kNasSecret);
  const Ctl admin(billing, "alice");
  const Ctl olga(billing, "olga");
  const auto key = secret_file(kNasSecret);
  const auto added = admin.json(
      {"nas", "add", "127.0.0.1", "--dae-port", std::to_string(nas.port()), "--secret-file", key});
  std::filesystem::remove(key);
  CHECK_FALSE(added.contains("secret"));
  const auto listed = olga.run({"nas", "list", "--json"});
  CHECK(listed.output.find(kNasSecret) == std::string::npos);

  CiscoGateway gw(endpoint_of(server));
  const auto t0 = now_s();
  const CiscoCall call{card.number, card.pin, conf_id(1), "00442079460000", "359"};
  REQUIRE(gw.stage2(call).accepted());
  REQUIRE(gw.start(call, "originate", t0, t0) == AccountingAnswer::answered);
  nas.on_ack([&](const DaeReceived&) {
    CiscoGateway hung_up(endpoint_of(server));  // radcli handles belong to one thread
    hung_up.stop(call, "originate", t0, t0, 42, "10");
  });

  const auto session = session_of(olga, card.number);
  const auto stopped = olga.json({"calls", "disconnect", "127.0.0.1", session});
  REQUIRE(stopped["attempts"].size() == 1);
  CHECK(stopped["attempts"][0]["outcome"] == "ack");
  CHECK(stopped["attempts"][0]["attempts"] == 1);
  REQUIRE(nas.wait_for(1, 10s));
  const auto got = nas.received().at(0);
  CHECK(got.code == 40);
  CHECK(got.authentic);
  CHECK(got.message_authenticator);
  CHECK(got.user_name == card.number);
  CHECK(got.acct_session_id == CiscoGateway::leg_session_id(call, "answer"));
  CHECK(got.nas_ip_address == "127.0.0.1");
  REQUIRE(got.event_timestamp);
  CHECK(std::llabs(static_cast<long long>(*got.event_timestamp) - now_s()) < 60);

  // The Stop was sent before the ACK's hook returned: one charge, the reservation settled.
  const auto charges = billing.charges(card.number);
  REQUIRE(charges.size() == 1);
  CHECK(uk_prices(t0 - 1, now_s(), 42).count(-charges[0].amount) == 1);
  CHECK(billing.unclosed_reservations("127.0.0.1") == 0);
  CHECK(olga.json({"online"})["sessions"].empty());
  const auto log = olga.json({"calls", "disconnects", "--card", card.number});
  REQUIRE(log["attempts"].size() == 1);
  CHECK(log["attempts"][0]["actor"] == "olga");
  CHECK(log["attempts"][0]["reason"] == "operator");
  const auto audit = admin.run({"audit", "list", "--json"});
  CHECK(audit.output.find("call.disconnect") != std::string::npos);
  CHECK(audit.output.find(kNasSecret) == std::string::npos);

  // Disabling a card with a call in progress stops that call.
  const CiscoCall second{other.number, other.pin, conf_id(2), "00442079460000", "359"};
  REQUIRE(gw.stage2(second).accepted());
  REQUIRE(gw.start(second, "originate", t0, t0) == AccountingAnswer::answered);
  nas.on_ack([&](const DaeReceived&) {
    CiscoGateway hung_up(endpoint_of(server));
    hung_up.stop(second, "originate", t0, t0, 10, "10");
  });
  const auto disabled = admin.json({"cards", "disable", other.number});
  REQUIRE(disabled["disconnects"].size() == 1);
  CHECK(disabled["disconnects"][0]["outcome"] == "ack");
  CHECK(disabled["disconnects"][0]["reason"] == "card-disabled");
  REQUIRE(nas.wait_for(2, 10s));
  CHECK(nas.received().at(1).user_name == other.number);
  CHECK(billing.charges(other.number).size() == 1);
  CHECK(billing.ledger_balances());
}

TEST_CASE(
    "a NAK, a silent NAS and a NAS with another secret are recorded; bad input changes nothing") {
  // Proves a NAK's Error-Cause (503 Session Context Not Found), a silent NAS (every try sent,
  // then no-answer within the bound) and an answer signed with another secret (bad-answer)
  // are reported and recorded while the call stays open; an unknown NAS or session gets a
  // clear error (exit 3) and changes nothing.
  BillingFixture billing;
  add_operator(billing, "alice", prepaid::billing::Role::administrator);
  add_operator(billing, "olga", prepaid::billing::Role::operator_);
  const auto card = billing.card({.money = "5.00"});
  RadiusServer server(billing.database());
  server.start();
  DaeListener nas("127.0.0.1", kNasSecret);
  DaeListener misconfigured("127.0.0.1", "not-the-same-secret");
  const Ctl admin(billing, "alice");
  const Ctl olga(billing, "olga");
  admin.json({"nas", "add", "127.0.0.1", "--dae-port", std::to_string(nas.port()), "--secret",
              kNasSecret});
  CiscoGateway gw(endpoint_of(server));
  const auto t0 = now_s();
  const CiscoCall call{card.number, card.pin, conf_id(3), "00442079460000", "359"};
  REQUIRE(gw.stage2(call).accepted());
  REQUIRE(gw.start(call, "originate", t0, t0) == AccountingAnswer::answered);
  const auto session = session_of(olga, card.number);

  const auto before = billing.store().state_fingerprint();
  auto r = olga.run({"calls", "disconnect", "127.0.0.9", session});
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("unknown NAS 127.0.0.9") != std::string::npos);
  r = olga.run({"calls", "disconnect", "127.0.0.1", "no-such-session"});
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("no call in progress") != std::string::npos);
  r = olga.run({"calls", "disconnect", "--card", "999999999"});
  CHECK(r.exit_code == 3);
  CHECK(billing.store().state_fingerprint() == before);
  CHECK(nas.received().empty());

  nas.answer_nak(503);
  auto answer = olga.json({"calls", "disconnect", "127.0.0.1", session});
  CHECK(answer["attempts"][0]["outcome"] == "nak");
  CHECK(answer["attempts"][0]["error_cause"] == 503);
  CHECK(answer["attempts"][0]["error_cause_name"] == "Session Context Not Found");

  nas.stay_silent();
  const auto start = std::chrono::steady_clock::now();
  answer = olga.json(
      {"calls", "disconnect", "127.0.0.1", session, "--timeout-ms", "300", "--tries", "2"});
  CHECK(std::chrono::steady_clock::now() - start < 10s);
  CHECK(answer["attempts"][0]["outcome"] == "no-answer");
  CHECK(answer["attempts"][0]["attempts"] == 2);
  REQUIRE(nas.wait_for(3, 5s));
  CHECK(nas.received().at(1).wire == nas.received().at(2).wire);  // a retry is the same packet

  admin.json({"nas", "configure", "127.0.0.1", "--dae-port", std::to_string(misconfigured.port())});
  answer = olga.json(
      {"calls", "disconnect", "127.0.0.1", session, "--timeout-ms", "300", "--tries", "2"});
  CHECK(answer["attempts"][0]["outcome"] == "bad-answer");
  CHECK(answer["attempts"][0]["detail"].get<std::string>().find("secret") != std::string::npos);
  REQUIRE(misconfigured.wait_for(1, 5s));
  CHECK_FALSE(misconfigured.received().at(0).authentic);

  const auto log = olga.json({"calls", "disconnects", "--nas", "127.0.0.1"});
  REQUIRE(log["attempts"].size() == 3);
  CHECK(log["attempts"][0]["outcome"] == "bad-answer");
  CHECK(log["attempts"][1]["outcome"] == "no-answer");
  CHECK(log["attempts"][2]["outcome"] == "nak");
  CHECK(log["attempts"][2]["error_cause"] == 503);
  CHECK(olga.json({"online"})["sessions"].size() == 1);  // the call goes on
  CHECK(billing.charges(card.number).empty());
}

TEST_CASE("a booth stopped from the counter; a NAK and a silent NAS recorded; disable stops too") {
  // Proves `booths stop` sends the simulated NAS a Disconnect-Request naming the booth's call
  // as the NAS did, the ACK is recorded (reason booth-stopped) and the NAS's Stop charges the
  // call once at the booth's tariff; a NAK 503 and a silent NAS (bounded: 2 tries of 200 ms)
  // are recorded while the call goes on; `booths disable` stops the booth's call in progress
  // (reason booth-disabled); a booth with no call in progress is refused, nothing changed.
  BillingFixture billing;
  add_operator(billing, "alice", prepaid::billing::Role::administrator);
  Counter counter(billing);
  REQUIRE(counter.sessions.open(counter.olga, counter.booth, prepaid::billing::SessionKind::prepaid,
                                money("5.00")));
  RadiusServer server(billing.database());
  server.start();
  DaeListener nas("127.0.0.1", kNasSecret);
  const Ctl admin(billing, "alice");
  const Ctl olga(billing, "olga");
  admin.json({"nas", "add", "127.0.0.1", "--dae-port", std::to_string(nas.port()), "--secret",
              kNasSecret});

  const auto idle = billing.store().state_fingerprint();
  auto refused = olga.run({"booths", "stop", counter.booth});
  CHECK(refused.exit_code != 0);
  CHECK(refused.output.find("no call in progress") != std::string::npos);
  CHECK(billing.store().state_fingerprint() == idle);

  CiscoGateway gw(endpoint_of(server));
  const auto t0 = now_s();
  const CiscoCall call{counter.booth, counter.pin, conf_id(11), "00442079460000"};
  REQUIRE(gw.stage2(call).accepted());
  REQUIRE(gw.start(call, "originate", t0, t0) == AccountingAnswer::answered);
  nas.on_ack([&](const DaeReceived&) {
    CiscoGateway hung_up(endpoint_of(server));
    hung_up.stop(call, "originate", t0, t0, 30, "10");
  });
  const auto stopped = olga.json({"booths", "stop", counter.booth});
  REQUIRE(stopped["attempts"].size() == 1);
  CHECK(stopped["attempts"][0]["outcome"] == "ack");
  CHECK(stopped["attempts"][0]["reason"] == "booth-stopped");
  REQUIRE(nas.wait_for(1, 10s));
  const auto got = nas.received().at(0);
  CHECK(got.code == 40);
  CHECK(got.authentic);
  CHECK(got.message_authenticator);
  CHECK(got.user_name == counter.booth);
  CHECK(got.acct_session_id == CiscoGateway::leg_session_id(call, "answer"));
  CHECK(got.nas_ip_address == "127.0.0.1");
  const auto charges = billing.charges(counter.booth);
  REQUIRE(charges.size() == 1);
  CHECK(charges[0].amount == money("-0.30"));  // 30 s at 0.60/min
  CHECK(billing.unclosed_reservations("127.0.0.1") == 0);

  const CiscoCall second{counter.booth, counter.pin, conf_id(12), "00442079460000"};
  REQUIRE(gw.stage2(second).accepted());
  REQUIRE(gw.start(second, "originate", t0, t0) == AccountingAnswer::answered);
  nas.answer_nak(503);
  auto answer = olga.json({"booths", "stop", counter.booth});
  CHECK(answer["attempts"][0]["outcome"] == "nak");
  CHECK(answer["attempts"][0]["error_cause"] == 503);
  nas.stay_silent();
  const auto start = std::chrono::steady_clock::now();
  answer = olga.json({"booths", "stop", counter.booth, "--timeout-ms", "200", "--tries", "2"});
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK(answer["attempts"][0]["outcome"] == "no-answer");
  CHECK(answer["attempts"][0]["attempts"] == 2);
  CHECK(olga.json({"online"})["sessions"].size() == 1);  // the call goes on

  nas.answer_ack();
  nas.on_ack([&](const DaeReceived&) {
    CiscoGateway hung_up(endpoint_of(server));
    hung_up.stop(second, "originate", t0, t0, 10, "10");
  });
  const auto disabled = admin.json({"booths", "disable", counter.booth});
  CHECK(disabled["status"] == "disabled");
  REQUIRE(disabled["disconnects"].size() == 1);
  CHECK(disabled["disconnects"][0]["outcome"] == "ack");
  CHECK(disabled["disconnects"][0]["reason"] == "booth-disabled");
  REQUIRE(nas.wait_for(5, 10s));
  CHECK(billing.charges(counter.booth).size() == 2);
  CHECK(olga.json({"online"})["sessions"].empty());

  const auto log = olga.json({"calls", "disconnects", "--card", counter.booth});
  REQUIRE(log["attempts"].size() == 4);
  CHECK(log["attempts"][0]["reason"] == "booth-disabled");
  CHECK(log["attempts"][1]["outcome"] == "no-answer");
  CHECK(log["attempts"][2]["outcome"] == "nak");
  CHECK(log["attempts"][3]["outcome"] == "ack");
  CHECK(billing.ledger_balances());
}

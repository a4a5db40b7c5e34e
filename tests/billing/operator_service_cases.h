#pragma once
/// @file operator_service_cases.h
/// @brief OperatorService, CallHistory and AuditLog cases, templates over the store backend.

#include <doctest/doctest.h>

#include <string>

#include "billing/calls/call_history.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/operator_service.h"
#include "billing/operators/password_hash.h"
#include "billing/operators/token_digest.h"
#include "card_service_cases.h"

namespace prepaid::billing::testing {

TEST_CASE_TEMPLATE_DEFINE("operators, roles and hashed API tokens", B, operators_tokens) {
  // Proves operator administration, the last-administrator guard, and token life cycle.
  CallWorld<B> w;
  OperatorService ops(w.backend.store, w.clock);
  const Actor boot = Actor::system("cli");
  REQUIRE(ops.add(boot, "alice", Role::administrator));
  REQUIRE(ops.add(boot, "olga", Role::operator_));
  CHECK(ops.add(boot, "olga", Role::operator_).problem().code == ErrorCode::conflict);
  CHECK(ops.add(boot, "bad name", Role::operator_).problem().code == ErrorCode::invalid_argument);
  CHECK(ops.add(boot, "sys", Role::system).problem().code == ErrorCode::invalid_argument);
  auto alice = ops.actor_for_operator("alice", "cli");
  REQUIRE(alice);
  CHECK(alice->role == Role::administrator);
  auto olga = ops.actor_for_operator("olga", "cli");
  CHECK(ops.add(*olga, "eve", Role::administrator).problem().code == ErrorCode::forbidden);
  CHECK(ops.remove(*alice, "alice").problem().code == ErrorCode::failed_precondition);
  CHECK(ops.set_role(*alice, "alice", Role::operator_).problem().code ==
        ErrorCode::failed_precondition);

  auto token = ops.create_token(*alice, "olga", "web front end");
  REQUIRE(token);
  CHECK(token->secret.rfind("pp_", 0) == 0);
  CHECK(token->secret.size() == 67);
  CHECK(token->token.sha256_hex == sha256_hex(token->secret));
  auto listed = ops.tokens(*alice, "olga");
  REQUIRE(listed);
  CHECK(listed->at(0).sha256_hex.empty());
  auto who = ops.actor_for_token(token->secret, "10.0.0.9");
  REQUIRE(who);
  CHECK(who->name == "olga");
  CHECK(who->role == Role::operator_);
  CHECK(who->source == "10.0.0.9");
  CHECK_FALSE(ops.actor_for_token(token->secret + "x", "10.0.0.9"));
  CHECK_FALSE(ops.actor_for_token(token->token.sha256_hex, "10.0.0.9"));  // the hash is no token
  REQUIRE(ops.revoke_token(*alice, token->token.id));
  CHECK_FALSE(ops.actor_for_token(token->secret, "10.0.0.9"));
  CHECK(ops.revoke_token(*alice, token->token.id).problem().code == ErrorCode::failed_precondition);

  auto second = ops.create_token(*alice, "olga", "script");
  REQUIRE(second);
  REQUIRE(ops.remove(*alice, "olga"));
  CHECK_FALSE(ops.actor_for_token(second->secret, "x"));
  CHECK_FALSE(ops.actor_for_operator("olga", "x"));

  AuditLog audit(w.backend.store);
  CHECK(audit.list(*olga, AuditFilter{}, Page{}).problem().code == ErrorCode::forbidden);
  auto rows = audit.list(*alice, AuditFilter{}, Page{});
  REQUIRE(rows);
  CHECK(rows->size() == 6);  // 2 adds, 2 token creations, 1 revocation, 1 removal
  for (const auto& row : *rows) {
    CHECK(row.after.find(token->secret) == std::string::npos);
    CHECK(row.after.find(second->secret) == std::string::npos);
    CHECK(row.after.find(token->token.sha256_hex) == std::string::npos);
  }
}

TEST_CASE_TEMPLATE_DEFINE("console passwords: set by administrators, checked at login, audited", B,
                          operators_passwords) {
  // Proves set_password's refusals change nothing, login accepts only the right password of a
  // known operator, the audit rows name no password or hash, and a removed operator's
  // password no longer logs in.
  CallWorld<B> w;
  OperatorService ops(w.backend.store, w.clock);
  const Actor boot = Actor::system("cli");
  REQUIRE(ops.add(boot, "alice", Role::administrator));
  REQUIRE(ops.add(boot, "olga", Role::operator_));
  auto alice = ops.actor_for_operator("alice", "cli");
  auto olga = ops.actor_for_operator("olga", "cli");
  CHECK_FALSE(ops.login("olga", "no password set yet", "console 10.0.0.1"));

  const auto before = w.backend.store->state_fingerprint();
  CHECK(ops.set_password(*olga, "olga", "a long passphrase").problem().code ==
        ErrorCode::forbidden);
  auto weak = ops.set_password(*alice, "olga", "short");
  CHECK(weak.problem().code == ErrorCode::invalid_argument);
  CHECK(weak.problem().field == "password");
  CHECK(ops.set_password(*alice, "olga", "bad\tcharacters!").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(ops.set_password(*alice, "nobody", "a long passphrase").problem().code ==
        ErrorCode::not_found);
  CHECK(w.backend.store->state_fingerprint() == before);

  REQUIRE(ops.set_password(*alice, "olga", "a long passphrase"));
  auto in = ops.login("olga", "a long passphrase", "console 10.0.0.1");
  REQUIRE(in);
  CHECK(in->name == "olga");
  CHECK(in->role == Role::operator_);
  CHECK(in->source == "console 10.0.0.1");
  CHECK_FALSE(ops.login("olga", "a long passphrasE", "console 10.0.0.1"));
  CHECK_FALSE(ops.login("olga", "", "console 10.0.0.1"));
  CHECK_FALSE(ops.login("nobody", "a long passphrase", "console 10.0.0.1"));
  CHECK_FALSE(ops.login("bad name!", "a long passphrase", "console 10.0.0.1"));
  REQUIRE(ops.set_password(*alice, "olga", "another passphrase"));
  CHECK_FALSE(ops.login("olga", "a long passphrase", "console 10.0.0.1"));
  CHECK(ops.login("olga", "another passphrase", "console 10.0.0.1"));

  AuditLog audit(w.backend.store);
  auto rows = audit.list(*alice, AuditFilter{}, Page{});
  REQUIRE(rows);
  int logins = 0, failed = 0, changes = 0;
  for (const auto& row : *rows) {
    CHECK(row.before.find("passphrase") == std::string::npos);
    CHECK(row.after.find("passphrase") == std::string::npos);
    CHECK(row.after.find("argon2") == std::string::npos);
    logins += row.action == "session.login";
    failed += row.action == "session.login_failed";
    changes += row.action == "operator.password";
  }
  CHECK(logins == 2);
  CHECK(failed == 6);
  CHECK(changes == 2);

  REQUIRE(ops.remove(*alice, "olga"));
  CHECK_FALSE(ops.login("olga", "another passphrase", "console 10.0.0.1"));
  REQUIRE(ops.add(boot, "olga", Role::operator_));  // a new olga has no password
  CHECK_FALSE(ops.login("olga", "another passphrase", "console 10.0.0.1"));
}

TEST_CASE_TEMPLATE_DEFINE("calls are listed by day in a zone, card and number; online too", B,
                          history_calls) {
  // Proves the default "today" range follows the zone, and the filters.
  CallPolicy policy;
  policy.max_call_duration_s = 600;
  CallWorld<B> w(policy);
  w.add_card("7001", "50", 5);
  w.add_card("7002", "50", 5);
  // kT0 is 12:00 UTC. A call at 22:30 UTC is "tomorrow" in Sofia (UTC+2) but today in UTC.
  auto call = [&](const std::string& card, const char* number, const std::string& session,
                  std::int64_t at_s) {
    w.clock->set(at(at_s));
    REQUIRE(w.calls.authorize_call(w.request(card, number, session)).code == ReturnCode::ok);
    auto stop = w.event(AccountingKind::stop, session, 60);
    stop.connect_at = at(at_s);
    w.calls.record_accounting(stop);
  };
  call("7001", "4420", "a", kT0);
  call("7002", "359888", "b", kT0 + 10 * 3600 + 1800);  // 22:30 UTC
  call("7001", "4477123", "c", kT0 - 86400);            // yesterday
  w.clock->set(at(kT0 + 3600));
  REQUIRE(w.calls.authorize_call(w.request("7001", "4420", "live")).code == ReturnCode::ok);
  w.calls.record_accounting(w.event(AccountingKind::start, "live"));

  CallHistory history(w.backend.store, w.clock);
  CallQuery q;
  q.zone = "UTC";
  CHECK(history.calls(operator_actor(), q, Page{})->size() == 2);
  q.zone = "Europe/Sofia";
  auto sofia = history.calls(operator_actor(), q, Page{});
  REQUIRE(sofia);
  REQUIRE(sofia->size() == 1);
  CHECK(sofia->at(0).key.session_id == "a");
  q = CallQuery{};
  q.from = at(kT0 - 2 * 86400);
  q.to = at(kT0 + 86400);
  CHECK(history.calls(operator_actor(), q, Page{})->size() == 3);
  q.card_number = "7001";
  CHECK(history.calls(operator_actor(), q, Page{})->size() == 2);
  q.dialed = "44";
  CHECK(history.calls(operator_actor(), q, Page{})->size() == 2);
  q.dialed = "447";
  CHECK(history.calls(operator_actor(), q, Page{})->size() == 1);
  q.card_number = "7999";
  CHECK(history.calls(operator_actor(), q, Page{}).problem().code == ErrorCode::not_found);
  q = CallQuery{};
  q.zone = "Mars/Olympus";
  CHECK(history.calls(operator_actor(), q, Page{}).problem().code == ErrorCode::invalid_argument);
  q.zone = "UTC";
  q.dialed = "44%";
  CHECK(history.calls(operator_actor(), q, Page{}).problem().code == ErrorCode::invalid_argument);

  w.clock->advance(std::chrono::seconds(30));
  auto online = history.online(operator_actor(), "", Page{});
  REQUIRE(online);
  REQUIRE(online->size() == 1);
  CHECK(online->at(0).reservation.card_number == "7001");
  CHECK(online->at(0).reservation.destination == "United Kingdom");
  CHECK(online->at(0).up_s == 30);
  CHECK(history.online(operator_actor(), "7002", Page{})->empty());
}

TEST_CASE_TEMPLATE_DEFINE("today is the tariff's day; a number is found as dialed or as listed", B,
                          history_day_and_number) {
  // Proves "today" without a zone is midnight to midnight in the tariff's zone (Sofia, UTC+2)
  // around midnight, with explicit instants: a call at 23:30 and one at 00:30 local are on
  // two days; a card narrows to its tariff's zone; tariffs in two zones need a zone (a clear
  // refusal); and that +44, 0044, "44 20" and 44 all find a call listed as +442079460000.
  CallPolicy policy;
  policy.max_call_duration_s = 600;
  CallWorld<B> w(policy);
  {
    auto tx = w.backend.store->begin();
    TariffRecord retail = *tx->find_tariff("retail");
    retail.time_zone = "Europe/Sofia";
    tx->update_tariff(retail);
    tx->bump_tariff_version(retail.id, at(kT0));
    tx->commit();
  }
  w.add_card("8001", "50", 5);
  auto call = [&](const char* number, const std::string& session, std::int64_t at_s) {
    w.clock->set(at(at_s));
    REQUIRE(w.calls.authorize_call(w.request("8001", number, session)).code == ReturnCode::ok);
    auto stop = w.event(AccountingKind::stop, session, 60);
    stop.connect_at = at(at_s);
    w.calls.record_accounting(stop);
  };
  const std::int64_t late = kT0 + 9 * 3600 + 1800;  // 21:30 UTC = 23:30 in Sofia, Monday
  const std::int64_t after = late + 3600;           // 22:30 UTC = 00:30 in Sofia, Tuesday
  call("+442079460000", "late", late);
  call("00359888123456", "after", after);

  CallHistory history(w.backend.store, w.clock);
  auto sessions = [&](const CallQuery& q) {
    auto rows = history.calls(operator_actor(), q, Page{});
    REQUIRE_MESSAGE(rows, rows.problem().message);
    std::string out;
    for (const auto& c : *rows) out += (out.empty() ? "" : ",") + c.key.session_id;
    return out;
  };
  CHECK(*history.day_zone(operator_actor(), "") == "Europe/Sofia");
  CallQuery today;
  w.clock->set(at(after + 900));  // 00:45 on Tuesday in Sofia, still Monday in UTC
  CHECK(sessions(today) == "after");
  w.clock->set(at(late + 1200));  // 23:50 on Monday in Sofia
  CHECK(sessions(today) == "late");
  CallQuery utc;
  utc.zone = "UTC";
  CHECK(sessions(utc) == "after,late");  // 23:50 Sofia is 21:50 UTC, Monday in UTC

  // The numbers, as dialed or as the list shows them.
  CallQuery q;
  q.from = at(kT0 - 86400);
  q.to = at(kT0 + 2 * 86400);
  for (const char* uk : {"+44", "0044", "44", "+44 20", "0044-20-7946", "(44)2079460000"}) {
    q.dialed = uk;
    CAPTURE(uk);
    CHECK(sessions(q) == "late");
  }
  q.dialed = "+359 888";
  CHECK(sessions(q) == "after");
  q.dialed = "33";
  CHECK(sessions(q).empty());
  for (const char* bad : {"+", "44a", "0044%", "++44"}) {
    q.dialed = bad;
    CAPTURE(bad);
    auto refused = history.calls(operator_actor(), q, Page{});
    REQUIRE_FALSE(refused);
    CHECK(refused.problem().field == "dialed");
  }

  // A second tariff in another zone: no common day without a zone or a card.
  {
    auto tx = w.backend.store->begin();
    TariffRecord london = make_tariff("london");
    london.time_zone = "Europe/London";
    tx->insert_tariff(london);
    tx->commit();
  }
  auto several = history.calls(operator_actor(), today, Page{});
  REQUIRE_FALSE(several);
  CHECK(several.problem().code == ErrorCode::invalid_argument);
  CHECK(several.problem().field == "zone");
  CHECK(several.problem().message.find("Europe/London, Europe/Sofia") != std::string::npos);
  CHECK(history.day_zone(operator_actor(), "").problem().field == "zone");
  CHECK(*history.day_zone(operator_actor(), "8001") == "Europe/Sofia");
  CHECK(history.day_zone(operator_actor(), "8999").problem().code == ErrorCode::not_found);
  today.card_number = "8001";
  CHECK(sessions(today) == "late");
  CHECK(sessions(utc) == "after,late");
}

}  // namespace prepaid::billing::testing

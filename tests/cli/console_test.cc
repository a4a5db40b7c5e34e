// The web console through the real `prepaidctl`: passwords set from standard input, login,
// the session cookie, CSRF, growing waits, logout, roles, and the embedded pages.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "cli_fixtures.h"
#include "cli_world.h"

using nlohmann::json;
using prepaid::cli::testing::CliWorld;
using prepaid::cli::testing::ServeProcess;

namespace {

constexpr const char* kPassword = "correct horse battery";

/// The cookie "prepaid_session=…" of a Set-Cookie header (without its attributes).
std::string cookie_of(const httplib::Result& r) {
  const auto header = r->get_header_value("Set-Cookie");
  return header.substr(0, header.find(';'));
}

httplib::Result login(httplib::Client& c, const std::string& name, const std::string& password) {
  return c.Post("/v1/session", json{{"name", name}, {"password", password}}.dump(),
                "application/json");
}

}  // namespace

TEST_CASE("set-password reads standard input, stores Argon2id, never logs or audits it") {
  // Proves the password is taken from stdin (not argv), hashed with Argon2id, absent from the
  // audit log, and that a weak one or an unknown operator changes nothing.
  CliWorld world;
  world.ok({"operators", "add", "olga", "--role", "operator"});
  const auto set = world.run({"--as", "admin", "operators", "set-password", "olga"},
                             std::string(kPassword) + "\n");
  CHECK(set.exit_code == 0);
  CHECK(set.out.find(kPassword) == std::string::npos);
  CHECK(set.err.find(kPassword) == std::string::npos);
  const auto stored = world.sql("SELECT password_hash FROM operator WHERE name = 'olga'");
  CHECK(stored.find("$argon2id$") != std::string::npos);
  CHECK(stored.find(kPassword) == std::string::npos);
  const auto audit = world.sql("SELECT action, before_json, after_json FROM audit_log");
  CHECK(audit.find("operator.password") != std::string::npos);
  CHECK(audit.find(kPassword) == std::string::npos);
  CHECK(audit.find("argon2") == std::string::npos);

  const auto before = world.fingerprint();
  const auto weak = world.run({"--as", "admin", "operators", "set-password", "olga"}, "short\n");
  CHECK(weak.exit_code == 1);
  CHECK(weak.err.find("at least 10 characters") != std::string::npos);
  CHECK(world
            .run({"--as", "admin", "operators", "set-password", "nobody"},
                 std::string(kPassword) + "\n")
            .exit_code == 3);
  CHECK(world
            .run({"--as", "olga", "operators", "set-password", "olga"},
                 std::string(kPassword) + "\n")
            .exit_code == 4);  // administrators only
  CHECK(world.run({"--as", "admin", "operators", "set-password", "olga", "--password", "x"})
            .exit_code != 0);  // never an argument
  CHECK(world.fingerprint() == before);
}

TEST_CASE("login sets a hardened session cookie; the cookie works like a token, with CSRF") {
  // Proves login, the cookie's attributes, reads with the cookie, a change refused without
  // (or with a wrong) X-CSRF-Token and accepted with it, logout, and Bearer tokens unchanged.
  CliWorld world;
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.run({"--as", "admin", "operators", "set-password", "admin"}, std::string(kPassword) + "\n");
  prepaid::cli::testing::make_tariff(world);
  const auto created = prepaid::cli::testing::make_cards(world, 2);
  const auto number = created["cards"][0]["number"].get<std::string>();
  ServeProcess serve(world);
  auto c = serve.client();

  auto r = login(*c, "admin", kPassword);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const auto body = json::parse(r->body);
  CHECK(body["operator"] == "admin");
  CHECK(body["role"] == "administrator");
  const auto csrf = body["csrf_token"].get<std::string>();
  CHECK(csrf.size() == 64);
  const auto set_cookie = r->get_header_value("Set-Cookie");
  CHECK(set_cookie.find("prepaid_session=") == 0);
  CHECK(set_cookie.find("; HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("; SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("; Path=/") != std::string::npos);
  CHECK(set_cookie.find("Secure") == std::string::npos);  // plain HTTP here
  const auto cookie = cookie_of(r);
  CHECK(world.sql("SELECT action, actor, source FROM audit_log WHERE action = 'session.login'")
            .find("console 127.0.0.1") != std::string::npos);

  const httplib::Headers with_cookie = {{"Cookie", cookie}};
  r = c->Get("/v1/session", with_cookie);
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(json::parse(r->body)["csrf_token"] == csrf);
  r = c->Get("/v1/cards", with_cookie);
  REQUIRE(r);
  CHECK(r->status == 200);

  const auto before = world.fingerprint();
  const auto disable = json{{"numbers", {number}}}.dump();
  r = c->Post("/v1/cards/disable", with_cookie, disable, "application/json");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(json::parse(r->body)["error"]["code"] == "csrf_token_invalid");
  httplib::Headers wrong = {{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, 'a')}};
  r = c->Post("/v1/cards/disable", wrong, disable, "application/json");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(world.fingerprint() == before);

  httplib::Headers right = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  r = c->Post("/v1/cards/disable", right, disable, "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(world.sql("SELECT actor, source FROM audit_log WHERE action = 'card.disable'")
            .find("admin\tconsole 127.0.0.1") != std::string::npos);

  // A Bearer token works as before, without any CSRF token.
  const auto token = world.token_for("script", "administrator");
  auto bearer = serve.client(token);
  r = bearer->Post("/v1/cards/enable", disable, "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);

  // Logout needs the CSRF token too; then the cookie is dead.
  r = c->Delete("/v1/session", with_cookie);
  REQUIRE(r);
  CHECK(r->status == 403);
  r = c->Delete("/v1/session", right);
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
  r = c->Get("/v1/cards", with_cookie);
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(world.sql("SELECT action FROM audit_log").find("session.logout") != std::string::npos);
}

TEST_CASE("a wrong password is refused, then the name must wait longer and longer") {
  // Proves 401 login_failed for a wrong password and an unknown name alike, 429 with
  // Retry-After right after (even with the right password), the audit rows, and no session.
  CliWorld world;
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.run({"--as", "admin", "operators", "set-password", "olga"}, std::string(kPassword) + "\n");
  ServeProcess serve(world);
  auto c = serve.client();

  auto r = login(*c, "olga", "wrong password!");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(json::parse(r->body)["error"]["code"] == "login_failed");
  CHECK_FALSE(r->has_header("Set-Cookie"));
  r = login(*c, "olga", kPassword);
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(json::parse(r->body)["error"]["code"] == "login_throttled");
  CHECK(r->get_header_value("Retry-After") == "1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  r = login(*c, "olga", "wrong again, sorry");
  REQUIRE(r);
  CHECK(r->status == 401);
  r = login(*c, "olga", kPassword);
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(r->get_header_value("Retry-After") == "2");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  r = login(*c, "olga", kPassword);
  REQUIRE(r);
  CHECK(r->status == 200);

  r = login(*c, "nobody", kPassword);  // an unknown name answers the same
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(json::parse(r->body)["error"]["code"] == "login_failed");
  const auto audit = world.sql("SELECT action, object FROM audit_log ORDER BY id");
  CHECK(audit.find("session.login_failed\toperator:olga") != std::string::npos);
  CHECK(audit.find("session.login_failed\toperator:nobody") != std::string::npos);
  CHECK(audit.find(kPassword) == std::string::npos);
  CHECK(serve.log().find(kPassword) == std::string::npos);
}

TEST_CASE("an operator's cookie cannot reach administrator routes") {
  // Proves the API refuses an administrator route to an operator's session (the page hides
  // it, but the page is not the guard).
  CliWorld world;
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.run({"--as", "admin", "operators", "set-password", "olga"}, std::string(kPassword) + "\n");
  ServeProcess serve(world);
  auto c = serve.client();
  auto r = login(*c, "olga", kPassword);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(json::parse(r->body)["role"] == "operator");
  const httplib::Headers h = {{"Cookie", cookie_of(r)}};
  r = c->Get("/v1/operators", h);
  REQUIRE(r);
  CHECK(r->status == 403);
  r = c->Get("/v1/audit", h);
  REQUIRE(r);
  CHECK(r->status == 403);
}

TEST_CASE("a new password ends the operator's console sessions") {
  // Proves that setting an operator's password logs its open sessions out.
  CliWorld world;
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.run({"--as", "admin", "operators", "set-password", "olga"}, std::string(kPassword) + "\n");
  ServeProcess serve(world);
  auto c = serve.client();
  auto r = login(*c, "olga", kPassword);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const httplib::Headers h = {{"Cookie", cookie_of(r)}};
  r = c->Get("/v1/cards", h);
  REQUIRE(r);
  CHECK(r->status == 200);
  auto admin = serve.client(world.token_for("script", "administrator"));
  r = admin->Put("/v1/operators/olga/password", json{{"password", "a new passphrase"}}.dump(),
                 "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  r = c->Get("/v1/cards", h);
  REQUIRE(r);
  CHECK(r->status == 401);
  r = login(*c, "olga", "a new passphrase");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("the console's pages are embedded, typed, cached by ETag and under a strict CSP") {
  // Proves / and screen URLs serve index.html, assets their content types, a missing file
  // 404, If-None-Match 304, and the security headers; no login needed for the files.
  CliWorld world;
  ServeProcess serve(world);
  auto c = serve.client();
  auto r = c->Get("/");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(r->body.find("<script type=\"module\" src=\"/js/app.js\"></script>") != std::string::npos);
  const auto csp = r->get_header_value("Content-Security-Policy");
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(r->get_header_value("Cache-Control") == "no-cache");
  const auto etag = r->get_header_value("ETag");
  CHECK(etag.size() > 10);

  r = c->Get("/cards");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("ETag") == etag);
  r = c->Get("/js/app.js");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  r = c->Get("/css/console.css");
  REQUIRE(r);
  CHECK(r->get_header_value("Content-Type") == "text/css; charset=utf-8");
  r = c->Get("/js/missing.js");
  REQUIRE(r);
  CHECK(r->status == 404);
  r = c->Get("/../etc/passwd");  // only embedded files exist: this is the console's page
  REQUIRE(r);
  CHECK(r->body.find("root:") == std::string::npos);
  CHECK(r->get_header_value("ETag") == etag);
  r = c->Get("/", {{"If-None-Match", etag}});
  REQUIRE(r);
  CHECK(r->status == 304);
  CHECK(r->body.empty());
  r = c->Post("/", "x", "text/plain");
  REQUIRE(r);
  CHECK(r->status == 405);
}

TEST_CASE("the allow-list applies to the console too") {
  // Proves a client outside --allow gets neither the pages nor the session routes.
  CliWorld world;
  ServeProcess serve(world, {"--allow", "10.9.9.9"});
  auto c = serve.client();
  auto r = c->Get("/");
  REQUIRE(r);
  CHECK(r->status == 403);
  r = c->Get("/v1/session");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(json::parse(r->body)["error"]["code"] == "address_not_allowed");
}

TEST_CASE("an operator's console language is stored, returned at login, changed with CSRF") {
  // Proves operators set-language stores en/bg/pt-BR or the browser's (empty), that login
  // and GET /v1/session return it, that an operator changes its own (with the CSRF token)
  // but not another's, that it is audited, and that bad values, an unknown operator or a
  // missing CSRF token are refused with their own error and change nothing.
  CliWorld world;
  world.ok({"operators", "add", "olga", "--role", "operator"});
  world.ok({"operators", "add", "ivan", "--role", "operator"});
  world.run({"--as", "admin", "operators", "set-password", "olga"}, std::string(kPassword) + "\n");
  CHECK(world.ok({"operators", "set-language", "olga", "bg"})["language"] == "bg");
  CHECK(world.sql("SELECT language FROM operator WHERE name = 'olga'") == "bg\n");
  CHECK(world.sql("SELECT after_json FROM audit_log WHERE action = 'operator.language'")
            .find(R"("language":"bg")") != std::string::npos);

  const auto before = world.fingerprint();
  const auto bad = world.as("admin", {"operators", "set-language", "olga", "fr"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("language: must be one of en, bg, pt-BR, browser, not") != std::string::npos);
  CHECK(world.as("admin", {"operators", "set-language", "nobody", "en"}).exit_code == 3);
  CHECK(world.as("olga", {"operators", "set-language", "ivan", "en"}).exit_code == 4);
  CHECK(world.fingerprint() == before);

  ServeProcess serve(world);
  auto c = serve.client();
  auto r = login(*c, "olga", kPassword);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(json::parse(r->body)["language"] == "bg");
  const auto csrf = json::parse(r->body)["csrf_token"].get<std::string>();
  const httplib::Headers with_cookie = {{"Cookie", cookie_of(r)}};
  const httplib::Headers right = {{"Cookie", cookie_of(r)}, {"X-CSRF-Token", csrf}};
  const auto logged_in = world.fingerprint();  // the login is audited
  r = c->Put("/v1/operators/olga/language", with_cookie, json{{"language", "pt-BR"}}.dump(),
             "application/json");
  REQUIRE(r);
  CHECK(r->status == 403);  // no CSRF token
  r = c->Put("/v1/operators/olga/language", right, json{{"language", "xx"}}.dump(),
             "application/json");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(json::parse(r->body)["error"]["field"] == "language");
  r = c->Put("/v1/operators/ivan/language", right, json{{"language", "en"}}.dump(),
             "application/json");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(world.fingerprint() == logged_in);
  r = c->Put("/v1/operators/olga/language", right, json{{"language", "pt-BR"}}.dump(),
             "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  r = c->Get("/v1/session", with_cookie);
  REQUIRE(r);
  CHECK(json::parse(r->body)["language"] == "pt-BR");
  CHECK(world
            .sql("SELECT actor, source FROM audit_log WHERE action = 'operator.language' "
                 "ORDER BY id DESC LIMIT 1")
            .find("olga\tconsole 127.0.0.1") != std::string::npos);
  CHECK(world.ok({"operators", "set-language", "olga", "browser"})["language"] == "");
  CHECK(world.sql("SELECT language FROM operator WHERE name = 'olga'") == "\n");
}

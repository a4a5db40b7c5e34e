// web_booth_caller: a real FreeRADIUS with rlm_prepaid on database PREPAID_DB_NAME, and a SIP
// booth on the gateway simulator (tests/radius/gateway_sim.h), driven line by line on stdin by
// the browser test (console_browser_test.py):
//   call ACCOUNT PIN NUMBER CALL_ID       → "accepted SECONDS" or "refused CODE MESSAGE"
//   stop ACCOUNT NUMBER CALL_ID SECONDS   → "stopped" or "failed"
// It prints "ready" once FreeRADIUS answers; end of input stops it.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "tests/radius/gateway_sim.h"
#include "tests/radius/radius_server.h"

using namespace prepaid::radius::testing;

int main() {
  try {
    const char* name = std::getenv("PREPAID_DB_NAME");
    if (!name || !*name) {
      std::cerr << "web_booth_caller: PREPAID_DB_NAME is not set\n";
      return 2;
    }
    RadiusServer server(DatabaseEnv::from_environment(name));
    server.start();
    RadiusEndpoint endpoint{server.auth_port(), server.acct_port(), server.secret()};
    endpoint.timeout_s = 5;
    SipProxy booth(endpoint);
    std::cout << "ready" << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
      std::istringstream in(line);
      std::string verb, account;
      in >> verb >> account;
      if (verb == "call") {
        std::string pin, number, call_id;
        in >> pin >> number >> call_id;
        const auto uri = "sip:" + number + "@gw.example.com";
        const auto answer = booth.authorize(account, pin, uri, call_id);
        if (!answer.accepted()) {
          std::cout << "refused " << answer.return_code.value_or(-1) << " " << answer.reply_message
                    << std::endl;
          continue;
        }
        booth.start(account, uri, call_id);
        std::cout << "accepted " << answer.session_timeout_s.value_or(0) << std::endl;
      } else if (verb == "stop") {
        std::string number, call_id;
        std::uint32_t seconds = 0;
        in >> number >> call_id >> seconds;
        const auto uri = "sip:" + number + "@gw.example.com";
        std::cout << (booth.stop(account, uri, call_id, seconds) == AccountingAnswer::answered
                          ? "stopped"
                          : "failed")
                  << std::endl;
      } else {
        std::cout << "unknown command" << std::endl;
      }
    }
    server.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "web_booth_caller: " << e.what() << '\n';
    return 1;
  }
}

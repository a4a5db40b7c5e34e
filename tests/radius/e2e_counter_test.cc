// End to end: the counter's payments through a real radiusd with rlm_prepaid, the private
// MariaDB and the SIP proxy simulator: two calls from a prepaid booth, one paid, one unserved,
// the checkout's receipt and the shift report exact to the cent; two counters paying one call.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "billing/operators/operator_service.h"
#include "billing/shops/booth_session_service.h"
#include "billing/shops/payment_service.h"
#include "billing/shops/shift_service.h"
#include "billing/shops/shop_service.h"
#include "tests/radius/billing_fixture.h"
#include "tests/radius/booth_counter.h"
#include "tests/radius/e2e_support.h"
#include "tests/radius/gateway_sim.h"
#include "tests/radius/radius_server.h"
#include "tests/radius/store_seed.h"

using namespace prepaid::radius::testing;
using namespace prepaid::billing;
using prepaid::rating::Money;

namespace {

/// booth_counter.h's shop "corner" (kFlatTariff: 1 s = 0.01), its counter totals to the
/// nearest 0.05, worked by olga and petra, each with an open shift (floats 20.00 and 10.00).
struct PayingCounter : Counter {
  explicit PayingCounter(BillingFixture& billing)
      : Counter(billing,
                [](ShopRequest& shop) {
                  shop.receipt_header = {"Corner Calls"};
                  shop.rounding_step = money("0.05");
                  shop.rounding = CashRoundingMethod::nearest;
                }),
        payments(store) {
    OperatorService ops(store);
    REQUIRE(ops.add(admin, "petra", Role::operator_));
    REQUIRE(shops.assign_operator(admin, "petra", "corner"));
    REQUIRE(shifts.open(petra, "", money("10.00")));
  }
  /// The booth's calls, oldest first.
  std::vector<Cdr> calls() {
    auto tx = store->begin();
    auto card = tx->find_card(booth, false);
    CdrFilter f;
    f.card = card->id;
    auto list = tx->list_cdrs(f, Page{0, 100});
    tx->commit();
    return {list.rbegin(), list.rend()};
  }
  const Actor petra{"petra", Role::operator_, "test"};
  PaymentService payments;
};

/// A 40-column receipt line.
std::string line40(const std::string& left, const std::string& right) {
  return left + std::string(40 - left.size() - right.size(), ' ') + right + "\n";
}

/// The lines of `text` from the first that starts with `from`.
std::string tail_from(const std::string& text, const std::string& from) {
  const auto at = text.find("\n" + from);
  REQUIRE(at != std::string::npos);
  return text.substr(at + 1);
}

}  // namespace

TEST_CASE("a prepaid booth's calls: one paid, one unserved, the checkout's receipt and report") {
  // Proves the counter end to end, every amount worked out by hand from kFlatTariff (1 s =
  // 0.01) and the shop's 0.05 nearest rounding: a 5.00 deposit, calls of 47 s (0.47) and 73 s
  // (0.73) through radiusd; the first paid with a coffee (1.47 → 1.45, 2.00 tendered, 0.55
  // change), the second unserved; the checkout sells a water (0.60) out of the deposit and
  // gives 4.40 back; the receipts' text and JSON and the shift report to the cent.
  BillingFixture billing;
  PayingCounter counter(billing);
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string tag = std::to_string(now_s());

  REQUIRE(counter.sessions.open(counter.olga, counter.booth, SessionKind::prepaid, money("5.00")));
  for (const auto& [id, seconds] :
       std::vector<std::pair<std::string, std::uint32_t>>{{"a-" + tag, 47}, {"b-" + tag, 73}}) {
    const auto granted = proxy.authorize(counter.booth, counter.pin, uri, id);
    REQUIRE(granted.accepted());
    CHECK(proxy.start(counter.booth, uri, id) == AccountingAnswer::answered);
    CHECK(proxy.stop(counter.booth, uri, id, seconds) == AccountingAnswer::answered);
  }
  const auto calls = counter.calls();
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].price == money("0.47"));
  CHECK(calls[1].price == money("0.73"));
  CHECK(billing.balance(counter.booth) == money("3.80"));

  PayRequest pay;
  pay.booth = counter.booth;
  pay.calls = {calls[0].id};
  pay.extras = {ExtraItem{"Coffee", money("1.00"), 1}};
  pay.tendered = money("2.00");
  auto paid = counter.payments.pay(counter.olga, pay);
  REQUIRE(paid);
  CHECK(paid->payment.receipt_number == 1);
  CHECK(tail_from(paid->payment.receipt_text_40, "  United Kingdom") ==
        line40("  United Kingdom", "0.47") + line40("Coffee", "1.00") + std::string(40, '-') +
            "\n" + line40("Subtotal", "1.47") + line40("Rounding", "-0.02") +
            line40("TOTAL EUR", "1.45") + line40("Paid (cash)", "1.45") +
            line40("Tendered", "2.00") + line40("Change", "0.55"));
  CHECK(billing.balance(counter.booth) == money("4.27"));  // the 0.47 paid goes back

  REQUIRE(counter.payments.mark_unserved(counter.olga, calls[1].id, "bad line"));
  CHECK(billing.balance(counter.booth) == money("5.00"));

  SessionCheckout settle;
  settle.extras = {ExtraItem{"Water", money("0.60"), 1}};
  auto checkout = counter.sessions.close(counter.olga, counter.booth, settle);
  REQUIRE(checkout);
  REQUIRE(checkout->checkout);
  const Payment& last = *checkout->checkout;
  CHECK(last.receipt_number == 2);
  CHECK(last.final);
  CHECK(tail_from(last.receipt_text_40, "  United Kingdom") ==
        line40("  United Kingdom (unserved)", "0.00") + line40("Water", "0.60") +
            std::string(40, '-') + "\n" + line40("TOTAL EUR", "0.60") + line40("Deposit", "5.00") +
            line40("Deposit returned", "4.40") + line40("Paid (cash)", "0.00") +
            line40("Tendered", "0.00") + line40("Change", "0.00"));
  CHECK(last.receipt_text_40.find(line40("Receipt No", "2")) != std::string::npos);
  CHECK(last.receipt_text_40.find(line40("Booth", "Cabin 1")) != std::string::npos);
  CHECK(last.receipt_text_40.find(line40("Operator", "olga")) != std::string::npos);
  CHECK(last.receipt_text_40.find("+442079460000") != std::string::npos);
  const auto json = nlohmann::json::parse(last.receipt_json);
  CHECK(json["number"] == 2);
  CHECK(json["calls"].size() == 1);
  CHECK(json["calls"][0]["unserved"] == true);
  CHECK(json["calls"][0]["price"] == "0.00");
  CHECK(json["calls"][0]["duration_s"] == 73);
  CHECK(json["total"] == "0.60");
  CHECK(json["deposit"] == "5.00");
  CHECK(json["deposit_returned"] == "4.40");
  CHECK(json["paid"] == "0.00");
  auto reprint = counter.payments.receipt(counter.olga, "corner", 2);
  REQUIRE(reprint);
  CHECK(reprint->payment.receipt_text_40 == last.receipt_text_40);
  CHECK(reprint->payment.receipt_text_48 == last.receipt_text_48);
  CHECK(billing.balance(counter.booth) == money("0"));
  CHECK(billing.ledger_balances());

  // Olga's shift: 20.00 float + 5.00 deposit + 2.00 tendered − 0.55 change − 4.40 given back.
  auto report = counter.shifts.close(counter.olga, counter.shift, money("22.00"));
  REQUIRE(report);
  const ShiftCounter& k = report->counter;
  CHECK(k.calls.count == 2);
  CHECK(k.calls.seconds == 120);
  CHECK(k.calls.amount == money("1.20"));
  CHECK(k.paid.count == 1);
  CHECK(k.paid.amount == money("0.47"));
  CHECK(k.unserved.count == 1);
  CHECK(k.unserved.amount == money("0.73"));
  CHECK(k.unpaid.count == 0);
  CHECK(k.payments == 2);
  CHECK(k.revenue == money("2.05"));  // 1.45 + 0.60
  CHECK(k.cash == money("1.45"));
  CHECK(k.card == money("0"));
  CHECK(k.deposits == money("0.60"));
  CHECK(k.extras == money("1.60"));
  CHECK(k.rounding == money("-0.02"));
  CHECK(k.cash_tendered == money("2.00"));
  CHECK(k.change == money("0.55"));
  CHECK(report->expected == money("22.05"));
  CHECK(report->difference == money("-0.05"));
  auto text = counter.shifts.printout(counter.olga, counter.shift, 40);
  REQUIRE(text);
  CHECK(text->find(line40("Calls unserved", "1  0.73")) != std::string::npos);
  CHECK(text->find(line40("Expected", "22.05")) != std::string::npos);
  CHECK(text->find(line40("Difference", "-0.05")) != std::string::npos);
  CHECK(server.answers_status());
}

TEST_CASE("two operators paying the same call at once pay it once") {
  // Proves that olga and petra, paying the same call of a booth at the same moment from two
  // threads (two connections to the database), make one payment: the other is refused, the
  // call has one mark, the ledger balances.
  BillingFixture billing;
  PayingCounter counter(billing);
  RadiusServer server(billing.database());
  server.start();
  SipProxy proxy(endpoint_of(server));
  const std::string uri = "sip:+442079460000@gw.example.com;user=phone";
  const std::string tag = std::to_string(now_s());
  REQUIRE(counter.sessions.open(counter.olga, counter.booth, SessionKind::postpaid, money("9.00")));
  for (int i = 0; i < 4; ++i) {
    const std::string id = "race-" + std::to_string(i) + "-" + tag;
    REQUIRE(proxy.authorize(counter.booth, counter.pin, uri, id).accepted());
    CHECK(proxy.stop(counter.booth, uri, id, 10 + i) == AccountingAnswer::answered);
  }
  PaymentService second(counter.store);
  for (const Cdr& call : counter.calls()) {
    std::atomic<int> ready{0};
    std::atomic<int> paid{0};
    std::atomic<int> refused{0};
    auto pay = [&](PaymentService& service, const Actor& who) {
      PayRequest r;
      r.booth = counter.booth;
      r.calls = {call.id};
      ready.fetch_add(1);
      while (ready.load() < 2) std::this_thread::yield();
      auto result = service.pay(who, r);
      if (result)
        paid.fetch_add(1);
      else if (result.problem().code == ErrorCode::failed_precondition)
        refused.fetch_add(1);
    };
    std::thread a(pay, std::ref(counter.payments), std::cref(counter.olga));
    std::thread b(pay, std::ref(second), std::cref(counter.petra));
    a.join();
    b.join();
    CHECK(paid.load() == 1);
    CHECK(refused.load() == 1);
  }
  auto all = counter.payments.list(counter.admin, PaymentQuery{"corner", {}}, Page{});
  REQUIRE(all);
  CHECK(all->size() == 4);
  CHECK(billing.ledger_balances());
}

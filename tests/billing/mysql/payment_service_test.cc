// PaymentService on MySQL (the same cases run on the in-memory store in
// payment_service_test.cc): payments, unserved calls, undos, receipt numbers and two counters
// paying the same call from two threads.
#include <doctest/doctest.h>

#include "billing/store/mysql/mysql_store.h"
#include "mysql/test_database.h"
#include "payment_cases.h"

namespace prepaid::billing::testing {

struct MySqlBackend {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());
};

TEST_CASE_TEMPLATE_INSTANTIATE(payments_take, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_preview, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_refusals, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_undo, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_receipt_numbers, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_race, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_shift_report, MySqlBackend);

}  // namespace prepaid::billing::testing

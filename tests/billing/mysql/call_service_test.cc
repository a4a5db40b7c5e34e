// The CallService suite on MySQL/MariaDB.
#include "billing/calls/call_service.h"

#include <doctest/doctest.h>

#include "billing/store/mysql/mysql_store.h"
#include "call_service_concurrency.h"
#include "call_service_contract.h"
#include "mysql/test_database.h"

namespace prepaid::billing::testing {

struct MySqlBackend {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());
};

TEST_CASE_TEMPLATE_INSTANTIATE(calls_stage1, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_lookup, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_grant, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_inverse, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_idempotent, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_with_pin, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_with_chap, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_with_digest, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_destinations, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_accounting, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_stop_limits, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_pin_lock, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_snapshot, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_stop_without_reservation, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_accounting_on, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_expiry, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_bad_input, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_concurrent_reservations, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_soak, MySqlBackend);

}  // namespace prepaid::billing::testing

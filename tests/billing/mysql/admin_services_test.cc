// The admin-service cases (cards, tariffs, operators, calls, audit, NAS settings and
// Disconnect-Requests) on MySQL/MariaDB.
#include <doctest/doctest.h>

#include "billing/store/mysql/mysql_store.h"
#include "booth_session_cases.h"
#include "booth_stop_cases.h"
#include "call_summary_cases.h"
#include "disconnect_service_cases.h"
#include "mysql/test_database.h"
#include "operator_service_cases.h"
#include "shift_service_cases.h"
#include "shop_service_cases.h"
#include "shop_upstream_cases.h"
#include "tariff_service_cases.h"

namespace prepaid::billing::testing {

struct MySqlBackend {
  mysql::testing::TestDatabase db{true};
  std::shared_ptr<mysql::MySqlStore> store = std::make_shared<mysql::MySqlStore>(db.options());
};

TEST_CASE_TEMPLATE_INSTANTIATE(cards_batch, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_roles, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_recharge, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_validity, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_minor_units, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_status, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_maintenance, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_import, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_edit, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_quote, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_buy_currency, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_file, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_labels, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_rule_time, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(operators_tokens, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(operators_passwords, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(history_calls, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(history_day_and_number, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(summary_periods, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(summary_defaults, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(nas_clients, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(disconnect_call, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(disconnect_refusals, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(disconnect_card, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shops_admin, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shops_booths, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shifts_cash, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shifts_refusals, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_prepaid, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_postpaid, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_refusals, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_stop, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(upstream_account, MySqlBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(upstream_calls, MySqlBackend);

}  // namespace prepaid::billing::testing

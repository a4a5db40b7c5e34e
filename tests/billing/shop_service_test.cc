// ShopService on the in-memory store (the same cases run on MySQL in
// mysql/admin_services_test.cc).
#include "billing/shops/shop_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "booth_session_cases.h"
#include "booth_stop_cases.h"
#include "shift_service_cases.h"
#include "shop_service_cases.h"
#include "shop_upstream_cases.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(shops_admin, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shops_booths, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shifts_cash, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(shifts_refusals, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_prepaid, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_postpaid, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_refusals, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(booth_stop, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(upstream_account, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(upstream_calls, MemoryBackend);

}  // namespace prepaid::billing::testing

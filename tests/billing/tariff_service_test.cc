// TariffService on the in-memory store (the same cases run on MySQL in
// mysql/admin_services_test.cc).
#include "billing/tariffs/tariff_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "tariff_service_cases.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_import, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_edit, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_quote, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_buy_currency, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_file, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_labels, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(tariffs_rule_time, MemoryBackend);

}  // namespace prepaid::billing::testing

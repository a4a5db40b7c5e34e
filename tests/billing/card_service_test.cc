// CardService on the in-memory store (the same cases run on MySQL in mysql/admin_services_test.cc).
#include "billing/cards/card_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "card_service_cases.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(cards_batch, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_roles, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_recharge, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_validity, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_minor_units, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_status, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(cards_maintenance, MemoryBackend);

}  // namespace prepaid::billing::testing

// NasService and DisconnectService on the in-memory store (the same cases run on MySQL in
// mysql/admin_services_test.cc).
#include "billing/disconnect/disconnect_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "disconnect_service_cases.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(nas_clients, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(disconnect_call, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(disconnect_refusals, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(disconnect_card, MemoryBackend);

}  // namespace prepaid::billing::testing

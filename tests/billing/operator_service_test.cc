// OperatorService, CallHistory and AuditLog on the in-memory store (the same cases run on MySQL
// in mysql/admin_services_test.cc).
#include "billing/operators/operator_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "call_summary_cases.h"
#include "operator_service_cases.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(operators_tokens, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(operators_passwords, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(history_calls, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(history_day_and_number, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(summary_periods, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(summary_defaults, MemoryBackend);

}  // namespace prepaid::billing::testing

// PaymentService on the in-memory store (the same cases run on MySQL in
// mysql/payment_service_test.cc).
#include "billing/shops/payment_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "payment_cases.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(payments_take, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_preview, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_refusals, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_undo, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_receipt_numbers, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_race, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(payments_shift_report, MemoryBackend);

}  // namespace prepaid::billing::testing

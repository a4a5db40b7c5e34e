// The CallService suite on the in-memory store, and what needs no database.
#include "billing/calls/call_service.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "call_service_concurrency.h"
#include "call_service_contract.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(calls_stage1, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_lookup, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_grant, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_inverse, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_idempotent, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_with_pin, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_with_chap, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_with_digest, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_destinations, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_accounting, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_stop_limits, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_pin_lock, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_snapshot, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_stop_without_reservation, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_accounting_on, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_expiry, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_bad_input, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_concurrent_reservations, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(calls_soak, MemoryBackend);

TEST_CASE("a database outage is an exception, not a refusal") {
  // Proves StoreUnavailable reaches the caller (the module fails the request; NAS retransmits).
  CallWorld<MemoryBackend> w;
  w.add_card("1", "5");
  w.backend.store->set_unavailable(true);
  CHECK_THROWS_AS(w.calls.authorize_call(w.request("1", "4420", "s")), StoreUnavailable);
  CHECK_THROWS_AS(w.calls.record_accounting(w.event(AccountingKind::stop, "s", 5)),
                  StoreUnavailable);
  CHECK_THROWS_AS(w.calls.lookup_account("1"), StoreUnavailable);
  w.backend.store->set_unavailable(false);
  CHECK(w.calls.authorize_call(w.request("1", "4420", "s")).code == ReturnCode::ok);
}

TEST_CASE("CallPolicy values out of range are refused when the service is made") {
  // Proves configuration mistakes fail at start-up with a message, not at the first call.
  auto store = std::make_shared<MemoryStore>();
  CallPolicy p;
  p.max_attempts = 0;
  CHECK_THROWS_AS(CallService(store, p), std::invalid_argument);
  p = CallPolicy{};
  p.max_call_duration_s = 0;
  CHECK_THROWS_AS(CallService(store, p), std::invalid_argument);
  p.max_call_duration_s = 86401;
  CHECK_THROWS_AS(CallService(store, p), std::invalid_argument);
}

}  // namespace prepaid::billing::testing

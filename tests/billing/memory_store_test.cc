// The Store contract suite against the in-memory store, plus what only it does.
#include "billing/store/memory_store.h"

#include <doctest/doctest.h>

#include "store_contract.h"

namespace prepaid::billing::testing {

struct MemoryBackend {
  std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
};

TEST_CASE_TEMPLATE_INSTANTIATE(store_cards, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_rollback, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_bulk_cards, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_card_list, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_ledger, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_ledger_cdrs, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_reservations, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_cdrs, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_cdr_sums, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_tariffs, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_operators, MemoryBackend);
TEST_CASE_TEMPLATE_INSTANTIATE(store_metacharacters, MemoryBackend);

TEST_CASE("a memory store marked unavailable throws StoreUnavailable") {
  // Proves the in-memory stand-in can play "database down" for service tests.
  MemoryStore store;
  store.set_unavailable(true);
  CHECK_THROWS_AS(store.begin(), StoreUnavailable);
  store.set_unavailable(false);
  CHECK_NOTHROW(store.begin());
}

}  // namespace prepaid::billing::testing

// run_transaction(): bounded retries on StoreConflict, commit or rollback of the result.
#include "billing/store/store.h"

#include <doctest/doctest.h>

#include "billing/store/memory_store.h"
#include "billing/result.h"
#include "contract_fixtures.h"

namespace prepaid::billing::testing {

TEST_CASE("run_transaction retries a deadlocked transaction a bounded number of times") {
  // Proves StoreConflict reruns the whole work, and gives up after max_attempts.
  MemoryStore store;
  int calls = 0;
  auto flaky = [&](Transaction& tx) {
    ++calls;
    Card c = make_card("1" + std::to_string(calls), "1");
    tx.insert_card(c);  // undone when the attempt fails
    if (calls < 3) throw StoreConflict("deadlock");
    return calls;
  };
  CHECK(run_transaction(store, 5, flaky) == 3);
  {
    auto tx = store.begin();
    CHECK(tx->count_cards(CardFilter{}) == 1);  // only the successful attempt's card
  }
  calls = 0;
  CHECK_THROWS_AS(run_transaction(store, 2, flaky), StoreConflict);
  CHECK(calls == 2);
  calls = 0;
  CHECK_THROWS_AS(
      run_transaction(store, 1, [&](Transaction&) -> int { throw StoreUnavailable("down"); }),
      StoreUnavailable);
}

TEST_CASE("a refused Result is rolled back even if the work wrote before refusing") {
  // Proves "a refusal changes nothing" does not depend on each service ordering its checks.
  MemoryStore store;
  const std::string before = store.state_fingerprint();
  Result<int> r = run_transaction(store, 1, [&](Transaction& tx) -> Result<int> {
    Card c = make_card("42", "1");
    tx.insert_card(c);
    return refuse(ErrorCode::not_found, "changed my mind");
  });
  CHECK_FALSE(r);
  CHECK(store.state_fingerprint() == before);
  auto tx = store.begin();
  CHECK_FALSE(tx->find_card("42", false));
}

}  // namespace prepaid::billing::testing

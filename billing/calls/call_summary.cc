// CallTotals: counts, seconds and revenue per currency, kept in currency order.
#include "billing/calls/call_summary.h"

#include <algorithm>

namespace prepaid::billing {

void CallTotals::add(std::uint64_t n, std::uint64_t seconds, const std::string& currency,
                     rating::Money price) {
  calls += n;
  billed_s += seconds;
  auto it = std::lower_bound(revenue.begin(), revenue.end(), currency,
                             [](const Revenue& r, const std::string& c) { return r.currency < c; });
  if (it == revenue.end() || it->currency != currency)
    it = revenue.insert(it, Revenue{currency, rating::Money{}});
  it->amount += price;
}

}  // namespace prepaid::billing

#include "billing/shops/session_calls.h"

#include <algorithm>
#include <chrono>

namespace prepaid::billing {

std::vector<Cdr> session_calls(Transaction& tx, const BoothSession& session) {
  CdrFilter filter;
  filter.card = session.card_id;
  // CDRs are listed by call_at, the NAS's connect time; the booking time decides.
  filter.from = session.opened_at - std::chrono::hours(24);
  if (session.closed_at) filter.to = *session.closed_at + std::chrono::hours(24);
  auto cdrs = tx.list_cdrs(filter, Page{0, 10000});
  std::vector<Cdr> out;
  for (auto it = cdrs.rbegin(); it != cdrs.rend(); ++it) {
    if (it->recorded_at < session.opened_at) continue;
    if (session.closed_at && it->recorded_at > *session.closed_at) continue;
    if (auto mark = tx.find_call_mark(it->id); mark && mark->session_id != session.id) continue;
    out.push_back(*it);
  }
  std::stable_sort(out.begin(), out.end(), [](const Cdr& a, const Cdr& b) {
    return a.recorded_at < b.recorded_at || (a.recorded_at == b.recorded_at && a.id < b.id);
  });
  return out;
}

}  // namespace prepaid::billing

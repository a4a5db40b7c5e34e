#include "billing/shops/shop_upstream.h"

namespace prepaid::billing {

std::string_view to_string(UpstreamEntryKind kind) {
  switch (kind) {
    case UpstreamEntryKind::recharge:
      return "recharge";
    case UpstreamEntryKind::adjustment:
      return "adjustment";
    case UpstreamEntryKind::call_cost:
      return "call_cost";
  }
  return "adjustment";
}

std::optional<UpstreamEntryKind> parse_upstream_entry_kind(std::string_view text) {
  for (auto k :
       {UpstreamEntryKind::recharge, UpstreamEntryKind::adjustment, UpstreamEntryKind::call_cost})
    if (to_string(k) == text) return k;
  return std::nullopt;
}

}  // namespace prepaid::billing

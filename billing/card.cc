#include "billing/card.h"

#include <chrono>

namespace prepaid::billing {

std::optional<rating::Instant> Card::computed_expiry() const {
  if (validity_days == 0) return std::nullopt;
  std::optional<rating::Instant> from = last_recharged_at ? last_recharged_at : activated_at;
  if (!from) return std::nullopt;
  return *from + std::chrono::days(validity_days);
}

}  // namespace prepaid::billing

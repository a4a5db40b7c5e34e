#include "billing/cards/card.h"

#include <chrono>

namespace prepaid::billing {

std::optional<rating::Instant> Card::validity_start() const {
  if (!activated_at) return std::nullopt;
  if (last_recharged_at && *last_recharged_at > *activated_at) return last_recharged_at;
  return activated_at;
}

std::optional<rating::Instant> Card::computed_expiry() const {
  if (validity_days == 0) return std::nullopt;
  const std::optional<rating::Instant> from = validity_start();
  if (!from) return std::nullopt;
  return *from + std::chrono::days(validity_days);
}

}  // namespace prepaid::billing

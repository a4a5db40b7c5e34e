#include "billing/calls/session_key.h"

#include <string_view>

namespace prepaid::billing {
namespace {

bool printable_ascii(std::string_view text, std::size_t max_length) {
  if (text.empty() || text.size() > max_length) return false;
  for (char c : text)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

}  // namespace

bool SessionKey::valid() const {
  return printable_ascii(nas, kMaxNasLength) && printable_ascii(session_id, kMaxSessionIdLength);
}

}  // namespace prepaid::billing

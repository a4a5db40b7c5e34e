#include "billing/calls/nas_identity.h"

#include <algorithm>

namespace prepaid::billing {

namespace {

std::string kept(const std::string& text, std::size_t max) {
  if (text.size() > max) return {};
  const bool printable =
      std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
  return printable ? text : std::string{};
}

}  // namespace

NasIdentity NasIdentity::sanitized() const {
  return NasIdentity{kept(user_name, kMaxUserName), kept(acct_session_id, kMaxAcctSessionId),
                     kept(nas_ip_address, kMaxNasIpAddress)};
}

}  // namespace prepaid::billing

#include "admin-cli/api/address_range.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace prepaid::cli {

std::optional<AddressRange::Bytes> AddressRange::parse_address(std::string_view text) {
  const std::string s(text);
  Bytes out;
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    std::memcpy(out.b.data(), &v4, 4);
    return out;
  }
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.b.data(), &v6, 16);
    // ::ffff:a.b.c.d is an IPv4 client on a dual-stack socket.
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(out.b.data(), kMapped, 12) == 0) {
      Bytes mapped;
      std::memcpy(mapped.b.data(), out.b.data() + 12, 4);
      return mapped;
    }
    out.v6 = true;
    return out;
  }
  return std::nullopt;
}

std::optional<AddressRange> AddressRange::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  if (!address) return std::nullopt;
  const unsigned max = address->v6 ? 128 : 32;
  unsigned prefix = max;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() ||
        prefix > max) {
      return std::nullopt;
    }
  }
  AddressRange r;
  r.network_ = *address;
  r.prefix_ = prefix;
  r.text_ = std::string(text);
  return r;
}

bool AddressRange::contains(std::string_view address) const {
  const auto a = parse_address(address);
  if (!a || a->v6 != network_.v6) return false;
  unsigned bits = prefix_;
  for (std::size_t i = 0; bits > 0; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - take));
    if ((a->b[i] & mask) != (network_.b[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

}  // namespace prepaid::cli

#pragma once
/// @file address_range.h
/// @brief AddressRange: an IPv4 or IPv6 network ("10.0.0.0/8", "::1") for the API's
/// allow-list of client addresses.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prepaid::cli {

/// @brief A network: an address and a prefix length. IPv4-mapped IPv6 client addresses
/// ("::ffff:10.0.0.5") are compared as IPv4.
class AddressRange {
 public:
  /// "127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"; nullopt when malformed (bad address,
  /// prefix length out of range, host bits set beyond the prefix are allowed and ignored).
  static std::optional<AddressRange> parse(std::string_view text);

  /// True when `address` (as the socket reports it) is inside this network.
  bool contains(std::string_view address) const;
  std::string to_string() const { return text_; }

 private:
  struct Bytes {
    std::array<std::uint8_t, 16> b{};
    bool v6 = false;
  };
  static std::optional<Bytes> parse_address(std::string_view text);

  Bytes network_;
  unsigned prefix_ = 0;
  std::string text_;
};

}  // namespace prepaid::cli

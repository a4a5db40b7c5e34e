#pragma once
/// @file packet.h
/// @brief A RADIUS packet on the wire (RFC 2865 §3): code, identifier, authenticator and
/// attributes, encoded and decoded without any secret (authenticator.h signs and verifies).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prepaid::dynauth {

using Bytes = std::vector<std::uint8_t>;
using Authenticator = std::array<std::uint8_t, 16>;

/// Packet codes of dynamic authorization (RFC 5176 §2.1).
enum class Code : std::uint8_t {
  disconnect_request = 40,
  disconnect_ack = 41,
  disconnect_nak = 42,
};

/// Attribute types this library sends or reads (RFC 2865, 2866, 2869, 3162, 5176).
namespace attr {
inline constexpr std::uint8_t kUserName = 1;
inline constexpr std::uint8_t kNasIpAddress = 4;
inline constexpr std::uint8_t kReplyMessage = 18;
inline constexpr std::uint8_t kAcctSessionId = 44;
inline constexpr std::uint8_t kEventTimestamp = 55;
inline constexpr std::uint8_t kMessageAuthenticator = 80;
inline constexpr std::uint8_t kNasIpv6Address = 95;
inline constexpr std::uint8_t kErrorCause = 101;
}  // namespace attr

/// @brief One attribute: its type and its value (1..253 octets).
struct Attribute {
  std::uint8_t type = 0;
  Bytes value;
};

/// @brief A decoded packet. `attributes` keeps the wire order.
struct Packet {
  std::uint8_t code = 0;
  std::uint8_t identifier = 0;
  Authenticator authenticator{};
  std::vector<Attribute> attributes;

  /// The first attribute of `type`, if any.
  const Attribute* find(std::uint8_t type) const;
};

/// The largest packet RFC 2865 allows.
inline constexpr std::size_t kMaxPacketLength = 4096;

/// The wire form of `packet`; nullopt when an attribute is empty or longer than 253 octets, or
/// the packet would exceed kMaxPacketLength.
std::optional<Bytes> encode(const Packet& packet);

/// Decodes `wire`: nullopt when it is shorter than 20 octets, its Length field is below 20 or
/// beyond the datagram, or an attribute's length is below 2 or runs past the Length (octets
/// after Length are padding and ignored, RFC 2865 §3).
std::optional<Packet> decode(const Bytes& wire);

/// Attribute value helpers.
Bytes text_value(std::string_view text);
Bytes integer_value(std::uint32_t value);
std::optional<std::uint32_t> integer_of(const Attribute& attribute);

}  // namespace prepaid::dynauth

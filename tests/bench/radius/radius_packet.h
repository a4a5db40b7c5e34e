#pragma once
/// @file radius_packet.h
/// @brief Building and checking RADIUS packets on the wire (RFC 2865/2866), for the load
/// generator: Access-Request with a hidden User-Password, Accounting-Request with its
/// authenticator, and verification of the Response Authenticator of a reply.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prepaid::radius::bench {

inline constexpr std::uint8_t kAccessRequest = 1;
inline constexpr std::uint8_t kAccessAccept = 2;
inline constexpr std::uint8_t kAccessReject = 3;
inline constexpr std::uint8_t kAccountingRequest = 4;
inline constexpr std::uint8_t kAccountingResponse = 5;

/// @brief A request being built: attributes in order, encoded by encode().
class RadiusRequest {
 public:
  explicit RadiusRequest(std::uint8_t code) : code_(code) {}

  std::uint8_t code() const { return code_; }  ///< kAccessRequest or kAccountingRequest

  RadiusRequest& text(std::uint8_t type, std::string_view value);
  RadiusRequest& integer(std::uint8_t type, std::uint32_t value);
  RadiusRequest& ipv4(std::uint8_t type, std::uint32_t host_order_address);
  /// A vendor-specific attribute (type 26) with one sub-attribute.
  RadiusRequest& vendor_text(std::uint32_t vendor, std::uint8_t type, std::string_view value);
  /// User-Password, hidden with the secret and the Request Authenticator at encode().
  RadiusRequest& password(std::string_view value);
  /// CHAP-Password instead (RFC 1994 MD5, the Request Authenticator as the challenge),
  /// computed at encode().
  RadiusRequest& chap_password(std::string_view value);

  /// The packet bytes with identifier `id`. Access-Request: a random authenticator;
  /// Accounting-Request: MD5 over the packet and the secret. `authenticator` receives the
  /// Request Authenticator (needed to check the reply).
  std::vector<std::uint8_t> encode(std::uint8_t id, std::string_view secret,
                                   std::array<std::uint8_t, 16>& authenticator) const;

 private:
  std::uint8_t code_;
  std::vector<std::uint8_t> attrs_;
  std::optional<std::string> password_;
  bool chap_ = false;
};

/// MD5 of `text` in lowercase hex (a SIP digest answer is built from these).
std::string md5_hex(std::string_view text);

/// @brief What a reply says, once its authenticator is checked.
struct RadiusReply {
  std::uint8_t code = 0;
  std::uint8_t id = 0;
  std::optional<int> h323_return_code;  ///< Cisco vendor 9, attribute 103
};

/// Parses a reply to the request with `request_authenticator`; nullopt when it is malformed or
/// its Response Authenticator is wrong (e.g. a late reply to an identifier already reused).
std::optional<RadiusReply> check_reply(const std::uint8_t* data, std::size_t size,
                                       const std::array<std::uint8_t, 16>& request_authenticator,
                                       std::string_view secret);

}  // namespace prepaid::radius::bench

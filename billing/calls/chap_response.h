#pragma once
/// @file chap_response.h
/// @brief ChapResponse: a RADIUS CHAP answer (RFC 2865 §2.2, RFC 1994), checked against a PIN.
///
/// A CHAP gateway never sends the PIN: it sends an identifier and MD5(identifier || PIN ||
/// challenge), where the challenge is CHAP-Challenge, or the Request Authenticator when the
/// request has none. The core checks it against the card's PIN in the same transaction as the
/// card's read (CallService::authorize_with_pin), as it checks a PAP password; FreeRADIUS's own
/// chap module then checks it again in `authenticate`.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prepaid::billing {

struct ChapResponse {
  std::uint8_t ident = 0;                 ///< CHAP-Password's first octet
  std::array<std::uint8_t, 16> digest{};  ///< the other 16
  std::string challenge;                  ///< CHAP-Challenge, else the Request Authenticator

  /// From CHAP-Password as received (17 octets: identifier, response) and the challenge (1 to
  /// 253 octets). Nullopt when either has another length (FreeRADIUS's chap module refuses
  /// such a request), or when OpenSSL refuses MD5 (a FIPS provider; the chap module has its
  /// own): the request is then not checked here.
  static std::optional<ChapResponse> from(std::string_view chap_password,
                                          std::string_view challenge);

  /// True when MD5(ident || pin || challenge) equals `digest` (compared in constant time).
  /// An empty `pin` never matches.
  bool matches(std::string_view pin) const;
};

}  // namespace prepaid::billing

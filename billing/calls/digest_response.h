#pragma once
/// @file digest_response.h
/// @brief DigestResponse: a SIP proxy's HTTP digest answer (RFC 2617) as RADIUS carries it
/// (draft-sterman-aaa-sip: Digest-Response, and the challenge's fields in Digest-Attributes),
/// checked against a PIN.
///
/// Kamailio's auth_radius and other SIP proxies never send the PIN: they send the fields of
/// the challenge the phone answered and the answer, MD5(MD5(user:realm:PIN):nonce:MD5(method:
/// uri)) in hex (with qop=auth, nonce-count, cnonce and qop before the last part). The core
/// checks it against the card's PIN with the card's read, as it checks PAP and CHAP
/// (CallService::authorize_with_pin); FreeRADIUS's digest module then checks it again in
/// `authenticate`. Only the forms this class is sure of are taken (algorithm MD5 or none; qop
/// none or auth): for any other, from() gives nothing and FreeRADIUS's digest module decides
/// alone, on the slower path.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace prepaid::billing {

struct DigestResponse {
  std::string response;   ///< Digest-Response: 32 hex digits, lowercase here
  std::string user_name;  ///< Digest-User-Name (the user of A1)
  std::string realm;
  /// What follows MD5(A1) in the answer's input, computed by from() (it holds no secret):
  /// ":" nonce [":" nonce-count ":" cnonce ":" qop] ":" MD5(method ":" uri), so that
  /// matches(), which runs under the card's row lock, hashes twice instead of three times.
  std::string after_ha1;

  /// From Digest-Response as received and the values of every Digest-Attributes attribute
  /// (each one or more sub-attributes: type, length including these two octets, value).
  /// Nullopt when the response is not 32 hex digits, a sub-attribute's length is wrong, a
  /// field is missing or repeated (realm, nonce, method, uri and user name are needed; cnonce
  /// and nonce count with qop=auth), the algorithm is not MD5 or the qop not auth, or OpenSSL
  /// refuses MD5.
  static std::optional<DigestResponse> from(std::string_view response,
                                            std::span<const std::string_view> attributes);

  /// True when the answer computed from `pin` equals `response` (compared in constant time).
  /// An empty `pin` never matches.
  bool matches(std::string_view pin) const;
};

}  // namespace prepaid::billing

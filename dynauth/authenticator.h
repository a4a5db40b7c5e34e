#pragma once
/// @file authenticator.h
/// @brief The two proofs of a dynamic-authorization packet: the Request/Response Authenticator
/// (MD5, RFC 5176 §3 / RFC 2866 §3) and Message-Authenticator (HMAC-MD5, RFC 3579 §3.2).
///
/// A Disconnect-Request is signed like an Accounting-Request: Message-Authenticator is the
/// HMAC-MD5, keyed by the shared secret, of the whole packet with the Authenticator field and
/// the Message-Authenticator value both 16 zero octets; then the Request Authenticator is
/// MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret), Message-Authenticator
/// included. An answer (ACK or NAK) carries the Response Authenticator MD5(Code + Identifier +
/// Length + Request Authenticator + Attributes + Secret); its Message-Authenticator, when
/// present, is the HMAC-MD5 of the answer with the Request Authenticator in the Authenticator
/// field and its own value zeroed. MD5 and HMAC come from OpenSSL (already linked for hashes
/// and TLS).

#include <string_view>

#include "dynauth/packet.h"

namespace prepaid::dynauth {

/// Signs an encoded request in place: fills its Message-Authenticator (if it has one; its
/// value must be 16 octets) and its Request Authenticator. False when MD5 is not available
/// here (a FIPS-only OpenSSL) or the packet cannot be parsed.
bool sign_request(Bytes& wire, std::string_view secret);

/// Whether an encoded request's Request Authenticator and Message-Authenticator (if present)
/// verify with `secret` (what a NAS checks; the tests' simulated NAS uses it).
bool verify_request(const Bytes& wire, std::string_view secret);

/// What checking an answer found.
enum class AnswerCheck {
  valid,                       ///< the Response Authenticator (and any M-A) verify
  bad_response_authenticator,  ///< not signed with our secret for our request
  bad_message_authenticator,   ///< Message-Authenticator present but wrong
};

/// Checks an encoded answer to the request whose Request Authenticator was `request_auth`.
AnswerCheck check_answer(const Bytes& wire, const Authenticator& request_auth,
                         std::string_view secret);

/// Signs an encoded answer in place (the tests' simulated NAS): its Message-Authenticator (if
/// present) then its Response Authenticator, for the request authenticator `request_auth`.
bool sign_answer(Bytes& wire, const Authenticator& request_auth, std::string_view secret);

}  // namespace prepaid::dynauth

#pragma once
/// @file session_key.h
/// @brief Where a call's session id comes from, so that authorization and accounting agree.
///
/// A reservation made at authorization is settled by the accounting of the same call, so both
/// must find the same id. Cisco sends h323-conf-id in both (Acct-Session-Id differs per leg);
/// Kamailio sends `Cisco-AVPair = "call-id=..."` in Access-Requests and Acct-Session-Id =
/// Call-ID in accounting. The module tries the configured sources in order.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "radius-module/request_view.h"

namespace prepaid::radius {

/// @brief One place a session id can come from.
enum class SessionIdSource { h323_conf_id, call_id, acct_session_id };

/// Longest session id accepted, in bytes.
inline constexpr std::size_t kMaxSessionIdLength = 128;

/// @brief The order in which sources are tried.
class SessionKeyOrder {
 public:
  /// h323-conf-id, then call-id, then acct-session-id.
  SessionKeyOrder();

  /// Parses "h323-conf-id, call-id acct-session-id" (each at most once, at least one).
  /// Returns a message naming the bad item on error.
  static std::variant<SessionKeyOrder, std::string> parse(std::string_view text);

  /// The first non-empty id found, canonical: h323-conf-id without its prefix, and when it is
  /// hex groups ("931C146B 0F4411D6 ...") without blanks and in upper case. nullopt when no
  /// source has one, or when it is longer than kMaxSessionIdLength.
  std::optional<std::string> session_id(const RequestView& request) const;

  const std::vector<SessionIdSource>& sources() const { return sources_; }

 private:
  std::vector<SessionIdSource> sources_;
};

}  // namespace prepaid::radius

#pragma once
/// @file cisco_vsa.h
/// @brief Cisco voice VSA values: the `name=` prefix, and `Cisco-AVPair` items.
///
/// Cisco gateways send every h323-* VSA with its own name repeated in the value
/// (`h323-conf-id = "h323-conf-id=931C146B ..."`), and some fields only inside Cisco-AVPair
/// (`Cisco-AVPair = "h323-incoming-conf-id=..."`). Other clients (FreeSWITCH, GnuGk) send
/// bare values. Replies carry the prefix, as billing servers traditionally do.

#include <optional>
#include <string>
#include <string_view>

namespace prepaid::radius {

/// Cisco's vendor number (SMI private enterprise 9).
inline constexpr unsigned kCiscoVendor = 9;

/// The value without a leading `<name>=` (name compared case-insensitively):
/// ("h323-credit-time", "h323-credit-time=600") -> "600"; a bare "600" stays "600".
std::string_view strip_vsa_prefix(std::string_view name, std::string_view value);

/// The value as sent to a Cisco gateway: ("h323-credit-time", "600") -> "h323-credit-time=600".
std::string with_vsa_prefix(std::string_view name, std::string_view value);

/// @brief One `key=value` item of a Cisco-AVPair. Optional items use `*` instead of `=`.
struct AvPair {
  std::string_view key;
  std::string_view value;
  bool operator==(const AvPair&) const = default;
};

/// Splits "h323-incoming-conf-id=ABC" into {"h323-incoming-conf-id", "ABC"}; the separator is
/// the first '=' or '*'. nullopt when there is no separator or the key is empty.
std::optional<AvPair> split_avpair(std::string_view item);

}  // namespace prepaid::radius

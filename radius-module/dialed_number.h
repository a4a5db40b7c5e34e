#pragma once
/// @file dialed_number.h
/// @brief Clean-up of Called-Station-Id / Calling-Station-Id before number normalisation.

#include <optional>
#include <string>
#include <string_view>

namespace prepaid::radius {

/// The number part of what a client put in Called-Station-Id:
/// - SIP proxies and FreeSWITCH send URIs: `sip:+4420794600@host;user=phone` -> "+4420794600",
///   `<sips:0044207@gw>` -> "0044207";
/// - RFC 3966 `tel:+44-20-7946-0000;phone-context=x` -> "+442079460000" (visual separators
///   `-`, `.`, `(`, `)` dropped);
/// - gateways send plain numbers: "0044207946" stays as it is; surrounding blanks are trimmed.
/// What remains is not checked for digits: rating's normalize_number() does that. nullopt when
/// nothing is left (e.g. "sip:@host").
std::optional<std::string> clean_dialed_number(std::string_view text);

}  // namespace prepaid::radius

#pragma once
/// @file attribute_numbers.h
/// @brief RADIUS attribute numbers the module reads or writes (RFC 2865/2866/2869,
/// draft-sterman-aaa-sip, Cisco).

namespace prepaid::radius {

/// Standard attributes (vendor 0).
namespace attr {
inline constexpr unsigned kUserName = 1;
inline constexpr unsigned kNasIpAddress = 4;
inline constexpr unsigned kNasPort = 5;
inline constexpr unsigned kServiceType = 6;
inline constexpr unsigned kReplyMessage = 18;
inline constexpr unsigned kSessionTimeout = 27;
inline constexpr unsigned kCalledStationId = 30;
inline constexpr unsigned kCallingStationId = 31;
inline constexpr unsigned kNasIdentifier = 32;
inline constexpr unsigned kAcctStatusType = 40;
inline constexpr unsigned kAcctDelayTime = 41;
inline constexpr unsigned kAcctSessionId = 44;
inline constexpr unsigned kAcctSessionTime = 46;
inline constexpr unsigned kAcctTerminateCause = 49;
inline constexpr unsigned kEventTimestamp = 55;
inline constexpr unsigned kDigestResponse = 206;    ///< draft-sterman-aaa-sip (dictionary.iana)
inline constexpr unsigned kDigestAttributes = 207;  ///< idem: the challenge's fields
/// FreeRADIUS's internal attribute (dictionary.freeradius.internal): User-Name without its
/// realm, set by a policy (the example site's `split_realm`) or the `suffix` realm module.
inline constexpr unsigned kStrippedUserName = 1043;
}  // namespace attr

/// Cisco vendor-specific attributes (vendor 9, FreeRADIUS dictionary.cisco).
namespace cisco {
inline constexpr unsigned kAvPair = 1;
inline constexpr unsigned kConfId = 24;
inline constexpr unsigned kSetupTime = 25;
inline constexpr unsigned kCallOrigin = 26;
inline constexpr unsigned kCallType = 27;
inline constexpr unsigned kConnectTime = 28;
inline constexpr unsigned kDisconnectTime = 29;
inline constexpr unsigned kDisconnectCause = 30;
inline constexpr unsigned kIncomingConfId = 35;
inline constexpr unsigned kCreditAmount = 101;
inline constexpr unsigned kCreditTime = 102;
inline constexpr unsigned kReturnCode = 103;
inline constexpr unsigned kBillingModel = 109;
inline constexpr unsigned kCurrency = 110;
}  // namespace cisco

/// Acct-Status-Type values.
namespace status_type {
inline constexpr unsigned kStart = 1;
inline constexpr unsigned kStop = 2;
inline constexpr unsigned kInterimUpdate = 3;
inline constexpr unsigned kAccountingOn = 7;
inline constexpr unsigned kAccountingOff = 8;
inline constexpr unsigned kFailed = 15;
}  // namespace status_type

}  // namespace prepaid::radius

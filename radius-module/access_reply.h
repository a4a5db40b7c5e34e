#pragma once
/// @file access_reply.h
/// @brief Building the answer to an Access-Request step (prepaid_reply) from a decision.

#include <string_view>

#include "radius-module/prepaid_api.h"

namespace prepaid::radius {

/// @brief Cisco h323-return-code values (Cisco IVR scripts; GnuGk and PortaOne agree).
namespace return_code {
inline constexpr int kOk = 0;
inline constexpr int kInvalidAccount = 1;
inline constexpr int kInvalidPin = 2;
inline constexpr int kInUse = 3;
inline constexpr int kZeroBalance = 4;
inline constexpr int kExpired = 5;
inline constexpr int kCreditLimit = 6;
inline constexpr int kDisabled = 7;
inline constexpr int kServiceUnavailable = 8;
inline constexpr int kDestinationBlocked = 9;
inline constexpr int kRetriesExceeded = 10;
inline constexpr int kInvalidArgument = 11;
inline constexpr int kInsufficientBalance = 12;
}  // namespace return_code

/// The Reply-Message for a return code ("Invalid PIN", "Insufficient balance", ...).
std::string_view return_code_message(int code);

/// @brief Appends attributes to a prepaid_reply, truncating nothing silently: a value longer
/// than PREPAID_REPLY_TEXT_MAX, or one attribute too many, is a bug reported by exception.
class AccessReply {
 public:
  /// Clears `reply` (accept = 0, no attributes, no log).
  explicit AccessReply(prepaid_reply& reply);

  AccessReply& text(unsigned vendor, unsigned number, std::string_view value);
  AccessReply& integer(unsigned vendor, unsigned number, std::uint32_t value);
  /// A Cisco VSA with its `name=` prefix: cisco(kCreditTime, "h323-credit-time", "600").
  AccessReply& cisco(unsigned number, std::string_view name, std::string_view value);
  /// h323-return-code (prefixed) and reply.return_code.
  AccessReply& return_code(int code);
  AccessReply& log(prepaid_log_level level, std::string_view message);
  AccessReply& accept(bool yes);

  /// A refusal: accept = 0, h323-return-code, Reply-Message `message` (or the code's text when
  /// empty), and the log line.
  AccessReply& refuse(int code, std::string_view message, prepaid_log_level level,
                      std::string_view log_message);

 private:
  prepaid_reply_attr& next();
  prepaid_reply& reply_;
};

}  // namespace prepaid::radius

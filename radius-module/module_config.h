#pragma once
/// @file module_config.h
/// @brief The module's options, checked: what `prepaid { ... }` in the FreeRADIUS config says.

#include <cstdint>
#include <string>
#include <variant>

#include "billing/calls/call_policy.h"
#include "radius-module/call_leg.h"
#include "radius-module/prepaid_api.h"
#include "radius-module/session_key.h"

namespace prepaid::radius {

/// @brief Which time limits an Access-Accept carries.
struct TimeLimitAttributes {
  bool session_timeout = true;   ///< Session-Timeout (RFC 2865)
  bool h323_credit_time = true;  ///< Cisco h323-credit-time
};

/// @brief Database connection options.
struct DatabaseOptions {
  std::string socket;  ///< Unix socket; empty = TCP to host:port
  std::string host = "127.0.0.1";
  unsigned port = 3306;
  std::string user;
  std::string password;
  std::string name;
  unsigned connections = 32;
};

/// Limits of the numeric options (inclusive), shown in error messages.
inline constexpr unsigned kMaxCallDurationLimit_s = 86400;
inline constexpr unsigned kMaxReservationGrace_s = 86400;
inline constexpr unsigned kMaxConnections = 1024;
inline constexpr unsigned kMaxExpireInterval_s = 86400;
inline constexpr std::size_t kMaxInternationalPrefixDigits = 6;
inline constexpr unsigned kMaxOverrunTolerance_s = 3600;
inline constexpr unsigned kMaxPinAttempts = 1000;
inline constexpr unsigned kMaxPinLockTime_s = 7 * 86400;
inline constexpr unsigned kMaxSourcePinFailures = 1000000;
inline constexpr unsigned kMaxSourcePinWindow_s = 86400;

/// @brief The checked module configuration.
struct ModuleConfig {
  DatabaseOptions database;
  std::string default_currency = "EUR";
  unsigned max_call_duration_s = billing::kModuleDefaultMaxCallDuration_s;
  unsigned reservation_grace_s = 120;
  std::string international_prefix = "00";
  TimeLimitAttributes time_limit;
  LegSelection legs;
  SessionKeyOrder session_key;
  /// How often the accounting path marks expired reservations (ExpirySweep); 0 = never.
  unsigned expire_interval_s = 60;
  /// Seconds a Stop may report beyond its grant and still be billed (CallPolicy).
  unsigned overrun_tolerance_s = 0;
  /// Wrong PINs that lock a card (0 = never) and for how long (CallPolicy).
  unsigned pin_attempts = 5;
  unsigned pin_lock_time_s = 900;
  /// Wrong PINs from one address within the window after which it is not answered
  /// (SourceGuard; 0 = never).
  unsigned source_pin_failures = 50;
  unsigned source_pin_window_s = 300;

  /// Checks every option of `raw`; the error names the option, the bad value and the valid
  /// range, e.g. `max_call_duration = 0 is out of range (1..86400 seconds)`. The password
  /// never appears in a message.
  static std::variant<ModuleConfig, std::string> from(const prepaid_config& raw);
};

}  // namespace prepaid::radius

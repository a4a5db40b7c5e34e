#pragma once
/// @file call_policy.h
/// @brief CallPolicy: the knobs of authorization and accounting (module configuration).

#include <cstdint>

namespace prepaid::billing {

/// The longest call rlm_prepaid grants when its `max_call_duration` option is not set (the
/// default in radius-module/rlm_prepaid.c and module_config.h, and the value of the example
/// configuration): what `prepaidctl quote --balance` caps a grant at unless told otherwise,
/// so that it says what a server with the default configuration would grant.
inline constexpr std::uint32_t kModuleDefaultMaxCallDuration_s = 7200;

/// @brief Limits and time windows of the call path. Defaults are sensible for prepaid cards.
struct CallPolicy {
  /// Longest call ever granted (the cap passed to max_duration), seconds. 1..86400.
  std::uint32_t max_call_duration_s = kModuleDefaultMaxCallDuration_s;
  /// How long an authorized call may take to be answered (Accounting-Start) before its
  /// reservation stops counting: a reservation without Start expires at
  /// authorization + answer_window_s + granted_s + grace_s.
  std::uint32_t answer_window_s = 120;
  /// Slack after the granted time before a started reservation expires (clock skew, late
  /// Stop): expires at start + granted_s + grace_s.
  std::uint32_t grace_s = 60;
  /// Seconds a Stop may report beyond the grant and still be billed (0..3600): a gateway's
  /// timer that cuts a call a second late. Beyond it the call is billed for the grant plus
  /// this, and flagged `overrun` (docs/radius.md).
  std::uint32_t overrun_tolerance_s = 0;
  /// Wrong PINs, each within pin_lock_s of the one before, that lock a card for pin_lock_s
  /// (every authorization refused, right PIN or not: retries_exceeded); 0 = never lock.
  std::uint32_t pin_attempts = 5;
  std::uint32_t pin_lock_s = 900;  ///< 1..604800
  /// Attempts of one transaction on deadlock or lock-wait timeout (>= 1).
  int max_attempts = 5;
};

}  // namespace prepaid::billing

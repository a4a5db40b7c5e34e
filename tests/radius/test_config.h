#pragma once
/// @file test_config.h
/// @brief A ModuleConfig with the shipped defaults, for unit tests.

#include <variant>

#include "radius-module/module_config.h"

namespace prepaid::radius::testing {

/// The defaults of examples/freeradius/mods-enabled/prepaid.
inline prepaid_config default_raw_config() {
  prepaid_config c{};
  c.db_socket = "";
  c.db_host = "127.0.0.1";
  c.db_port = 3306;
  c.db_user = "prepaid";
  c.db_password = "";
  c.db_name = "prepaid";
  c.db_connections = 32;
  c.default_currency = "EUR";
  c.max_call_duration_s = 7200;
  c.reservation_grace_s = 120;
  c.international_prefix = "00";
  c.time_limit = "both";
  c.bill_leg = "originate";
  c.nas_bill_leg = "";
  c.session_key = "h323-conf-id call-id acct-session-id";
  c.expire_interval_s = 60;
  c.overrun_tolerance_s = 0;
  c.pin_attempts = 5;
  c.pin_lock_time_s = 900;
  c.source_pin_failures = 50;
  c.source_pin_window_s = 300;
  return c;
}

inline ModuleConfig config_from(const prepaid_config& raw) {
  return std::get<ModuleConfig>(ModuleConfig::from(raw));
}

inline ModuleConfig default_config() {
  return config_from(default_raw_config());
}

}  // namespace prepaid::radius::testing

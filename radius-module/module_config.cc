#include "radius-module/module_config.h"

#include "billing/store/mysql/connection_options.h"

#include <algorithm>
#include <cctype>

namespace prepaid::radius {

namespace {

std::string text_of(const char* s) {
  return s ? std::string(s) : std::string();
}

std::string range_error(std::string_view option, unsigned value, unsigned low, unsigned high,
                        std::string_view unit) {
  std::string out(option);
  out += " = " + std::to_string(value) + " is out of range (" + std::to_string(low) + ".." +
         std::to_string(high);
  if (!unit.empty()) out.append(" ").append(unit);
  return out + ")";
}

bool is_currency_code(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(),
                                         [](unsigned char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::variant<ModuleConfig, std::string> ModuleConfig::from(const prepaid_config& raw) {
  ModuleConfig c;
  DatabaseOptions& db = c.database;
  db.socket = text_of(raw.db_socket);
  db.host = text_of(raw.db_host);
  db.user = text_of(raw.db_user);
  db.password = text_of(raw.db_password);
  db.name = text_of(raw.db_name);
  if (db.socket.empty() && db.host.empty()) {
    return std::string("database: set either socket or server");
  }
  if (raw.db_port < 1 || raw.db_port > 65535) {
    return "database: " + range_error("port", raw.db_port, 1, 65535, "");
  }
  db.port = raw.db_port;
  if (!mysql::ConnectionOptions::valid_database_name(db.name)) {
    return "database: name = \"" + db.name + "\" is not valid (1..64 of A-Z a-z 0-9 _)";
  }
  if (db.user.empty()) return std::string("database: login = \"\": a database account is required");
  if (raw.db_connections < 1 || raw.db_connections > kMaxConnections) {
    return "database: " + range_error("connections", raw.db_connections, 1, kMaxConnections, "");
  }
  db.connections = raw.db_connections;

  c.default_currency = text_of(raw.default_currency);
  if (!is_currency_code(c.default_currency)) {
    return "default_currency = \"" + c.default_currency +
           "\" is not an ISO 4217 code (three upper-case letters, e.g. EUR)";
  }
  if (raw.max_call_duration_s < 1 || raw.max_call_duration_s > kMaxCallDurationLimit_s) {
    return range_error("max_call_duration", raw.max_call_duration_s, 1, kMaxCallDurationLimit_s,
                       "seconds");
  }
  c.max_call_duration_s = raw.max_call_duration_s;
  if (raw.reservation_grace_s > kMaxReservationGrace_s) {
    return range_error("reservation_grace", raw.reservation_grace_s, 0, kMaxReservationGrace_s,
                       "seconds");
  }
  c.reservation_grace_s = raw.reservation_grace_s;
  if (raw.expire_interval_s > kMaxExpireInterval_s) {
    return range_error("expire_interval", raw.expire_interval_s, 0, kMaxExpireInterval_s,
                       "seconds");
  }
  c.expire_interval_s = raw.expire_interval_s;
  if (raw.overrun_tolerance_s > kMaxOverrunTolerance_s) {
    return range_error("overrun_tolerance", raw.overrun_tolerance_s, 0, kMaxOverrunTolerance_s,
                       "seconds");
  }
  c.overrun_tolerance_s = raw.overrun_tolerance_s;
  if (raw.pin_attempts > kMaxPinAttempts) {
    return range_error("pin_attempts", raw.pin_attempts, 0, kMaxPinAttempts, "");
  }
  c.pin_attempts = raw.pin_attempts;
  if (raw.pin_lock_time_s < 1 || raw.pin_lock_time_s > kMaxPinLockTime_s) {
    return range_error("pin_lock_time", raw.pin_lock_time_s, 1, kMaxPinLockTime_s, "seconds");
  }
  c.pin_lock_time_s = raw.pin_lock_time_s;
  if (raw.source_pin_failures > kMaxSourcePinFailures) {
    return range_error("source_pin_failures", raw.source_pin_failures, 0, kMaxSourcePinFailures,
                       "");
  }
  c.source_pin_failures = raw.source_pin_failures;
  if (raw.source_pin_window_s < 1 || raw.source_pin_window_s > kMaxSourcePinWindow_s) {
    return range_error("source_pin_window", raw.source_pin_window_s, 1, kMaxSourcePinWindow_s,
                       "seconds");
  }
  c.source_pin_window_s = raw.source_pin_window_s;

  c.international_prefix = text_of(raw.international_prefix);
  if (c.international_prefix.size() > kMaxInternationalPrefixDigits ||
      !std::all_of(c.international_prefix.begin(), c.international_prefix.end(),
                   [](unsigned char ch) { return std::isdigit(ch); })) {
    return "international_prefix = \"" + c.international_prefix + "\" must be empty or up to " +
           std::to_string(kMaxInternationalPrefixDigits) + " digits (e.g. \"00\", \"011\")";
  }

  const std::string limit = text_of(raw.time_limit);
  if (limit == "session_timeout") {
    c.time_limit = {true, false};
  } else if (limit == "h323_credit_time") {
    c.time_limit = {false, true};
  } else if (limit == "both") {
    c.time_limit = {true, true};
  } else {
    return "time_limit = \"" + limit +
           "\" is not valid (valid: session_timeout, h323_credit_time, both)";
  }

  const std::string leg = text_of(raw.bill_leg);
  const auto origin = parse_call_origin(leg);
  if (!origin || *origin == CallOrigin::proxy) {
    return "bill_leg = \"" + leg + "\" is not valid (valid: originate, answer)";
  }
  auto legs = LegSelection::parse(*origin, text_of(raw.nas_bill_leg));
  if (auto* error = std::get_if<std::string>(&legs)) return *error;
  c.legs = std::get<LegSelection>(std::move(legs));

  auto order = SessionKeyOrder::parse(text_of(raw.session_key));
  if (auto* error = std::get_if<std::string>(&order)) return *error;
  c.session_key = std::get<SessionKeyOrder>(std::move(order));
  return c;
}

}  // namespace prepaid::radius

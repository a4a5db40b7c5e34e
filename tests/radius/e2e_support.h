#pragma once
/// @file e2e_support.h
/// @brief Small helpers shared by the end-to-end tests.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/radius/gateway_sim.h"
#include "tests/radius/radius_server.h"

namespace prepaid::radius::testing {

inline RadiusEndpoint endpoint_of(const RadiusServer& server) {
  RadiusEndpoint e;
  e.auth_port = server.auth_port();
  e.acct_port = server.acct_port();
  e.secret = server.secret();
  return e;
}

inline std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A Cisco-style conf-id unique to this run and `n`.
inline std::string conf_id(int n) {
  static const auto base = static_cast<unsigned>(now_s());
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%08X %08X 0F4411D6 AB5591F0", base,
                static_cast<unsigned>(n));
  return buffer;
}

/// Replaces `from` by `to` in the copied raddb's mods-enabled/prepaid (changing an option).
inline void set_module_option(const std::filesystem::path& raddb, const std::string& from,
                              const std::string& to) {
  const auto file = raddb / "mods-enabled" / "prepaid";
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error(from + " not found in " + file.string());
  text.replace(at, from.size(), to);
  in.close();
  std::ofstream(file) << text;
}

/// Unix seconds of yesterday at hh:mm:ss UTC (a past instant at a chosen time of day).
inline std::int64_t yesterday_at(int h, int m, int s) {
  const std::int64_t day = 86400;
  return (now_s() / day - 1) * day + h * 3600 + m * 60 + s;
}

}  // namespace prepaid::radius::testing

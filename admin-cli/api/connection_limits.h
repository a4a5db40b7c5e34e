#pragma once
/// @file connection_limits.h
/// @brief ConnectionLimits: how many API connections may be open at once, in all and from one
/// client address, so that slow or idle clients at one address cannot take every worker.

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace prepaid::cli {

/// @brief Counts open connections, overall and per client address. Thread-safe.
class ConnectionLimits {
 public:
  enum class Admission { admitted, server_full, address_full };

  /// `total` and `per_address` at least 1 (per_address at most total).
  ConnectionLimits(std::size_t total, std::size_t per_address);

  /// Counts a new connection from `address` unless a limit is reached (then counts nothing).
  Admission admit(const std::string& address);
  /// A connection admitted from `address` has ended.
  void release(const std::string& address);

  std::size_t open() const;
  std::size_t open_from(const std::string& address) const;
  std::size_t total() const { return total_; }
  std::size_t per_address() const { return per_address_; }

 private:
  const std::size_t total_;
  const std::size_t per_address_;
  mutable std::mutex mutex_;
  std::size_t open_ = 0;
  std::map<std::string, std::size_t, std::less<>> by_address_;
};

}  // namespace prepaid::cli

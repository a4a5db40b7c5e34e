#pragma once
/// @file connection_limits.h
/// @brief ConnectionLimits: how many API connections may be open at once, in all and from one
/// client address, so that slow or idle clients at one address cannot take every worker.

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace prepaid::cli {

/// @brief Counts open connections, overall and per client address. Thread-safe.
///
/// A connection counts from its admission to its release (when its worker is done with it).
/// Against its address's share, though, it stops counting as soon as its client has closed
/// it: a browser that abandons requests (a screen left while loading) closes their
/// connections and opens new ones at once, while the server may still be answering the
/// abandoned ones; those must not make the browser's next connections look like one client
/// too many (429). The total stays counted until release (one worker each).
class ConnectionLimits {
 public:
  enum class Admission { admitted, server_full, address_full };

  /// What admit() decided and, admitted, the connection's number for release().
  struct Ticket {
    Admission admission;
    std::uint64_t id = 0;
  };

  /// `total` and `per_address` at least 1 (per_address at most total).
  ConnectionLimits(std::size_t total, std::size_t per_address);

  /// Counts a new connection from `address` (its socket `fd`, -1 if none) unless a limit is
  /// reached (then counts nothing). Before refusing one for its address, the connections of
  /// that address whose client has closed its end stop counting against the address.
  Ticket admit(const std::string& address, int fd = -1);
  /// The connection `id` (from admit()) has ended; an unknown id is ignored.
  void release(std::uint64_t id);

  std::size_t open() const;
  std::size_t open_from(const std::string& address) const;
  std::size_t total() const { return total_; }
  std::size_t per_address() const { return per_address_; }

 private:
  struct Connection {
    std::string address;
    int fd;
    bool counted_for_address;
  };
  /// Stops counting against `address` its connections that their client has closed.
  void forget_closed(const std::string& address);

  const std::size_t total_;
  const std::size_t per_address_;
  mutable std::mutex mutex_;
  std::uint64_t last_id_ = 0;
  std::map<std::uint64_t, Connection> open_;
  std::map<std::string, std::size_t, std::less<>> by_address_;
};

/// True when the peer of the connected socket `fd` has closed (or shut down writing on) its
/// end, or `fd` is no open socket; never waits.
bool peer_closed(int fd);

}  // namespace prepaid::cli

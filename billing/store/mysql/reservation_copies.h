#pragma once
/// @file reservation_copies.h
/// @brief ReservationCopies: the reservations this node inserted, as their rows stand (internal
/// to the MySQL store), so that their Stops are booked without reading them first
/// (settle_batch.h, settle_known_together).
///
/// A copy is what the row holds at one revision (reservation.revision, schema 17: 0 at
/// insert, + 1 by every UPDATE of the row; stop_on_copy_test checks every statement). The node
/// follows only the changes it makes itself and knows exactly: the Accounting-Start and the
/// Interim-Updates it records by session key (MySqlStore::start_call, record_call_usage). Each
/// is applied to the copy only if the copy was still at the revision it had before the
/// statement ran; otherwise another thread's change came between, and the copy is dropped.
///
/// A copy is never trusted: the booking settles a reservation only where the row's revision
/// is the copy's, and writes nothing otherwise. So a copy outdated by anything else (another
/// node's Start, a re-authorization, a release, an expiry, a Stop booked elsewhere) costs the
/// read the Stop would have made anyway, never a wrong charge. Money state is not cached here:
/// balances are changed relative to the locked row, never from a copy.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "billing/calls/reservation.h"

namespace prepaid::mysql {

class ReservationCopies {
 public:
  /// A reservation as its row stood at `revision`.
  struct Copy {
    billing::Reservation reservation;
    std::int64_t revision = 0;
  };

  /// At most this many copies (calls in progress) by default; a full map first drops the
  /// copies of reservations past their expires_at, then stops taking new ones for a while.
  static constexpr std::size_t kDefaultCapacity = 65'536;

  explicit ReservationCopies(std::size_t capacity = kDefaultCapacity);

  /// The reservation `r` as inserted (revision 0), once its insert is committed. `r` must be
  /// complete as a read would return it (its id, card number and snapshot text included).
  void remember(const billing::Reservation& r);

  /// The revision of the copy of `key`, if there is one.
  std::optional<std::int64_t> revision(const billing::SessionKey& key) const;

  /// Removes and returns the copy of `key` (a Stop takes it: it is booked or read once).
  std::optional<Copy> take(const billing::SessionKey& key);

  /// A copy of the reservation of `key` (left in place), if there is one.
  std::optional<Copy> find(const billing::SessionKey& key) const;

  /// The Start recorded through this node (reserved → started) by a statement that ran while
  /// the copy was at revision `before`: applied as reservation.start_by_key writes it
  /// (expires_at = started_at + grace + granted_s) and the revision raised by one, or, if the
  /// copy has moved since, the copy dropped.
  void started(const billing::SessionKey& key, std::int64_t before, rating::Instant started_at,
               std::chrono::seconds grace);
  /// An Interim-Update recorded through this node, as started().
  void used(const billing::SessionKey& key, std::int64_t before, std::uint32_t usage_s,
            rating::Instant at);
  /// Drops the copy of `key`, if any.
  void forget(const billing::SessionKey& key);

  std::size_t size() const;

 private:
  struct Entry {
    billing::Reservation reservation;  ///< without its snapshot text (kept once in texts_)
    std::shared_ptr<const std::string> snapshot;
    std::int64_t revision = 0;
  };
  static std::string key_of(const billing::SessionKey& key);
  // Makes room for one more copy at `now`, if it can (mutex_ held).
  bool make_room(rating::Instant now);
  // Applies `change` to the copy of `key` at revision `before`, else drops it.
  template <class Change>
  void follow(const billing::SessionKey& key, std::int64_t before, Change&& change);

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> copies_;
  /// Snapshot texts by their SHA-256 (content-addressed: a key's text never changes).
  std::unordered_map<std::string, std::shared_ptr<const std::string>> texts_;
  rating::Instant next_sweep_{};  ///< a full map is not swept again before this
};

}  // namespace prepaid::mysql

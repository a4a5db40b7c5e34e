#pragma once
/// @file disconnect_service.h
/// @brief DisconnectService: stops calls in progress by sending their NAS an RFC 5176
/// Disconnect-Request, and records every attempt.

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "billing/clock.h"
#include "billing/disconnect/disconnect_attempt.h"
#include "billing/disconnect/disconnect_sender.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief Stops calls in progress (staff). For each call: the NAS's settings and the call's
/// reservation are read (no lock is held while the NAS is asked), the Disconnect-Request is
/// sent with the call's User-Name, Acct-Session-Id and NAS-IP-Address as the NAS sent them
/// (without an Acct-Session-Id, User-Name alone; without a NAS-IP-Address, the address the
/// NAS's requests came from), then the attempt and an audit row (`call.disconnect`) are
/// written in one transaction. The reservation is left alone: the NAS's Stop settles it.
class DisconnectService {
 public:
  /// `policy`: how long to wait for each answer and how many datagrams to send, unless a
  /// call gives its own.
  DisconnectService(std::shared_ptr<Store> store, std::shared_ptr<DisconnectSender> sender,
                    dynauth::RetryPolicy policy = {}, std::shared_ptr<const Clock> clock = nullptr,
                    int max_attempts = 5);

  /// The call `key`. not_found (nothing written) for a NAS without settings ("nas") or a
  /// session id with no call in progress on that NAS ("session_id").
  Result<DisconnectAttempt> disconnect(const Actor& actor, const SessionKey& key,
                                       std::optional<dynauth::RetryPolicy> policy = {});
  /// Every call in progress of card `number` (none: an empty list); a call whose NAS has no
  /// settings is recorded with outcome `error`. not_found for an unknown card.
  Result<std::vector<DisconnectAttempt>> disconnect_card(
      const Actor& actor, std::string_view number, DisconnectReason reason,
      std::optional<dynauth::RetryPolicy> policy = {});
  /// The call in progress of booth `number` (a shop's booth has one at a time), as
  /// disconnect_card does, for the counter: an operator may stop only its own shop's booths
  /// (forbidden otherwise), administrators any. not_found for an unknown booth ("number");
  /// with `require_call`, failed_precondition (nothing sent or written) when the booth has no
  /// call in progress, else an empty list.
  Result<std::vector<DisconnectAttempt>> disconnect_booth(
      const Actor& actor, std::string_view number, DisconnectReason reason, bool require_call,
      std::optional<dynauth::RetryPolicy> policy = {});
  /// Recorded attempts, newest first.
  Result<std::vector<DisconnectAttempt>> list(const Actor& actor, const DisconnectFilter& filter,
                                              const Page& page);

 private:
  /// A call in progress and its NAS's settings (none: recorded as `error`).
  using CallToStop = std::pair<Reservation, std::optional<NasClient>>;
  /// Sends and records one request per call, in turn.
  std::vector<DisconnectAttempt> send_all(const Actor& actor, DisconnectReason reason,
                                          const std::vector<CallToStop>& calls,
                                          const dynauth::RetryPolicy& policy, rating::Instant now);
  DisconnectAttempt send(const Actor& actor, DisconnectReason reason, const Reservation& call,
                         const std::optional<NasClient>& nas, const dynauth::RetryPolicy& policy,
                         rating::Instant now);
  void record(const Actor& actor, DisconnectAttempt& attempt);

  std::shared_ptr<Store> store_;
  std::shared_ptr<DisconnectSender> sender_;
  dynauth::RetryPolicy policy_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing

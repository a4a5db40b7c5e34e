#pragma once
/// @file call_service.h
/// @brief CallService: what the RADIUS module calls — account lookup, authentication, call
/// authorization with a reservation, and accounting. Thread-safe: one instance serves every
/// worker thread (and several RADIUS nodes may share one database).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/accounting_event.h"
#include "billing/calls/call_authorization.h"
#include "billing/calls/call_decision.h"
#include "billing/calls/call_policy.h"
#include "billing/clock.h"
#include "billing/store/store.h"
#include "billing/tariffs/tariff_cache.h"

namespace prepaid::billing {

/// @brief The RADIUS-facing services.
///
/// Business refusals are values (ReturnCode, AccountingOutcome). Exceptions mean the request
/// was NOT processed and nothing was committed: StoreUnavailable (database unreachable: fail
/// the request so that the NAS retransmits) and StoreError (a bug or a schema problem). No
/// PIN ever reaches a message.
class CallService {
 public:
  /// `cache` may be shared with the admin services; one is made when null. `clock` defaults to
  /// the system clock.
  CallService(std::shared_ptr<Store> store, CallPolicy policy = {},
              std::shared_ptr<const Clock> clock = nullptr,
              std::shared_ptr<TariffCache> cache = nullptr);

  /// Read-only: status and PIN of an account, for the module's authorize step (it puts the
  /// PIN into control:Cleartext-Password and lets pap/chap verify it). One committed read, no
  /// lock, no transaction. The read (AccountLookup::read: balance, open reservations and the
  /// reservation of `key`, versions) is what authorize_call() decides on for the same request.
  AccountLookup lookup_account(std::string_view account, const SessionKey& key = {});

  /// Optional in-core PIN check (for callers that are not FreeRADIUS): ok, invalid_account,
  /// invalid_pin, invalid_argument; does not look at status or balance. Read-only.
  ReturnCode authenticate(std::string_view account, std::string_view pin);

  /// Authorizes a call.
  ///
  /// Stage 1 (request.called empty): status checks, activation on first use, free balance; no
  /// reservation. Stage 2 / single stage: status, activation on first use, expiry, the
  /// concurrent-call limit (open reservations), free balance = balance + credit_limit − open
  /// reservations, rating::max_duration (capped by CallPolicy::max_call_duration_s), and a
  /// Reservation of that price tied to request.key, with a snapshot of the tariff restricted
  /// to the called number. One reservation per SessionKey: a repeated request before the call
  /// started is decided afresh and replaces the earlier decision (repeated = true); once the
  /// call started or ended, the key is refused (invalid_argument).
  ///
  /// The decision is made on a committed read of the card — `read` when it was made for this
  /// request (lookup_account with request.key), else a new one — and the reservation is
  /// written by Store::reserve, which re-checks under the card's row lock that the card, its
  /// tariff's version, its open reservations and its free balance still allow it; if not, the
  /// decision is made again on a new read (a few times, then in one transaction under the row
  /// lock, as are first uses and repeated requests). Deadlocks are retried.
  CallDecision authorize_call(const CallRequest& request, const CardRead* read = nullptr);

  /// Stage 2 (or single stage) for a request that proves its PIN — carries it (RADIUS PAP,
  /// request.pin) or a CHAP or SIP digest answer computed from it (request.chap,
  /// request.digest): the PIN check, the decision and the reservation in ONE transaction
  /// under the card's row lock (Store::decide_and_reserve: on MySQL the requests of the same
  /// moment share it), instead of a read, the password check and then the reservation.
  /// Returns nullopt — nothing written — when it cannot decide that way: no request.pin,
  /// request.chap or request.digest, no request.called, a malformed request, a digest that
  /// does not match (FreeRADIUS's digest module decides that one), a first use (activation),
  /// a repeated request, a tariff not loaded yet, a lock conflict; the caller then takes
  /// lookup_account and authorize_call. Otherwise the decision: invalid_account (no such
  /// card), invalid_pin (a wrong PIN or CHAP answer learns nothing else), or what
  /// authorize_call decides once the PIN matched — and then `matched_pin`, when given,
  /// receives the card's PIN (for FreeRADIUS's pap / chap / digest module:
  /// control:Cleartext-Password). Never log it.
  std::optional<CallDecision> authorize_with_pin(const CallRequest& request,
                                                 std::string* matched_pin = nullptr);

  /// Counts a wrong PIN against `account` (nothing when it is no card, or already locked):
  /// after CallPolicy::pin_attempts of them, each within pin_lock_s of the one before, the
  /// card is locked for pin_lock_s (audited as card.lock by "radius"). authorize_call,
  /// authorize_with_pin and authenticate count their own refusals; the RADIUS module calls
  /// this when FreeRADIUS's pap, chap or digest refused the password. Returns the lock's end
  /// when this wrong PIN locked the card.
  std::optional<rating::Instant> note_wrong_pin(std::string_view account);

  /// Releases the reservation of `key` if it is still reserved (never started): for an
  /// authorization refused after its reservation was made (e.g. FreeRADIUS rejected the
  /// password after authorize_with_pin matched it). False when there was none to release.
  bool release_unused(const SessionKey& key);

  /// Applies one accounting record. Idempotent on (NAS, session id).
  ///
  /// - start: confirms the reservation (expires_at := start + granted + grace); one step.
  /// - interim: records the usage so far on the reservation; one step.
  /// - stop: a read of the reservation, then one atomic step (Store::settle) — rates the real
  ///   duration with the reservation's tariff
  ///   snapshot (the price it was granted; without a reservation: the card's current tariff;
  ///   when that tariff is missing or unusable the CDR is written unrated, price 0),
  ///   writes the CDR (UNIQUE (nas, session_id): a repeated Stop, from any node, charges
  ///   nothing more; it is the call's ledger row, call_charge.h), the balance, and settles
  ///   the reservation.
  /// - accounting_on/off: every unclosed session of the NAS is closed: settled with the usage
  ///   last reported by an Interim-Update when there was one, else released without charge.
  AccountingResult record_accounting(const AccountingEvent& event);

  /// Marks reservations past their expiry as expired (they already stopped counting; this
  /// tidies the online list). Returns how many. Safe to call from a timer on any node.
  std::uint32_t expire_reservations(std::uint32_t limit = 1000);

  /// The card a call is charged to, as its CDR and ledger row name it.
  struct Payer {
    CardId id = 0;
    std::string number;
    std::string currency;
    std::string tariff;  ///< the card's tariff (named in an unrated CDR)
  };
  /// What one Stop is rated with.
  struct StopRating {
    Payer payer;
    const Reservation* reservation = nullptr;  ///< the call's authorization, when it has one
    const rating::Tariff* tariff = nullptr;    ///< nullptr: recorded unrated, price 0
    std::int64_t tariff_version = 0;
    bool from_snapshot = false;  ///< `tariff` is the reservation's snapshot
    std::string unrated;         ///< why it is unrated (tariff == nullptr)
  };

  const CallPolicy& policy() const { return policy_; }
  const std::shared_ptr<TariffCache>& tariff_cache() const { return cache_; }

 private:
  /// Why a request is refused for its form alone (before any read), or nullopt.
  static std::optional<Refusal> malformed(const CallRequest& request);
  /// authorize_call without counting a wrong PIN.
  CallDecision decide_request(const CallRequest& request, const CardRead* read);
  /// The decision on a committed read (`st`, or a new one), the reservation in one step.
  CallDecision authorize_on_read(const CallRequest& request, rating::Instant now,
                                 std::optional<CardState> st);
  /// The decision and its writes in one transaction under the card's row lock.
  CallDecision authorize_locked(const CallRequest& request, rating::Instant now);
  AccountingResult start(const AccountingEvent& event);
  AccountingResult interim(const AccountingEvent& event);
  AccountingResult stop(const AccountingEvent& event);
  AccountingResult stop_locked(const AccountingEvent& event, rating::Instant now);
  AccountingResult close_nas(const AccountingEvent& event);
  /// The CDR of one call and its ledger booking: the reported duration, billed at most up to
  /// the grant (plus overrun_tolerance_s; without a grant, max_call_duration_s), flagged for
  /// review where docs/radius.md says so. Not yet capped to what the account can pay.
  Settlement rate_call(const AccountingEvent& event, const StopRating& how,
                       rating::Instant now) const;
  /// Rates and books one call in `tx` under the card's lock (`st`, read with it), the charge
  /// cut to what the account can pay.
  AccountingResult settle(Transaction& tx, const CardState& st, const AccountingEvent& event,
                          const StopRating& how, rating::Instant now);

  std::shared_ptr<Store> store_;
  CallPolicy policy_;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<TariffCache> cache_;
};

}  // namespace prepaid::billing

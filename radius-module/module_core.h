#pragma once
/// @file module_core.h
/// @brief The C++ side of rlm_prepaid: turns requests into billing service calls and their
/// results into replies. prepaid_api.cc wraps it in the C API.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "billing/calls/call_service.h"
#include "billing/calls/chap_response.h"
#include "billing/calls/digest_response.h"
#include "radius-module/expiry_sweep.h"
#include "radius-module/module_config.h"
#include "radius-module/prepaid_api.h"
#include "radius-module/request_view.h"
#include "radius-module/source_guard.h"

namespace prepaid::radius {

/// Thrown when the database cannot be reached: the request fails, the NAS retransmits.
class ServiceUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief An Access-Request left unanswered on purpose (its source is blocked by SourceGuard).
class RequestIgnored : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief What an Access-Request proves of its account's PIN, for the authorize step to
/// check with its read of the card. None usable (stage 1, a digest form not computed
/// here): the read only.
struct PinProof {
  std::optional<std::string_view> password;       ///< User-Password (PAP)
  std::optional<billing::ChapResponse> chap;      ///< CHAP-Password and its challenge
  std::optional<billing::DigestResponse> digest;  ///< Digest-Response and Digest-Attributes
};

/// @brief What the authorize step leaves for the post-auth step of the same request.
struct AuthorizeCarry {
  /// The card as read (stage 1, a digest not confirmed here, or whatever could not be
  /// decided at once).
  std::optional<billing::CardRead> read;
  /// A PAP, CHAP or digest stage-2 request's decision, made with the read (its reservation already
  /// taken)...
  std::optional<billing::CallDecision> decision;
  /// ...for this call.
  std::string account;
  std::string called;
  billing::SessionKey key;
};

/// @brief One module instance: its configuration and its connection to the billing services.
///
/// The database is reached lazily: the server starts even while the database is down (each
/// request then fails and the NAS retransmits), and connects on the first request after it
/// came back. While it is down, a new connection is tried at most once a second.
class ModuleCore {
 public:
  /// Tries to connect once. A database that cannot be reached is not an error (`warning`
  /// says so); one whose schema does not match this code is (throws SchemaMismatch).
  ModuleCore(ModuleConfig config, std::string& warning);
  ~ModuleCore();

  /// The authorize step (see prepaid_find_account); `carry` receives what it found, for
  /// authorize() on the same request. `proof` is what the request proves of the PIN (PAP
  /// password, CHAP answer), if anything. Throws ServiceUnavailable.
  void lookup(const RequestView& request, const PinProof& proof, prepaid_lookup& out,
              std::optional<AuthorizeCarry>& carry);
  /// The post-auth step after a successful authentication (see prepaid_authorize); `carry` is
  /// what lookup() found for this request, or null.
  void authorize(const RequestView& request, const AuthorizeCarry* carry, prepaid_reply& out);
  /// The post-auth step after a failed authentication (see prepaid_refuse_authentication):
  /// releases the reservation lookup() took for this request, if any.
  void refuse_authentication(const RequestView& request, const AuthorizeCarry* carry,
                             prepaid_reply& out);
  /// The accounting step (see prepaid_record_accounting). Throws ServiceUnavailable. Once
  /// per `expire_interval`, after the request's own work, also marks expired reservations
  /// (ExpirySweep); that never fails the request.
  void account(const RequestView& request, prepaid_accounting& out);

  const ModuleConfig& config() const { return config_; }

 private:
  /// The billing services, connecting first when needed. Throws ServiceUnavailable.
  billing::CallService& service();
  std::shared_ptr<billing::CallService> connect();
  /// The refusal of a wrong PIN from `source` for `who` (printable, for the log; code 2),
  /// counted by the SourceGuard; the log says when it locked the card or blocked the source.
  void refuse_wrong_pin(const std::string& source, std::string_view who,
                        const std::optional<rating::Instant>& locked_until, prepaid_reply& out);
  /// Marks expired reservations; says how many (or why not) in `log`.
  void sweep_expired(prepaid_log_level& level, std::string& log);

  ModuleConfig config_;
  std::mutex connect_mutex_;
  std::shared_ptr<billing::CallService> owned_;
  std::atomic<billing::CallService*> ready_{nullptr};
  std::chrono::steady_clock::time_point next_attempt_{};
  std::string last_failure_;
  ExpirySweep sweep_;
  SourceGuard guard_;
};

}  // namespace prepaid::radius

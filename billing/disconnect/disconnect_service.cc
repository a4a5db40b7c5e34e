#include "billing/disconnect/disconnect_service.h"

#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/shops/counter_access.h"
#include "billing/validation.h"

namespace prepaid::billing {

namespace {

// At most this many calls of one card are stopped at once (a card has a handful).
constexpr std::uint32_t kMaxCallsPerCard = 1000;

std::string object_of(const SessionKey& key) {
  return "call:" + key.nas + "/" + key.session_id;
}

dynauth::CallIdentity identity_of(const Reservation& r) {
  dynauth::CallIdentity id;
  id.user_name = r.nas_identity.user_name.empty() ? r.card_number : r.nas_identity.user_name;
  id.acct_session_id = r.nas_identity.acct_session_id;
  id.nas_ip_address =
      r.nas_identity.nas_ip_address.empty() ? r.key.nas : r.nas_identity.nas_ip_address;
  return id;
}

std::optional<Problem> check_policy(const std::optional<dynauth::RetryPolicy>& policy) {
  if (!policy) return std::nullopt;
  const auto& p = *policy;
  if (p.timeout < dynauth::RetryPolicy::kMinTimeout ||
      p.timeout > dynauth::RetryPolicy::kMaxTimeout)
    return refuse(ErrorCode::invalid_argument, "the timeout must be 100..30000 ms")
        .about("timeout_ms");
  if (p.tries < 1 || p.tries > dynauth::RetryPolicy::kMaxTries)
    return refuse(ErrorCode::invalid_argument, "the tries must be 1..10").about("tries");
  return std::nullopt;
}

}  // namespace

DisconnectService::DisconnectService(std::shared_ptr<Store> store,
                                     std::shared_ptr<DisconnectSender> sender,
                                     dynauth::RetryPolicy policy,
                                     std::shared_ptr<const Clock> clock, int max_attempts)
    : store_(std::move(store)),
      sender_(std::move(sender)),
      policy_(policy),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(max_attempts) {}

Result<DisconnectAttempt> DisconnectService::disconnect(
    const Actor& actor, const SessionKey& key, std::optional<dynauth::RetryPolicy> policy) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_policy(policy)) return *p;
  if (key.nas.empty() || !is_printable(key.nas, SessionKey::kMaxNasLength))
    return refuse(ErrorCode::invalid_argument, "the NAS must be 1..64 printable characters")
        .about("nas");
  if (key.session_id.empty() || !is_printable(key.session_id, SessionKey::kMaxSessionIdLength))
    return refuse(ErrorCode::invalid_argument, "the session id must be 1..128 printable characters")
        .about("session_id");
  const auto now = clock_->now();
  auto tx = store_->begin();
  const auto nas = tx->find_nas_client(key.nas);
  if (!nas)
    return refuse(ErrorCode::not_found, "unknown NAS " + key.nas +
                                            ": it has no dynamic-authorization settings "
                                            "(prepaidctl nas add " +
                                            key.nas + " …)")
        .about("nas");
  const auto call = tx->find_reservation(key);
  if (!call || !call->open_at(now))
    return refuse(ErrorCode::not_found,
                  "no call in progress with session id '" + key.session_id + "' on NAS " + key.nas)
        .about("session_id");
  tx.reset();  // nothing is held while the NAS is asked
  DisconnectAttempt attempt =
      send(actor, DisconnectReason::operator_request, *call, nas, policy.value_or(policy_), now);
  record(actor, attempt);
  return attempt;
}

Result<std::vector<DisconnectAttempt>> DisconnectService::disconnect_card(
    const Actor& actor, std::string_view number, DisconnectReason reason,
    std::optional<dynauth::RetryPolicy> policy) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_policy(policy)) return *p;
  if (!is_digits(number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "a card number is 1..32 digits").about("card");
  const auto now = clock_->now();
  std::vector<CallToStop> calls;
  {
    auto tx = store_->begin();
    const auto card = tx->find_card(number, false);
    if (!card) return refuse(ErrorCode::not_found, "no card " + std::string(number)).about("card");
    for (auto& r : tx->open_reservations(now, card->id, Page{0, kMaxCallsPerCard})) {
      auto nas = tx->find_nas_client(r.key.nas);
      if (r.card_number.empty()) r.card_number = card->number;
      calls.emplace_back(std::move(r), std::move(nas));
    }
  }
  return send_all(actor, reason, calls, policy.value_or(policy_), now);
}

Result<std::vector<DisconnectAttempt>> DisconnectService::disconnect_booth(
    const Actor& actor, std::string_view number, DisconnectReason reason, bool require_call,
    std::optional<dynauth::RetryPolicy> policy) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_policy(policy)) return *p;
  if (!is_digits(number, 1, kMaxNumberLength))
    return refuse(ErrorCode::invalid_argument, "a booth number is 1..32 digits").about("number");
  const auto now = clock_->now();
  std::vector<CallToStop> calls;
  {
    auto tx = store_->begin();
    const auto booth = tx->find_booth(number);
    if (!booth)
      return refuse(ErrorCode::not_found, "no booth " + std::string(number)).about("number");
    if (!may_read_shop(*tx, actor, booth->shop_id)) return not_your_shop(actor, booth->shop);
    for (auto& r : tx->open_reservations(now, booth->card_id, Page{0, kMaxCallsPerCard})) {
      auto nas = tx->find_nas_client(r.key.nas);
      if (r.card_number.empty()) r.card_number = booth->number;
      calls.emplace_back(std::move(r), std::move(nas));
    }
    if (calls.empty() && require_call)
      return refuse(ErrorCode::failed_precondition,
                    "booth " + booth->number + " (" + booth->label + ") has no call in progress")
          .about("number");
  }
  return send_all(actor, reason, calls, policy.value_or(policy_), now);
}

Result<std::vector<DisconnectAttempt>> DisconnectService::list(const Actor& actor,
                                                               const DisconnectFilter& filter,
                                                               const Page& page) {
  if (auto p = require_staff(actor)) return *p;
  if (auto p = check_page(page)) return *p;
  auto tx = store_->begin();
  return tx->list_disconnect_attempts(filter, page);
}

std::vector<DisconnectAttempt> DisconnectService::send_all(const Actor& actor,
                                                           DisconnectReason reason,
                                                           const std::vector<CallToStop>& calls,
                                                           const dynauth::RetryPolicy& policy,
                                                           rating::Instant now) {
  std::vector<DisconnectAttempt> out;
  for (const auto& [call, nas] : calls) {
    DisconnectAttempt attempt = send(actor, reason, call, nas, policy, now);
    record(actor, attempt);
    out.push_back(std::move(attempt));
  }
  return out;
}

DisconnectAttempt DisconnectService::send(const Actor& actor, DisconnectReason reason,
                                          const Reservation& call,
                                          const std::optional<NasClient>& nas,
                                          const dynauth::RetryPolicy& policy, rating::Instant now) {
  DisconnectAttempt a;
  a.at = now;
  a.actor = actor.name;
  a.reason = reason;
  a.key = call.key;
  a.reservation_id = call.id;
  a.card_number = call.card_number;
  if (!nas) {
    a.outcome = dynauth::Outcome::error;
    a.detail = "NAS " + call.key.nas + " has no dynamic-authorization settings (nas add)";
    return a;
  }
  a.dae_address = nas->dae_address;
  a.dae_port = nas->dae_port;
  const auto result =
      sender_->send({nas->dae_address, nas->dae_port, nas->secret}, identity_of(call), policy,
                    static_cast<std::uint32_t>(now.time_since_epoch().count()));
  a.outcome = result.outcome;
  a.error_cause = result.error_cause;
  a.attempts = result.attempts;
  a.elapsed_ms = static_cast<std::uint32_t>(result.elapsed.count());
  a.detail = result.detail.substr(0, 255);
  return a;
}

void DisconnectService::record(const Actor& actor, DisconnectAttempt& attempt) {
  run_transaction(*store_, max_attempts_, [&](Transaction& tx) {
    tx.insert_disconnect_attempt(attempt);
    record_audit(tx, actor, attempt.at, "call.disconnect", object_of(attempt.key), "{}",
                 audit_json(attempt));
  });
}

}  // namespace prepaid::billing

#include "billing/disconnect/nas_service.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/permission.h"
#include "billing/validation.h"

namespace prepaid::billing {

namespace {

std::string object_of(std::string_view nas) {
  return "nas:" + std::string(nas);
}

std::optional<Problem> check_nas(std::string_view nas) {
  if (!is_ip_address(nas))
    return refuse(ErrorCode::invalid_argument,
                  "NAS '" + std::string(nas.substr(0, 64)) +
                      "' is not an IP address (the address its RADIUS requests come from)")
        .about("nas");
  return std::nullopt;
}

std::optional<Problem> check_settings(const NasClient& n) {
  if (!is_ip_address(n.dae_address))
    return refuse(ErrorCode::invalid_argument, "dynamic-authorization address '" +
                                                   n.dae_address.substr(0, 64) +
                                                   "' is not an IP address")
        .about("dae_address");
  if (n.dae_port == 0)
    return refuse(ErrorCode::invalid_argument, "dynamic-authorization port must be 1..65535")
        .about("dae_port");
  if (n.secret.empty() || !is_printable(n.secret, NasClient::kMaxSecret))
    return refuse(ErrorCode::invalid_argument,
                  "the secret must be 1..128 printable ASCII characters")
        .about("secret");
  return std::nullopt;
}

NasClient without_secret(NasClient n) {
  n.secret.clear();
  return n;
}

}  // namespace

bool is_ip_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  const std::string s(text);
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, s.c_str(), &v4) == 1 || inet_pton(AF_INET6, s.c_str(), &v6) == 1;
}

NasService::NasService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                       int max_attempts)
    : store_(std::move(store)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      max_attempts_(max_attempts) {}

Result<NasClient> NasService::add(const Actor& actor, NasClient nas) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_nas(nas.nas)) return *p;
  if (auto p = check_settings(nas)) return *p;
  const auto now = clock_->now();
  nas.created_at = now;
  nas.updated_at = now;
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<NasClient> {
    if (tx.find_nas_client(nas.nas))
      return refuse(ErrorCode::conflict,
                    "NAS " + nas.nas + " is already configured (nas configure changes it)")
          .about("nas");
    tx.insert_nas_client(nas);
    record_audit(tx, actor, now, "nas.add", object_of(nas.nas), "{}", audit_json(nas));
    return without_secret(nas);
  });
}

Result<NasClient> NasService::configure(const Actor& actor, std::string_view nas,
                                        const NasChange& change) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_nas(nas)) return *p;
  if (!change.dae_address && !change.dae_port && !change.secret)
    return refuse(ErrorCode::invalid_argument,
                  "nothing to change: give an address, a port or a secret");
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<NasClient> {
    auto n = tx.find_nas_client(nas);
    if (!n)
      return refuse(ErrorCode::not_found, "unknown NAS " + std::string(nas) + " (nas add)")
          .about("nas");
    const std::string before = audit_json(*n);
    if (change.dae_address) n->dae_address = *change.dae_address;
    if (change.dae_port) n->dae_port = *change.dae_port;
    if (change.secret) n->secret = *change.secret;
    if (auto p = check_settings(*n)) return *p;
    n->updated_at = now;
    tx.update_nas_client(*n);
    record_audit(tx, actor, now, "nas.configure", object_of(nas), before, audit_json(*n));
    return without_secret(*n);
  });
}

Result<NasClient> NasService::remove(const Actor& actor, std::string_view nas) {
  if (auto p = require_admin(actor)) return *p;
  if (auto p = check_nas(nas)) return *p;
  const auto now = clock_->now();
  return run_transaction(*store_, max_attempts_, [&](Transaction& tx) -> Result<NasClient> {
    auto n = tx.find_nas_client(nas);
    if (!n) return refuse(ErrorCode::not_found, "unknown NAS " + std::string(nas)).about("nas");
    tx.delete_nas_client(nas);
    record_audit(tx, actor, now, "nas.remove", object_of(nas), audit_json(*n), "{}");
    return without_secret(*n);
  });
}

Result<std::vector<NasClient>> NasService::list(const Actor& actor) {
  if (auto p = require_staff(actor)) return *p;
  return run_transaction(*store_, max_attempts_,
                         [&](Transaction& tx) -> Result<std::vector<NasClient>> {
                           auto all = tx.list_nas_clients();
                           for (auto& n : all) n.secret.clear();
                           return all;
                         });
}

}  // namespace prepaid::billing

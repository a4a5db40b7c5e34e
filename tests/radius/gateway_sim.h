#pragma once
/// @file gateway_sim.h
/// @brief A gateway simulator on radcli (the RADIUS client library SIP proxies use): a Cisco
/// IOS debit-card gateway (two-stage authorization, per-leg accounting with h323 VSAs) and a
/// SIP proxy / ATA booth (single stage, Call-ID keyed accounting). Its dynamic-authorization
/// (RFC 5176) listener is DaeListener (dae_listener.h).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace prepaid::radius::testing {

/// @brief Where the server is.
struct RadiusEndpoint {
  unsigned auth_port = 0;
  unsigned acct_port = 0;
  std::string secret;
  /// NAS-IP-Address the simulated device reports, "" for none (the server keys calls by
  /// `source_ip`, whatever this says).
  std::string nas_ip = "127.0.0.1";
  /// The loopback address the device sends from: the NAS as the server knows it.
  std::string source_ip = "127.0.0.1";
  unsigned timeout_s = 2;  ///< per try
  unsigned retries = 0;    ///< extra tries of the same packet
};

/// @brief One attribute to send: text, or an integer when `integer` is set.
struct SendAttr {
  unsigned vendor = 0;
  unsigned number = 0;
  std::string text;
  std::optional<std::uint32_t> integer;
};

/// @brief What came back for an Access-Request.
struct AccessAnswer {
  int rc = -1;  ///< radcli: 0 accept, 2 reject, 1 timeout, <0 error
  bool accepted() const { return rc == 0; }
  bool rejected() const { return rc == 2; }
  bool timed_out() const { return rc == 1; }
  std::optional<int> return_code;                  ///< h323-return-code (prefix stripped)
  std::optional<std::uint32_t> credit_time_s;      ///< h323-credit-time
  std::optional<std::uint32_t> session_timeout_s;  ///< Session-Timeout
  std::string credit_amount;                       ///< h323-credit-amount (prefix stripped)
  std::string currency;                            ///< h323-currency
  std::string billing_model;                       ///< h323-billing-model
  std::string reply_message;
  /// Raw reply values of Cisco attributes as received (to check the `name=` prefix).
  std::vector<std::pair<unsigned, std::string>> cisco_raw;
};

/// @brief What came back for an Accounting-Request.
enum class AccountingAnswer { answered, timed_out, error };

/// @brief A radcli handle bound to one server (one per thread: radcli handles are not shared).
class RadcliClient {
 public:
  explicit RadcliClient(const RadiusEndpoint& endpoint);
  ~RadcliClient();
  RadcliClient(const RadcliClient&) = delete;
  RadcliClient& operator=(const RadcliClient&) = delete;

  AccessAnswer access(const std::vector<SendAttr>& attrs);
  AccountingAnswer accounting(const std::vector<SendAttr>& attrs);

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  RadiusEndpoint endpoint_;
};

/// @brief A call as the Cisco gateway sees it.
struct CiscoCall {
  std::string account;
  std::string pin;
  std::string conf_id;  ///< "931C146B 0F4411D6 AB5591F0 CBF3D765" style, sent prefixed
  std::string called;
  std::string calling = "35929001234";
};

/// Cisco time stamp text for an instant (seconds since 1970, UTC):
/// "14:30:25.000 UTC Wed Jan 23 2002".
std::string cisco_time(std::int64_t unix_seconds);

/// @brief A Cisco IOS debit-card gateway.
class CiscoGateway {
 public:
  explicit CiscoGateway(const RadiusEndpoint& endpoint)
      : client_(endpoint), nas_ip_(endpoint.nas_ip) {}

  /// Stage 1: account + PIN, no Called-Station-Id.
  AccessAnswer stage1(const CiscoCall& call);
  /// Stage 2: the same plus Called-Station-Id.
  AccessAnswer stage2(const CiscoCall& call);
  /// CHAP instead of PAP for stage 2 (CHAP-Password + CHAP-Challenge).
  AccessAnswer stage2_chap(const CiscoCall& call);

  /// Accounting of one leg ("answer" or "originate"); times as Unix seconds.
  AccountingAnswer start(const CiscoCall& call, const std::string& origin, std::int64_t setup_at,
                         std::int64_t connect_at);
  AccountingAnswer interim(const CiscoCall& call, const std::string& origin,
                           std::int64_t connect_at, std::uint32_t session_time_s);
  AccountingAnswer stop(const CiscoCall& call, const std::string& origin, std::int64_t setup_at,
                        std::int64_t connect_at, std::uint32_t session_time_s,
                        const std::string& cause_hex = "10", std::uint32_t delay_s = 0);
  AccountingAnswer accounting_on();
  AccountingAnswer accounting_off();

  /// Sends arbitrary attributes (malformed-input tests).
  AccessAnswer access_raw(const std::vector<SendAttr>& attrs) { return client_.access(attrs); }
  AccountingAnswer accounting_raw(const std::vector<SendAttr>& attrs) {
    return client_.accounting(attrs);
  }

  /// Acct-Session-Id of a leg: one per leg, as IOS numbers them.
  static std::string leg_session_id(const CiscoCall& call, const std::string& origin);

 private:
  std::vector<SendAttr> base(const CiscoCall& call) const;
  /// base() plus the answer leg's Acct-Session-Id, as IOS sends in its Access-Requests.
  std::vector<SendAttr> access_base(const CiscoCall& call) const;
  RadcliClient client_;
  std::string nas_ip_;
};

/// @brief A SIP proxy or ATA booth: one Access-Request per call, accounting keyed by Call-ID.
class SipProxy {
 public:
  explicit SipProxy(const RadiusEndpoint& endpoint) : client_(endpoint), nas_ip_(endpoint.nas_ip) {}

  /// User-Name = account, User-Password (when not empty), Called-Station-Id as a SIP URI,
  /// Cisco-AVPair "call-id=<call_id>".
  AccessAnswer authorize(const std::string& account, const std::string& password,
                         const std::string& called_uri, const std::string& call_id);
  AccountingAnswer start(const std::string& account, const std::string& called_uri,
                         const std::string& call_id);
  AccountingAnswer stop(const std::string& account, const std::string& called_uri,
                        const std::string& call_id, std::uint32_t session_time_s);

 private:
  RadcliClient client_;
  std::string nas_ip_;
};

}  // namespace prepaid::radius::testing

#include "tests/radius/gateway_sim.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <radcli/radcli.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "tests/radius/radius_server.h"

namespace prepaid::radius::testing {

namespace {

constexpr unsigned kCisco = 9;

// Standard attributes.
constexpr unsigned kUserName = 1, kUserPassword = 2, kChapPassword = 3, kNasIpAddress = 4,
                   kReplyMessage = 18, kSessionTimeout = 27, kCalledStationId = 30,
                   kCallingStationId = 31, kAcctStatusType = 40, kAcctDelayTime = 41,
                   kAcctSessionId = 44, kAcctSessionTime = 46, kEventTimestamp = 55,
                   kChapChallenge = 60, kNasPortType = 61;
// Cisco.
constexpr unsigned kAvPair = 1, kConfId = 24, kSetupTime = 25, kCallOrigin = 26, kCallType = 27,
                   kConnectTime = 28, kDisconnectTime = 29, kDisconnectCause = 30,
                   kCreditAmount = 101, kCreditTime = 102, kReturnCode = 103, kBillingModel = 109,
                   kCurrency = 110;

std::string strip(const std::string& value) {
  const auto eq = value.find('=');
  return eq == std::string::npos ? value : value.substr(eq + 1);
}

std::int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SendAttr text(unsigned number, std::string value, unsigned vendor = 0) {
  return SendAttr{vendor, number, std::move(value), std::nullopt};
}
SendAttr integer(unsigned number, std::uint32_t value) {
  return SendAttr{0, number, {}, value};
}
SendAttr ipv4(unsigned number, const std::string& address) {
  in_addr a{};
  if (::inet_pton(AF_INET, address.c_str(), &a) != 1) {
    throw std::invalid_argument("not an IPv4 address: " + address);
  }
  return SendAttr{0, number, {}, ntohl(a.s_addr)};
}
SendAttr cisco(unsigned number, const std::string& name, const std::string& value) {
  return SendAttr{kCisco, number, name + "=" + value, std::nullopt};
}
// `attrs` with NAS-IP-Address as the device claims it (none when `nas_ip` is empty).
std::vector<SendAttr> with_nas_ip(std::vector<SendAttr> attrs, const std::string& nas_ip) {
  if (!nas_ip.empty()) attrs.push_back(ipv4(kNasIpAddress, nas_ip));
  return attrs;
}

}  // namespace

struct RadcliClient::Handle {
  rc_handle* rh = nullptr;
  ~Handle() {
    if (rh) rc_destroy(rh);
  }
};

RadcliClient::RadcliClient(const RadiusEndpoint& endpoint)
    : handle_(std::make_unique<Handle>()), endpoint_(endpoint) {
  const std::string dictionary = (source_dir() / "dictionaries" / "dictionary.radcli").string();
  handle_->rh = rc_new();
  if (!handle_->rh || !rc_config_init(handle_->rh)) throw std::runtime_error("radcli: rc_new");
  const std::string auth =
      "127.0.0.1:" + std::to_string(endpoint.auth_port) + ":" + endpoint.secret;
  const std::string acct =
      "127.0.0.1:" + std::to_string(endpoint.acct_port) + ":" + endpoint.secret;
  const std::string timeout = std::to_string(endpoint.timeout_s);
  const std::string retries = std::to_string(endpoint.retries);
  rc_handle* rh = handle_->rh;
  if (rc_add_config(rh, "authserver", auth.c_str(), "gateway_sim", 0) != 0 ||
      rc_add_config(rh, "acctserver", acct.c_str(), "gateway_sim", 0) != 0 ||
      rc_add_config(rh, "dictionary", dictionary.c_str(), "gateway_sim", 0) != 0 ||
      rc_add_config(rh, "radius_timeout", timeout.c_str(), "gateway_sim", 0) != 0 ||
      rc_add_config(rh, "radius_retries", retries.c_str(), "gateway_sim", 0) != 0 ||
      rc_add_config(rh, "bindaddr", endpoint.source_ip.c_str(), "gateway_sim", 0) != 0 ||
      rc_apply_config(rh) != 0 || rc_read_dictionary(rh, dictionary.c_str()) != 0) {
    throw std::runtime_error("radcli: cannot configure the client with " + dictionary);
  }
}

RadcliClient::~RadcliClient() = default;

namespace {

VALUE_PAIR* build(rc_handle* rh, const std::vector<SendAttr>& attrs) {
  VALUE_PAIR* send = nullptr;
  for (const auto& a : attrs) {
    VALUE_PAIR* added;
    if (a.integer) {
      const std::uint32_t v = *a.integer;
      added =
          rc_avpair_add(rh, &send, static_cast<int>(a.number), &v, 0, static_cast<int>(a.vendor));
    } else {
      added = rc_avpair_add(rh, &send, static_cast<int>(a.number), a.text.data(),
                            static_cast<int>(a.text.size()), static_cast<int>(a.vendor));
    }
    if (!added) {
      rc_avpair_free(send);
      throw std::runtime_error("radcli: cannot add attribute " + std::to_string(a.number) +
                               " (vendor " + std::to_string(a.vendor) + ")");
    }
  }
  return send;
}

}  // namespace

AccessAnswer RadcliClient::access(const std::vector<SendAttr>& attrs) {
  VALUE_PAIR* send = build(handle_->rh, attrs);
  VALUE_PAIR* received = nullptr;
  char message[PW_MAX_MSG_SIZE] = "";
  AccessAnswer answer;
  answer.rc = rc_auth(handle_->rh, 0, send, &received, message);
  rc_avpair_free(send);
  for (VALUE_PAIR* vp = received; vp; vp = vp->next) {
    const unsigned vendor = VENDOR(vp->attribute);
    const unsigned number = ATTRID(vp->attribute);
    char* raw = nullptr;
    unsigned raw_size = 0;
    std::string value;
    if (rc_avpair_get_raw(vp, &raw, &raw_size) == 0 && raw) value.assign(raw, raw_size);
    if (vendor == kCisco) {
      answer.cisco_raw.emplace_back(number, value);
      switch (number) {
        case kReturnCode:
          answer.return_code = std::stoi(strip(value));
          break;
        case kCreditTime:
          answer.credit_time_s = static_cast<std::uint32_t>(std::stoul(strip(value)));
          break;
        case kCreditAmount:
          answer.credit_amount = strip(value);
          break;
        case kCurrency:
          answer.currency = strip(value);
          break;
        case kBillingModel:
          answer.billing_model = strip(value);
          break;
        default:
          break;
      }
    } else if (vendor == 0 && number == kSessionTimeout) {
      std::uint32_t v = 0;
      rc_avpair_get_uint32(vp, &v);
      answer.session_timeout_s = v;
    } else if (vendor == 0 && number == kReplyMessage) {
      answer.reply_message = value;
    }
  }
  rc_avpair_free(received);
  return answer;
}

AccountingAnswer RadcliClient::accounting(const std::vector<SendAttr>& attrs) {
  VALUE_PAIR* send = build(handle_->rh, attrs);
  const int rc = rc_acct(handle_->rh, 0, send);
  rc_avpair_free(send);
  if (rc == OK_RC) return AccountingAnswer::answered;
  if (rc == TIMEOUT_RC) return AccountingAnswer::timed_out;
  return AccountingAnswer::error;
}

std::string cisco_time(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%H:%M:%S.000 UTC %a %b %d %Y", &tm);
  return buffer;
}

std::vector<SendAttr> CiscoGateway::base(const CiscoCall& call) const {
  return with_nas_ip(
      {text(kUserName, call.account), integer(kNasPortType, 0),
       text(kCallingStationId, call.calling), cisco(kConfId, "h323-conf-id", call.conf_id)},
      nas_ip_);
}

std::vector<SendAttr> CiscoGateway::access_base(const CiscoCall& call) const {
  auto attrs = base(call);
  // IOS names the call's incoming leg in its Access-Requests too.
  attrs.push_back(text(kAcctSessionId, leg_session_id(call, "answer")));
  return attrs;
}

AccessAnswer CiscoGateway::stage1(const CiscoCall& call) {
  auto attrs = access_base(call);
  attrs.push_back(text(kUserPassword, call.pin));
  return client_.access(attrs);
}

AccessAnswer CiscoGateway::stage2(const CiscoCall& call) {
  auto attrs = access_base(call);
  attrs.push_back(text(kUserPassword, call.pin));
  attrs.push_back(text(kCalledStationId, call.called));
  return client_.access(attrs);
}

AccessAnswer CiscoGateway::stage2_chap(const CiscoCall& call) {
  // CHAP-Password = id + MD5(id + secret + challenge) (RFC 1994), computed by hand.
  const std::string challenge = "0123456789abcdef";
  const unsigned char chap_id = 7;
  std::string input;
  input.push_back(static_cast<char>(chap_id));
  input += call.pin;
  input += challenge;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (EVP_Digest(input.data(), input.size(), digest, &digest_size, EVP_md5(), nullptr) != 1) {
    throw std::runtime_error("MD5 unavailable");
  }
  std::string password;
  password.push_back(static_cast<char>(chap_id));
  password.append(reinterpret_cast<const char*>(digest), digest_size);
  auto attrs = access_base(call);
  attrs.push_back(text(kChapPassword, password));
  attrs.push_back(text(kChapChallenge, challenge));
  attrs.push_back(text(kCalledStationId, call.called));
  return client_.access(attrs);
}

std::string CiscoGateway::leg_session_id(const CiscoCall& call, const std::string& origin) {
  return call.conf_id.substr(0, 8) + (origin == "answer" ? "-A" : "-O");
}

AccountingAnswer CiscoGateway::start(const CiscoCall& call, const std::string& origin,
                                     std::int64_t setup_at, std::int64_t connect_at) {
  auto attrs = base(call);
  attrs.push_back(integer(kAcctStatusType, 1));
  attrs.push_back(text(kAcctSessionId, leg_session_id(call, origin)));
  attrs.push_back(text(kCalledStationId, call.called));
  attrs.push_back(cisco(kCallOrigin, "h323-call-origin", origin));
  attrs.push_back(cisco(kCallType, "h323-call-type", origin == "answer" ? "Telephony" : "VoIP"));
  attrs.push_back(cisco(kSetupTime, "h323-setup-time", cisco_time(setup_at)));
  attrs.push_back(cisco(kConnectTime, "h323-connect-time", cisco_time(connect_at)));
  attrs.push_back(integer(kEventTimestamp, static_cast<std::uint32_t>(now_s())));
  return client_.accounting(attrs);
}

AccountingAnswer CiscoGateway::interim(const CiscoCall& call, const std::string& origin,
                                       std::int64_t connect_at, std::uint32_t session_time_s) {
  auto attrs = base(call);
  attrs.push_back(integer(kAcctStatusType, 3));
  attrs.push_back(text(kAcctSessionId, leg_session_id(call, origin)));
  attrs.push_back(text(kCalledStationId, call.called));
  attrs.push_back(cisco(kCallOrigin, "h323-call-origin", origin));
  attrs.push_back(cisco(kConnectTime, "h323-connect-time", cisco_time(connect_at)));
  attrs.push_back(integer(kAcctSessionTime, session_time_s));
  attrs.push_back(integer(kEventTimestamp, static_cast<std::uint32_t>(now_s())));
  return client_.accounting(attrs);
}

AccountingAnswer CiscoGateway::stop(const CiscoCall& call, const std::string& origin,
                                    std::int64_t setup_at, std::int64_t connect_at,
                                    std::uint32_t session_time_s, const std::string& cause_hex,
                                    std::uint32_t delay_s) {
  auto attrs = base(call);
  attrs.push_back(integer(kAcctStatusType, 2));
  attrs.push_back(text(kAcctSessionId, leg_session_id(call, origin)));
  attrs.push_back(text(kCalledStationId, call.called));
  attrs.push_back(cisco(kCallOrigin, "h323-call-origin", origin));
  attrs.push_back(cisco(kCallType, "h323-call-type", origin == "answer" ? "Telephony" : "VoIP"));
  attrs.push_back(cisco(kSetupTime, "h323-setup-time", cisco_time(setup_at)));
  attrs.push_back(cisco(kConnectTime, "h323-connect-time", cisco_time(connect_at)));
  attrs.push_back(
      cisco(kDisconnectTime, "h323-disconnect-time", cisco_time(connect_at + session_time_s)));
  attrs.push_back(cisco(kDisconnectCause, "h323-disconnect-cause", cause_hex));
  attrs.push_back(integer(kAcctSessionTime, session_time_s));
  attrs.push_back(integer(kEventTimestamp, static_cast<std::uint32_t>(now_s())));
  if (delay_s) attrs.push_back(integer(kAcctDelayTime, delay_s));
  return client_.accounting(attrs);
}

AccountingAnswer CiscoGateway::accounting_on() {
  return client_.accounting(
      with_nas_ip({integer(kAcctStatusType, 7), text(kAcctSessionId, "00000000"),
                   integer(kEventTimestamp, static_cast<std::uint32_t>(now_s()))},
                  nas_ip_));
}

AccountingAnswer CiscoGateway::accounting_off() {
  return client_.accounting(
      with_nas_ip({integer(kAcctStatusType, 8), text(kAcctSessionId, "00000000"),
                   integer(kEventTimestamp, static_cast<std::uint32_t>(now_s()))},
                  nas_ip_));
}

AccessAnswer SipProxy::authorize(const std::string& account, const std::string& password,
                                 const std::string& called_uri, const std::string& call_id) {
  std::vector<SendAttr> attrs =
      with_nas_ip({text(kUserName, account), text(kCalledStationId, called_uri),
                   text(kAvPair, "call-id=" + call_id, kCisco)},
                  nas_ip_);
  if (!password.empty()) attrs.push_back(text(kUserPassword, password));
  return client_.access(attrs);
}

AccountingAnswer SipProxy::start(const std::string& account, const std::string& called_uri,
                                 const std::string& call_id) {
  return client_.accounting(
      with_nas_ip({integer(kAcctStatusType, 1), text(kUserName, account),
                   text(kCalledStationId, called_uri), text(kAcctSessionId, call_id),
                   integer(kEventTimestamp, static_cast<std::uint32_t>(now_s()))},
                  nas_ip_));
}

AccountingAnswer SipProxy::stop(const std::string& account, const std::string& called_uri,
                                const std::string& call_id, std::uint32_t session_time_s) {
  return client_.accounting(with_nas_ip(
      {integer(kAcctStatusType, 2), text(kUserName, account), text(kCalledStationId, called_uri),
       text(kAcctSessionId, call_id), integer(kAcctSessionTime, session_time_s),
       integer(kEventTimestamp, static_cast<std::uint32_t>(now_s()))},
      nas_ip_));
}

}  // namespace prepaid::radius::testing

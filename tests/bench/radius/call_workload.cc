#include "tests/bench/radius/call_workload.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace prepaid::radius::bench {

namespace {
constexpr std::uint8_t kUserName = 1, kNasIpAddress = 4, kCalledStationId = 30,
                       kCallingStationId = 31, kAcctStatusType = 40, kAcctDelayTime = 41,
                       kAcctSessionId = 44, kAcctSessionTime = 46, kEventTimestamp = 55,
                       kNasPortType = 61;
constexpr std::uint32_t kCisco = 9;
constexpr std::uint8_t kConfId = 24, kCallOrigin = 26, kDisconnectCause = 30;
constexpr std::uint32_t kLoopback = 0x7f000001;
// draft-sterman-aaa-sip (Kamailio's auth_radius, FreeRADIUS's digest module): the response,
// and the challenge's fields each in a Digest-Attributes of its own (sub-type, length, value).
constexpr std::uint8_t kDigestResponse = 206, kDigestAttributes = 207;
constexpr std::uint8_t kDigestRealm = 1, kDigestNonce = 2, kDigestMethod = 3, kDigestUri = 4,
                       kDigestUserName = 10;

void digest_attribute(RadiusRequest& r, std::uint8_t sub_type, const std::string& value) {
  std::string sub;
  sub += static_cast<char>(sub_type);
  sub += static_cast<char>(value.size() + 2);
  sub += value;
  r.text(kDigestAttributes, sub);
}

// A SIP proxy's request for a user who answered the challenge (RFC 2617 without qop):
// response = MD5(MD5(user:realm:PIN):nonce:MD5(method:uri)), in hex.
void answer_digest(RadiusRequest& r, const std::string& user, const std::string& pin,
                   const std::string& called, std::uint64_t call) {
  const std::string realm = "bench.invalid";
  const std::string nonce = "nonce-" + std::to_string(call);
  const std::string method = "INVITE";
  const std::string uri = "sip:" + called + "@" + realm;
  const std::string ha1 = md5_hex(user + ":" + realm + ":" + pin);
  const std::string ha2 = md5_hex(method + ":" + uri);
  r.text(kDigestResponse, md5_hex(ha1 + ":" + nonce + ":" + ha2));
  digest_attribute(r, kDigestRealm, realm);
  digest_attribute(r, kDigestNonce, nonce);
  digest_attribute(r, kDigestMethod, method);
  digest_attribute(r, kDigestUri, uri);
  digest_attribute(r, kDigestUserName, user);
}
}  // namespace

const std::pair<std::string, std::string>& CallWorkload::card(std::uint64_t call) const {
  return plan_.cards[call % plan_.cards.size()];
}

std::vector<std::pair<std::string, std::string>> read_cards_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the cards file " + path);
  std::vector<std::pair<std::string, std::string>> cards;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string number, pin, extra;
    if (!(fields >> number >> pin) || (fields >> extra)) {
      throw std::runtime_error(path + ":" + std::to_string(lineno) + ": expected <number> <pin>");
    }
    cards.emplace_back(number, pin);
  }
  if (cards.empty()) throw std::runtime_error(path + ": no cards");
  return cards;
}

RadiusRequest CallWorkload::access(std::uint64_t call) const {
  RadiusRequest r(kAccessRequest);
  r.text(kUserName, card(call).first);
  if (plan_.chap) {
    r.chap_password(card(call).second);
  } else if (plan_.digest) {
    answer_digest(r, card(call).first, card(call).second, plan_.called, call);
  } else {
    r.password(card(call).second);
  }
  r.ipv4(kNasIpAddress, kLoopback)
      .integer(kNasPortType, 0)
      .text(kCallingStationId, plan_.calling)
      .text(kCalledStationId, plan_.called)
      .vendor_text(kCisco, kConfId,
                   "h323-conf-id=" + plan_.session_prefix + "-" + std::to_string(call));
  return r;
}

RadiusRequest CallWorkload::accounting(std::uint64_t call, bool stop) const {
  const auto id = plan_.session_prefix + "-" + std::to_string(call);
  const auto now =
      static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  RadiusRequest r(kAccountingRequest);
  r.integer(kAcctStatusType, stop ? 2 : 1)
      .text(kAcctSessionId, id + "-o")
      .text(kUserName, card(call).first)
      .ipv4(kNasIpAddress, kLoopback)
      .text(kCallingStationId, plan_.calling)
      .text(kCalledStationId, plan_.called)
      .vendor_text(kCisco, kConfId, "h323-conf-id=" + id)
      .vendor_text(kCisco, kCallOrigin, "h323-call-origin=originate")
      .integer(kEventTimestamp, now)
      .integer(kAcctDelayTime, 0);
  if (stop) {
    r.integer(kAcctSessionTime, plan_.session_time_s)
        .vendor_text(kCisco, kDisconnectCause, "h323-disconnect-cause=10");
  }
  return r;
}

std::optional<Outgoing> CallWorkload::next() {
  if (!ready_.empty()) {
    const auto [call, step] = ready_.front();
    ready_.pop_front();
    // step 1 is a Stop, except in a whole call, where 1 is its Start and 2 its Stop.
    const bool stop = phase_ == CallPhase::call ? step == 2 : true;
    return Outgoing{accounting(call, stop), call, step};
  }
  if (next_call_ >= plan_.calls) return std::nullopt;
  const auto call = next_call_++;
  switch (phase_) {
    case CallPhase::auth:
      return Outgoing{access(call), call, 0};
    case CallPhase::stop:
      return Outgoing{accounting(call, true), call, 1};
    case CallPhase::start_stop:
      return Outgoing{accounting(call, false), call, 0};
    case CallPhase::call:
      if (call_started_.size() <= call) call_started_.resize(call + 1);
      call_started_[call] = std::chrono::steady_clock::now();
      return Outgoing{access(call), call, 0};
  }
  return std::nullopt;
}

void CallWorkload::answered(const Outgoing& sent, const RadiusReply& reply) {
  const bool refusal = reply.h323_return_code && *reply.h323_return_code != 0;
  if (refusal) ++refused_;
  switch (phase_) {
    case CallPhase::start_stop:
      if (sent.step == 0) ready_.emplace_back(sent.call, 1);
      ++completed_;
      return;
    case CallPhase::call: {
      const std::uint8_t want = sent.step == 0 ? kAccessAccept : kAccountingResponse;
      if (reply.code != want || refusal) {
        if (!refusal) ++refused_;
        return;  // the call goes no further
      }
      if (sent.step < 2) {
        ready_.emplace_back(sent.call, sent.step + 1);
        return;
      }
      ++completed_;
      call_ms_.push_back(std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() -
                                                                  call_started_[sent.call])
                             .count());
      return;
    }
    default:
      ++completed_;
      return;
  }
}

std::vector<float> CallWorkload::call_latencies_ms() const {
  std::vector<float> out = call_ms_;
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace prepaid::radius::bench
